/**
 * The Gap Explorer's tree as plain data: groups (Missing / Method mismatch / Unused / Matched, then
 * External, Unresolved, Ignored, Skipped files when there are any), each with a count, then by service and
 * file. The client only turns nodes into tree items.
 */
import { GAP_KIND_ORDER, GAP_KINDS, kindRank } from '../report/gapKinds';
import type { AnalysisResult, GapKind, MethodOrAny } from '../types';
import { leavesOf, type FiledLeaf } from './treeLeaves';

/** What the Gap Explorer shows: rows whose words, file or service match (the blind spots always). */
export interface GapFilter {
  /** Words that must all appear in a row's label, description, file, service or group. */
  readonly text?: string;
  /** Only rows in this root-relative file (of the folder whose key is `folder`, when given). */
  readonly file?: { readonly folder?: string; readonly file: string };
  /** Only these services (named `name`, or `folder › name` in a multi-root tree). */
  readonly services?: readonly string[];
}

/** A group with more leaves than this shows its services and files collapsed (a click opens them). */
const OPEN_LIMIT = 200;

/** The fixed groups, plus one per gap kind that has no group of its own (docs drift, event mismatches …), named by the kind. */
export type GroupId = 'missing' | 'method-mismatch' | 'unused' | 'matched' | 'unchecked' | 'pages' | 'realtime' | 'external' | 'unresolved' | 'ignored' | 'skipped' | 'blind-spots' | GapKind;

