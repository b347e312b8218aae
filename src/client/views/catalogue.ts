/**
 * The Endpoints view: the catalogue (core/query/catalogue.ts) asked of the server one level at a time, so a
 * workspace with thousands of routes sends only the rows a person expands. Filters (text, method, status,
 * service, the current file, files changed since the default branch) live here and go with each request;
 * expanded and collapsed rows are remembered per workspace.
 */
import * as vscode from 'vscode';
import { RememberedExpansion } from './expansion';
import { rowIcon } from './icons';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CatalogueFilter, TreeNode } from '../../core/query';
import { catalogueRequest, type CatalogueParams, type RevealArgs } from '../../shared/protocol';

const EXPANSION_KEY = 'apiParity.catalogue.expansion';

export interface CatalogueState {
  filter: CatalogueFilter;
  currentFile: boolean;
  changedOnly: boolean;
}

export class EndpointCatalogue implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  state: CatalogueState = { filter: {}, currentFile: false, changedOnly: false };
  /** Set after each top-level answer: what the view's message says. */
  summary = '';
  view: vscode.TreeView<TreeNode> | null = null;
  private readonly expansion: RememberedExpansion;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | null,
  ) {
    this.expansion = new RememberedExpansion(context, EXPANSION_KEY);
  }

  /** Follow the view's expand/collapse events (remembered across sessions). */
  attach(view: vscode.TreeView<TreeNode>): vscode.Disposable[] {
    this.view = view;
    // As in the Gap Explorer: a filtered tree opens as the server says (its rows are few); what a person
    // opens there is not kept.
    return this.expansion.follow(view, (e) => e.id, () => this.isFiltered());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  setState(patch: Partial<CatalogueState>): void {
    this.state = { ...this.state, ...patch };
    void vscode.commands.executeCommand('setContext', 'apiParity.catalogue.filtered', this.isFiltered());
    this.refresh();
  }

  isFiltered(): boolean {
    const f = this.state.filter;
    return !!(f.text || f.methods?.length || f.statuses?.length || f.services?.length || this.state.currentFile || this.state.changedOnly);
  }

  params(parent: string | null): CatalogueParams {
    const doc = vscode.window.activeTextEditor?.document.uri;
    return { filter: this.state.filter, parent, documentUri: this.state.currentFile ? (doc?.toString() ?? 'untitled:none') : null, changedOnly: this.state.changedOnly };
  }

  async getChildren(el?: TreeNode): Promise<TreeNode[]> {
    const c = this.client();
    if (!c) return [];
    try {
      const r = await c.sendRequest(catalogueRequest, this.params(el?.id ?? null));
      if (!el) this.describe(r.shown, r.total, r.changed);
      return [...r.nodes];
    } catch {
      return [];
    }
  }

  private describe(shown: number, total: number, changed: { base: string; files: number } | { error: string } | undefined): void {
    const f = this.state.filter;
    const parts = [
      f.text ? `“${f.text}”` : '',
      f.methods?.length ? f.methods.join('/') : '',
      f.statuses?.length ? f.statuses.join(', ') : '',
      f.services?.length ? `service ${f.services.join(', ')}` : '',
      this.state.currentFile ? 'current file' : '',
      changed ? ('error' in changed ? `changed: ${changed.error}` : `changed since ${changed.base}`) : '',
    ].filter(Boolean);
    this.summary = parts.length ? `${shown} of ${total} endpoints · ${parts.join(' · ')}` : '';
    if (this.view) this.view.message = this.summary || '';
    if (this.view) this.view.description = total ? `${shown}/${total}` : undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    // VS Code keeps the expansion of a row it has seen by its id: a service row left collapsed (254
    // endpoints) stayed collapsed under a filter that kept one endpoint. Under a filter the ids differ, so the
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
    if (node.resource) item.resourceUri = vscode.Uri.joinPath(vscode.Uri.parse(node.resource.folder), ...node.resource.file.split('/'));
    if (node.location) {
      const { folder, file, line, column } = node.location;
      const args: RevealArgs = { uri: vscode.Uri.joinPath(vscode.Uri.parse(folder), ...file.split('/')).toString(), line: line - 1, character: column - 1 };
      item.command = { title: 'Go to Route', command: 'apiParity.revealLocation', arguments: [args] };
    }
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
