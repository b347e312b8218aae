/**
 * The Gap Explorer: Missing / Method mismatch / Unused / Matched (then External, Unresolved, Ignored,
 * Skipped files when there are any), each with a count, then by service and file. Data comes from the
 * server's `apiParity/gaps` request; a click reveals the source.
 */
import * as vscode from 'vscode';
import { methodLabel } from '../../core/report/gapKinds';
import type { AnalysisResult, Call, Endpoint } from '../../core/types';
import type { FolderSnapshot, GapsResult } from '../../shared/protocol';

type GroupId = 'missing' | 'method-mismatch' | 'unused' | 'matched' | 'external' | 'unresolved' | 'ignored' | 'skipped';

export type GapNode =
  | { readonly t: 'group'; readonly id: GroupId; readonly label: string; readonly items: readonly Leaf[] }
  | { readonly t: 'service'; readonly group: GroupId; readonly name: string; readonly items: readonly Leaf[] }
  | { readonly t: 'file'; readonly group: GroupId; readonly service: string; readonly file: string; readonly items: readonly Leaf[] }
  | Leaf;

export interface Leaf {
  readonly t: 'leaf';
  readonly group: GroupId;
  readonly service: string;
  readonly file: string;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly method: string;
  readonly uri: vscode.Uri;
  readonly line: number;
  readonly column: number;
  readonly contextValue: string;
  readonly ignoreArgs?: { folderUri: string; method: string; path: string; kind: 'endpoint' };
}

const GROUPS: ReadonlyArray<{ id: GroupId; label: string; always: boolean }> = [
  { id: 'missing', label: 'Missing', always: true },
  { id: 'method-mismatch', label: 'Method mismatch', always: true },
  { id: 'unused', label: 'Unused', always: true },
  { id: 'matched', label: 'Matched', always: true },
  { id: 'external', label: 'External', always: false },
  { id: 'unresolved', label: 'Unresolved', always: false },
  { id: 'ignored', label: 'Ignored', always: false },
  { id: 'skipped', label: 'Skipped files', always: false },
];