/** A place in a folder: the folder's key (as given in `TreeFolder`), a root-relative file, 1-based line and column. */
export interface TreeLocation {
  readonly folder: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface TreeNode {
  readonly kind: 'group' | 'service' | 'file' | 'leaf';
  /** Stable across refreshes (keeps expansion state). */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: { readonly kind: 'plaintext' | 'markdown'; readonly value: string };
  /** A codicon id (`error`, `file` for the file's own icon), or `method:<name>` for `media/icons/methods/<name>.svg`. */
  readonly icon: string;
  readonly contextValue?: string;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  /** Where a click goes. */
  readonly location?: TreeLocation;
  /** The file the node stands for (its icon and decorations), without a click action. */
  readonly resource?: { readonly folder: string; readonly file: string };
  /** What the "Ignore This Endpoint…" context action ignores (on unused routes). */
  readonly ignore?: { readonly method: MethodOrAny; readonly path: string; readonly kind: 'endpoint' };
  readonly children: readonly TreeNode[];
}

/** One workspace folder: `key` is opaque to the core and comes back in locations (the client uses its URI). */
export interface TreeFolder {
  readonly key: string;
  readonly name: string;
  readonly result: AnalysisResult | null;
}

export interface GapTree {
  /** What the view shows when there are no rows: still indexing, or nothing found. */
  readonly state: 'indexing' | 'empty' | 'ready';
  readonly roots: readonly TreeNode[];
  /** Leaves that pass the filter, and all of them. */
  readonly shown?: number;
  readonly total?: number;
}

export interface GroupInfo {
  readonly id: GroupId;
  readonly label: string;
  readonly icon: string;
  /** The gap kind the group lists (its rank orders the group, as in the reports). */
  readonly gap?: GapKind;
  /** Shown even when empty. */
  readonly always: boolean;
}

/**
 * The groups. Gap groups come first, in the reports' order (`kindRank`); their labels are the tree's short
 * forms of `GAP_KINDS` titles. Then the other groups, in this order.
 */
const GROUP_TABLE: readonly GroupInfo[] = [
  { id: 'missing', label: 'Missing', icon: 'error', gap: 'missing-endpoint', always: true },
  { id: 'method-mismatch', label: 'Method mismatch', icon: 'warning', gap: 'method-mismatch', always: true },
  { id: 'unused', label: 'Unused', icon: 'circle-slash', gap: 'unused-endpoint', always: true },
  { id: 'matched', label: 'Matched', icon: 'pass', always: true },
  // Routes with no recognised caller that are not reported unused (withheld as a blind spot, only test or
  // possible callers, catch-alls): listed, never counted as findings.
  { id: 'unchecked', label: 'Not checked', icon: 'circle-large-outline', always: false },
  { id: 'pages', label: 'Pages', icon: 'browser', always: false },
  { id: 'realtime', label: 'Socket.IO events', icon: 'radio-tower', always: false },
  { id: 'external', label: 'External', icon: 'globe', always: false },
  { id: 'unresolved', label: 'Unresolved', icon: 'question', always: false },
  { id: 'ignored', label: 'Ignored', icon: 'eye-closed', always: false },
  { id: 'skipped', label: 'Skipped files', icon: 'file-binary', always: false },
];

/** Registered gap kinds without a group of their own: listed generically, at their gaps' locations. */
export const GENERIC_GAP_KINDS: readonly GapKind[] = GAP_KIND_ORDER.filter((k) => !GROUP_TABLE.some((g) => g.gap === k));

export const TREE_GROUPS: readonly GroupInfo[] = [
  ...[...GROUP_TABLE.filter((g) => g.gap), ...GENERIC_GAP_KINDS.map((k): GroupInfo => ({ id: k, label: GAP_KINDS[k].title, icon: 'warning', gap: k, always: false }))].sort((a, b) => kindRank(a.gap!) - kindRank(b.gap!)),
  ...GROUP_TABLE.filter((g) => !g.gap),
];

/** The tree for every folder with a result (only the rows `filter` lets through); no rows at all when nothing was found. */
export function gapTree(folders: readonly TreeFolder[], indexing: boolean, filter: GapFilter = {}): GapTree {
  const all = folders.flatMap((f) => (f.result ? leavesOf(f, f.result, folders.length > 1) : []));
  if (all.length === 0) return { state: indexing ? 'indexing' : 'empty', roots: [] };
  const leaves = all.filter(leafMatcher(filter));
  const roots = TREE_GROUPS.flatMap((g) => {
    const items = leaves.filter((l) => l.group === g.id);
    return g.always || items.length ? [groupNode(g, items)] : [];
  });
  const blind = blindSpots(folders);
  return { state: 'ready', roots: blind ? [blind, ...roots] : roots, shown: leaves.length, total: all.length };
}

function leafMatcher(filter: GapFilter): (l: FiledLeaf) => boolean {
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const services = filter.services?.length ? filter.services : null;
  const groupLabel = new Map(TREE_GROUPS.map((g) => [g.id, g.label]));
  return (l) => {
    if (filter.file && (l.file !== filter.file.file || (filter.file.folder !== undefined && l.node.location?.folder !== filter.file.folder))) return false;
    if (services && !services.some((s) => l.service === s || l.service.endsWith(` › ${s}`))) return false;
    if (words.length === 0) return true;
    const hay = `${l.node.label} ${l.node.description ?? ''} ${l.file} ${l.service} ${groupLabel.get(l.group) ?? l.group}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  };
}

/**
 * What the analysis could not see (a backend not indexed, a frontend whose calls are not recognised, a
 * framework that failed on a file): a top node, so an empty list below it is never taken for a clean bill.
 */
function blindSpots(folders: readonly TreeFolder[]): TreeNode | null {
  const notes = folders.flatMap((f) => (f.result?.notes ?? []).filter((n) => n.level === 'warning').map((n) => ({ f, n })));
  if (notes.length === 0) return null;
  const children = notes.map(({ f, n }, i): TreeNode => {
    // The first sentence; a colon ends it only after a clause ("The config file could not be read:"), not
    // after a subject alone ("service `api` (api):", which on plane made the row an empty warning).
    const first = n.message.split(/(?<=[.;])\s/)[0] ?? n.message;
    const colon = first.indexOf(': ');
    const sentence = colon >= 0 && first.slice(0, colon).split(/\s+/).length > 3 ? first.slice(0, colon + 1) : first;
    return {
      kind: 'leaf',
      id: `blind:${f.key}:${i}:${n.code ?? ''}`,
      label: sentence.length > 90 ? `${sentence.slice(0, 89)}…` : sentence,
      ...(folders.length > 1 ? { description: f.name } : {}),
      tooltip: { kind: 'plaintext', value: `${n.file ? `${n.file}: ` : ''}${n.message}` },
      icon: 'warning',
      contextValue: 'blind-spot',
      collapsible: 'none',
      ...(n.file ? { location: { folder: f.key, file: n.file, line: 1, column: 1 } } : {}),
      children: [],
    };
  });
  return {
    kind: 'group',
    id: 'group:blind-spots',
    label: 'Blind spots',
    description: String(notes.length),
    tooltip: { kind: 'plaintext', value: 'What this analysis could not see: findings near these may be missing or uncertain.' },
    icon: 'eye-closed',
    contextValue: 'group-blind-spots',
    collapsible: 'expanded',
    children,
  };
}

/** Every leaf below `node` (the node itself when it is one). */
export function treeLeaves(node: TreeNode): TreeNode[] {
  return node.kind === 'leaf' ? [node] : node.children.flatMap(treeLeaves);
}

function groupNode(g: GroupInfo, items: readonly FiledLeaf[]): TreeNode {
  const services = [...new Set(items.map((l) => l.service))].sort();
  return {
    kind: 'group',
    id: `group:${g.id}`,
    label: g.label,
    description: String(items.length),
    tooltip: { kind: 'plaintext', value: `${g.label}: ${items.length}` },
    icon: g.icon,
    contextValue: `group-${g.id}`,
    collapsible: items.length === 0 ? 'none' : g.id === 'matched' || g.id === 'unchecked' || g.id === 'pages' || g.id === 'realtime' ? 'collapsed' : 'expanded',
    children: services.map((name) => serviceNode(g.id, name, items.filter((l) => l.service === name), items.length <= OPEN_LIMIT)),
  };
}

function serviceNode(group: GroupId, name: string, items: readonly FiledLeaf[], open: boolean): TreeNode {
  const files = [...new Set(items.map((l) => l.file))].sort();
  return {
    kind: 'service',
    id: `${group}:svc:${name}`,
    label: name,
    description: String(items.length),
    icon: 'server-environment',
    contextValue: 'service',
    collapsible: open ? 'expanded' : 'collapsed',
    children: files.map((file) => fileNode(group, name, file, items.filter((l) => l.file === file), open)),
  };
}

function fileNode(group: GroupId, service: string, file: string, items: readonly FiledLeaf[], open: boolean): TreeNode {
  const folder = items[0]!.node.location!.folder;
  return {
    kind: 'file',
    id: `${group}:${service}:file:${file}`,
    label: file.split('/').pop() ?? file,
    description: `${file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : ''} · ${items.length}`,
    icon: 'file',
    contextValue: 'file',
    collapsible: open ? 'expanded' : 'collapsed',
    resource: { folder, file },
    children: [...items].sort((a, b) => a.line - b.line).map((l) => l.node),
  };
}
