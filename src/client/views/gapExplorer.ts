/**
 * The Gap Explorer view: the core's tree (core/query/tree.ts, built from the server's `apiParity/gaps`
 * snapshot) as VS Code tree items; a click on a leaf reveals its source.
 */
import * as vscode from 'vscode';
import { gapTree, treeLeaves, type TreeNode } from '../../core/query/tree';
import type { GapsResult, IgnoreCommandArgs, RevealArgs } from '../../shared/protocol';

/** A core node as the view's element. */
export interface GapNode {
  readonly t: TreeNode['kind'];
  readonly node: TreeNode;
  /** The leaves below (extension.ts counts a group's). */
  readonly items: readonly TreeNode[];
  /** The "Ignore This Endpoint…" arguments, on unused routes. */
  readonly ignoreArgs?: IgnoreCommandArgs;
}
/** The element the context-menu commands receive. */
export type Leaf = GapNode;

const COLLAPSIBLE: Record<TreeNode['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

export class GapExplorer implements vscode.TreeDataProvider<GapNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GapNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: GapNode[] = [];
  private last: GapsResult | null = null;
  /** The service the status item's picker focuses on (null: every service). */
  private service: string | null = null;

  constructor(private readonly context: vscode.ExtensionContext) {}

  focus(service: string | null): void {
    this.service = service;
    if (this.last) this.update(this.last);
  }

  /** Rebuild from a server snapshot; returns the groups (for tests and the welcome state). */
  update(data: GapsResult): readonly GapNode[] {
    this.last = data;
    const tree = gapTree(data.folders.map((f) => ({ key: f.uri, name: f.name, result: f.result })), data.indexing);
    this.roots = tree.roots.map((n) => element(this.service ? onlyService(n, this.service) : n));
    void vscode.commands.executeCommand('setContext', 'apiParity.state', tree.state);
    this.changed.fire(undefined);
    return this.roots;
  }

  getChildren(el?: GapNode): GapNode[] {
    return el ? el.node.children.map(element) : this.roots;
  }

  getTreeItem({ node }: GapNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, COLLAPSIBLE[node.collapsible]);
    item.id = node.id;
    if (node.description !== undefined) item.description = node.description;
    if (node.tooltip) item.tooltip = node.tooltip.kind === 'markdown' ? new vscode.MarkdownString(node.tooltip.value) : node.tooltip.value;
    item.iconPath = this.icon(node.icon);
    if (node.contextValue !== undefined) item.contextValue = node.contextValue;
    if (node.resource) item.resourceUri = fileUri(node.resource.folder, node.resource.file);
    if (node.location) {
      const { folder, file, line, column } = node.location;
      const args: RevealArgs = { uri: fileUri(folder, file).toString(), line: line - 1, character: column - 1 };
      item.command = { title: 'Reveal', command: 'apiParity.revealLocation', arguments: [args] };
    }
    return item;
  }

  private icon(id: string): vscode.Uri | vscode.ThemeIcon {
    if (id.startsWith('method:')) return vscode.Uri.joinPath(this.context.extensionUri, 'media', 'icons', 'methods', `${id.slice('method:'.length)}.svg`);
    return id === 'file' ? vscode.ThemeIcon.File : new vscode.ThemeIcon(id);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A group with only one service's rows (services are named `name` or `folder › name`). */
function onlyService(group: TreeNode, service: string): TreeNode {
  if (group.kind !== 'group' || group.id === 'group:blind-spots') return group;
  const children = group.children.filter((c) => c.kind !== 'service' || c.label === service || c.label.endsWith(` › ${service}`));
  const count = children.reduce((n, c) => n + treeLeaves(c).length, 0);
  return { ...group, children, description: String(count), collapsible: count === 0 ? 'none' : group.collapsible };
}

function element(node: TreeNode): GapNode {
  const el = { t: node.kind, node, items: treeLeaves(node) };
  return node.ignore && node.location ? { ...el, ignoreArgs: { folderUri: node.location.folder, ...node.ignore } } : el;
}

/** A root-relative file in the folder whose URI is `folderUri` (the key the tree was built with). */
function fileUri(folderUri: string, file: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.parse(folderUri), ...file.split('/'));
}
