/**
 * The Gap Explorer view: the core's tree (core/query/tree.ts) asked of the server one level at a time
 * (`apiParity/gapTree`), so a workspace with thousands of routes sends only the rows a person sees.
 * The filter (text, the focused service, "only the current file") goes with each request; expanded and
 * collapsed rows are remembered per workspace. A click on a leaf reveals its source.
 */
import * as vscode from 'vscode';
import { RememberedExpansion } from './expansion';
import { rowIcon } from './icons';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { TreeNode } from '../../core/query/tree';
import { gapTreeRequest, type GapTreeParams, type IgnoreCommandArgs, type RevealArgs } from '../../shared/protocol';

const EXPANSION_KEY = 'apiParity.gapExplorer.expansion';

/** A core node as the view's element. */
export interface GapNode {
  readonly t: TreeNode['kind'];
  readonly node: TreeNode;
  /** The "Ignore This Endpoint…" arguments, on unused routes. */
  readonly ignoreArgs?: IgnoreCommandArgs;
}
/** The element the context-menu commands receive. */
export type Leaf = GapNode;

export interface GapExplorerState {
  /** Words every row must contain. */
  text: string;
  /** Only the rows of the active editor's file. */
  currentFile: boolean;
}

/** What the top level said last: the view's message and the welcome state come from it. */
export interface GapTopLevel {
  readonly state: 'indexing' | 'empty' | 'ready';
  readonly indexing: boolean;
  readonly shown: number;
  readonly total: number;
}

export class GapExplorer implements vscode.TreeDataProvider<GapNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GapNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The service the status item's picker focuses on (null: every service). */
  private service: string | null = null;
  state: GapExplorerState = { text: '', currentFile: false };
  view: vscode.TreeView<GapNode> | null = null;
  /** The last top-level answer (null before the first). */
  top: GapTopLevel | null = null;
  private readonly expansion: RememberedExpansion;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | null,
  ) {
    this.expansion = new RememberedExpansion(context, EXPANSION_KEY);
  }

  /** Follow the view's expand/collapse events (remembered across sessions). */
  attach(view: vscode.TreeView<GapNode>): vscode.Disposable[] {
    this.view = view;
    // A filtered tree opens as the server says (its rows are few); what a person opens there is not kept.
    return this.expansion.follow(view, (e) => e.node.id, () => this.isFiltered());
  }

  focus(service: string | null): void {
    this.service = service;
    this.refresh();
  }

  setState(patch: Partial<GapExplorerState>): void {
    this.state = { ...this.state, ...patch };
    void vscode.commands.executeCommand('setContext', 'apiParity.gapExplorer.filtered', this.isFiltered());
    this.refresh();
  }

  isFiltered(): boolean {
    return !!(this.state.text || this.state.currentFile || this.service);
  }

  /** Ask the view for its rows again (a new snapshot, another filter). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  params(parent: string | null): GapTreeParams {
    const doc = vscode.window.activeTextEditor?.document.uri;
    return {
      parent,
      filter: { ...(this.state.text ? { text: this.state.text } : {}), ...(this.service ? { services: [this.service] } : {}) },
      documentUri: this.state.currentFile ? (doc?.toString() ?? 'untitled:none') : null,
    };
  }

  async getChildren(el?: GapNode): Promise<GapNode[]> {
    const c = this.client();
    if (!c) return [];
    try {
      const r = await c.sendRequest(gapTreeRequest, this.params(el?.node.id ?? null));
      if (!el) this.describe(r);
      return r.nodes.map(element);
    } catch {
      return [];
    }
  }

  private describe(top: GapTopLevel): void {
    this.top = { state: top.state, indexing: top.indexing, shown: top.shown, total: top.total };
    void vscode.commands.executeCommand('setContext', 'apiParity.state', top.state);
    if (!this.view) return;
    const parts = [this.state.text ? `“${this.state.text}”` : '', this.service ? `service ${this.service}` : '', this.state.currentFile ? 'current file' : ''].filter(Boolean);
    this.view.message = top.indexing && top.total === 0 ? 'Indexing…' : parts.length ? `${top.shown} of ${top.total} rows · ${parts.join(' · ')}` : '';
  }

  getTreeItem({ node }: GapNode): vscode.TreeItem {
    // VS Code keeps the expansion of a row it has seen by its id: under a filter the ids differ, so the
    // filtered tree opens by its own defaults and the unfiltered one comes back as it was left.
    const filter = this.isFiltered() ? JSON.stringify(this.params(null)) : '';
    const remembered = filter ? undefined : this.expansion.get(node.id);
    const state = node.collapsible === 'none' ? vscode.TreeItemCollapsibleState.None : (remembered ?? node.collapsible === 'expanded') ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = filter ? `${node.id}\u0000${filter}` : node.id;
    if (node.description !== undefined) item.description = node.description;
    if (node.tooltip) item.tooltip = node.tooltip.kind === 'markdown' ? new vscode.MarkdownString(node.tooltip.value) : node.tooltip.value;
    item.iconPath = rowIcon(this.context, node.icon);
    if (node.contextValue !== undefined) item.contextValue = node.contextValue;
    if (node.resource) item.resourceUri = fileUri(node.resource.folder, node.resource.file);
    if (node.location) {
      const { folder, file, line, column } = node.location;
      const args: RevealArgs = { uri: fileUri(folder, file).toString(), line: line - 1, character: column - 1 };
      item.command = { title: 'Reveal', command: 'apiParity.revealLocation', arguments: [args] };
    }
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function element(node: TreeNode): GapNode {
  const el = { t: node.kind, node };
  return node.ignore && node.location ? { ...el, ignoreArgs: { folderUri: node.location.folder, ...node.ignore } } : el;
}

/** A root-relative file in the folder whose URI is `folderUri` (the key the tree was built with). */
function fileUri(folderUri: string, file: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.parse(folderUri), ...file.split('/'));
}
