/**
 * Which rows of a tree view a person opened or closed, remembered per workspace (`workspaceState`), so a
 * view rebuilt from a new snapshot or after a restart opens as it was left.
 */
import type * as vscode from 'vscode';

export class RememberedExpansion {
  private readonly open: Record<string, boolean>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly key: string,
  ) {
    this.open = { ...context.workspaceState.get<Record<string, boolean>>(key, {}) };
  }

  /** Whether the row was left open or closed; undefined when it never was either. */
  get(id: string): boolean | undefined {
    return this.open[id];
  }

  /** Follow the view's expand and collapse events for rows `idOf` names; none while `paused()`. */
  follow<T>(view: vscode.TreeView<T>, idOf: (element: T) => string, paused: () => boolean = () => false): vscode.Disposable[] {
    const remember = (element: T, open: boolean) => {
      if (paused()) return;
      this.open[idOf(element)] = open;
      void this.context.workspaceState.update(this.key, this.open);
    };
    return [view.onDidExpandElement((e) => remember(e.element, true)), view.onDidCollapseElement((e) => remember(e.element, false))];
  }
}