export class GapExplorer implements vscode.TreeDataProvider<GapNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GapNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: GapNode[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Rebuild from a server snapshot; returns the groups (for tests and the welcome state). */
  update(data: GapsResult): readonly GapNode[] {
    const leaves: Leaf[] = [];
    for (const folder of data.folders) if (folder.result) leaves.push(...leavesOf(folder, folder.result, data.folders.length > 1));
    this.roots = GROUPS.flatMap((g) => {
      const items = leaves.filter((l) => l.group === g.id);
      return g.always || items.length ? [{ t: 'group' as const, id: g.id, label: g.label, items }] : [];
    });
    const empty = leaves.length === 0;
    void vscode.commands.executeCommand('setContext', 'apiParity.state', data.indexing && empty ? 'indexing' : empty ? 'empty' : 'ready');
    if (empty) this.roots = [];
    this.changed.fire(undefined);
    return this.roots;
  }

  getChildren(node?: GapNode): GapNode[] {
    if (!node) return this.roots;
    switch (node.t) {
      case 'group': {
        const services = [...new Set(node.items.map((l) => l.service))].sort();
        return services.map((name) => ({ t: 'service', group: node.id, name, items: node.items.filter((l) => l.service === name) }));
      }
      case 'service': {
        const files = [...new Set(node.items.map((l) => l.file))].sort();
        return files.map((file) => ({ t: 'file', group: node.group, service: node.name, file, items: node.items.filter((l) => l.file === file) }));
      }
      case 'file':
        return [...node.items].sort((a, b) => a.line - b.line);
      case 'leaf':
        return [];
    }
  }

  getTreeItem(node: GapNode): vscode.TreeItem {
    switch (node.t) {
      case 'group': {
        const item = new vscode.TreeItem(node.label, node.items.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = `group:${node.id}`;
        item.description = String(node.items.length);
        item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.id]);
        item.contextValue = `group-${node.id}`;
        item.tooltip = `${node.label}: ${node.items.length}`;
        if (node.id === 'matched' && node.items.length > 0) item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
        return item;
      }
      case 'service': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${node.group}:svc:${node.name}`;
        item.description = String(node.items.length);
        item.iconPath = new vscode.ThemeIcon('server-environment');
        item.contextValue = 'service';
        return item;
      }
      case 'file': {
        const first = node.items[0]!;
        const item = new vscode.TreeItem(first.uri, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${node.group}:${node.service}:file:${node.file}`;
        item.label = node.file.split('/').pop();
        item.description = `${node.file.includes('/') ? node.file.slice(0, node.file.lastIndexOf('/')) : ''} · ${node.items.length}`;
        item.resourceUri = first.uri;
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = 'file';
        return item;
      }
      case 'leaf': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.group}:${node.file}:${node.line}:${node.column}:${node.label}`;
        item.description = node.description;
        item.tooltip = new vscode.MarkdownString(node.tooltip);
        item.iconPath = this.methodIcon(node.method);
        item.contextValue = node.contextValue;
        item.command = { title: 'Reveal', command: 'apiParity.revealLocation', arguments: [{ uri: node.uri.toString(), line: node.line - 1, character: node.column - 1 }] };
        return item;
      }
    }
  }

  private methodIcon(method: string): vscode.Uri {
    const name = ['get', 'post', 'put', 'patch', 'delete', 'ws'].includes(method) ? method : 'any';
    return vscode.Uri.joinPath(this.context.extensionUri, 'media', 'icons', 'methods', `${name}.svg`);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

const GROUP_ICONS: Record<GroupId, string> = {
  missing: 'error',
  'method-mismatch': 'warning',
  unused: 'circle-slash',
  matched: 'pass',
  external: 'globe',
  unresolved: 'question',
  ignored: 'eye-closed',
  skipped: 'file-binary',
};

function leavesOf(folder: FolderSnapshot, r: AnalysisResult, multiRoot: boolean): Leaf[] {
  const uri = (file: string) => vscode.Uri.joinPath(vscode.Uri.parse(folder.uri), ...file.split('/'));
  const serviceOf = (file: string) => {
    let best = '';
    let name = '';
    for (const s of r.services) if ((s.root === '.' || file === s.root || file.startsWith(s.root + '/')) && s.root.length >= best.length) {
      best = s.root;
      name = s.name;
    }
    if (!name) name = file.includes('/') ? file.slice(0, file.indexOf('/')) : folder.name;
    return multiRoot ? `${folder.name} › ${name}` : name;
  };
  const endpoints = new Map(r.endpoints.map((e) => [e.id, e]));
  const leaves: Leaf[] = [];
  const gapMessage = new Map(r.gaps.map((g) => [g.subject, g.message]));
  for (const e of r.endpoints) {
    const group: GroupId = e.callers.length ? 'matched' : e.ignored ? 'ignored' : 'unused';
    leaves.push(endpointLeaf(e, group, uri(e.file), serviceOf(e.file), folder.uri, gapMessage.get(e.id)));
  }
  for (const c of r.calls) {
    const group: GroupId | null = c.status === 'missing' ? 'missing' : c.status === 'method-mismatch' ? 'method-mismatch' : c.status === 'external' ? 'external' : c.status === 'unresolved' || c.status === 'unchecked' ? 'unresolved' : c.status === 'ignored' ? 'ignored' : null;
    if (!group) continue;
    leaves.push(callLeaf(c, group, uri(c.file), serviceOf(c.file), gapMessage.get(c.id), c.endpoint ? endpoints.get(c.endpoint) : undefined));
  }
  for (const s of r.skipped) {
    leaves.push({ t: 'leaf', group: 'skipped', service: serviceOf(s.file), file: s.file, label: s.file.split('/').pop() ?? s.file, description: s.reason, tooltip: `**${s.file}**\n\n${s.reason}`, method: 'any', uri: uri(s.file), line: 1, column: 1, contextValue: 'skipped' });
  }
  return leaves;
}


function endpointLeaf(e: Endpoint, group: GroupId, uri: vscode.Uri, service: string, folderUri: string, message: string | undefined): Leaf {
  const description = group === 'matched' ? `${e.callers.length} caller${e.callers.length === 1 ? '' : 's'}` : group === 'ignored' ? `ignored: ${e.ignored}` : `${e.handler ?? ''}${e.confidence === 'partial' ? ' · partial' : ''}`;
  return {
    t: 'leaf',
    group,
    service,
    file: e.file,
    label: `${methodLabel(e.method, e.kind)} ${e.path}`,
    description,
    tooltip: [`**${methodLabel(e.method, e.kind)} ${e.path}**`, `${e.file}:${e.line}${e.handler ? ` · \`${e.handler}\`` : ''}`, message ?? '', ...e.notes].filter(Boolean).join('\n\n'),
    method: e.kind === 'websocket' ? 'ws' : e.method === '*' ? 'any' : e.method.toLowerCase(),
    uri,
    line: e.line,
    column: e.column,
    contextValue: group === 'unused' ? 'endpoint-unused' : `endpoint-${group}`,
    ...(group === 'unused' ? { ignoreArgs: { folderUri, method: e.method, path: e.path, kind: 'endpoint' as const } } : {}),
  };
}

function callLeaf(c: Call, group: GroupId, uri: vscode.Uri, service: string, message: string | undefined, target: Endpoint | undefined): Leaf {
  const description = group === 'external' ? (c.origin ?? '') : group === 'unresolved' || group === 'ignored' ? (c.reason ?? '') : `line ${c.line} · ${c.client}`;
  return {
    t: 'leaf',
    group,
    service,
    file: c.file,
    label: `${methodLabel(c.method, c.kind)} ${c.path ?? c.url ?? '?'}`,
    description,
    tooltip: [`**${methodLabel(c.method, c.kind)} ${c.path ?? '?'}**`, `${c.file}:${c.line} · \`${c.client}\``, message ?? c.reason ?? '', `URL: \`${c.url ?? '?'}\``, target ? `→ ${target.path}` : ''].filter(Boolean).join('\n\n'),
    method: c.method === '*' ? 'any' : c.method.toLowerCase(),
    uri,
    line: c.line,
    column: c.column,
    contextValue: `call-${group}`,
  };
}
