/**
 * The Gap Explorer's leaves: one per route, per call that did not simply match, and per skipped file,
 * each with the group, service and file it is filed under.
 */
import { methodLabel } from '../report/gapKinds';
import type { AnalysisResult, Call, CallStatus, Endpoint, Gap, SkippedFile } from '../types';
import { GENERIC_GAP_KINDS, type GroupId, type TreeFolder, type TreeNode } from './tree';

/** A leaf and where it is filed. */
export interface FiledLeaf {
  readonly group: GroupId;
  readonly service: string;
  readonly file: string;
  readonly line: number;
  readonly node: TreeNode;
}

/** The group of a call by status; matched calls are shown under their route, not on their own. */
const CALL_GROUP: Readonly<Record<CallStatus, GroupId | null>> = {
  matched: null,
  missing: 'missing',
  'method-mismatch': 'method-mismatch',
  external: 'external',
  unresolved: 'unresolved',
  unchecked: 'unresolved',
  ignored: 'ignored',
};

/** Method icons the extension ships (`media/icons/methods/<name>.svg`); anything else shows `any`. */
const METHOD_ICONS = new Set(['get', 'post', 'put', 'patch', 'delete', 'ws']);
const methodIcon = (name: string) => `method:${METHOD_ICONS.has(name) ? name : 'any'}`;

/** The leaves of one folder's result, routes first, then calls, then skipped files. */
export function leavesOf(folder: TreeFolder, r: AnalysisResult, multiRoot: boolean): FiledLeaf[] {
  const serviceOf = (file: string) => {
    const name = serviceName(r, file) || (file.includes('/') ? file.slice(0, file.indexOf('/')) : folder.name);
    return multiRoot ? `${folder.name} › ${name}` : name;
  };
  const gapMessage = new Map(r.gaps.map((g) => [g.subject, g.message]));
  const endpoints = new Map(r.endpoints.map((e) => [e.id, e]));
  // Only a route the rule reported is "unused"; one whose finding was withheld (a blind spot) or that has
  // test or possible callers is "not checked".
  const reported = new Set(r.gaps.filter((g) => g.kind === 'unused-endpoint').map((g) => g.subject));
  const leaves: FiledLeaf[] = [];
  for (const e of r.endpoints) {
    const group: GroupId = e.callers.length ? 'matched' : e.kind === 'page' ? 'pages' : e.kind === 'socketio' ? 'realtime' : e.ignored ? 'ignored' : reported.has(e.id) ? 'unused' : 'unchecked';
    leaves.push(filed(group, serviceOf(e.file), e.file, e.line, endpointLeaf(folder, e, group, gapMessage.get(e.id))));
  }
  for (const c of r.calls) {
    const group = CALL_GROUP[c.status];
    if (!group) continue;
    const target = c.endpoint ? endpoints.get(c.endpoint) : undefined;
    leaves.push(filed(group, serviceOf(c.file), c.file, c.line, callLeaf(folder, c, group, gapMessage.get(c.id), target)));
  }
  for (const g of r.gaps) if (GENERIC_GAP_KINDS.includes(g.kind)) leaves.push(filed(g.kind, serviceOf(g.file), g.file, g.line, gapLeaf(folder, g)));
  for (const s of r.skipped) leaves.push(filed('skipped', serviceOf(s.file), s.file, 1, skippedLeaf(folder, s)));
  return leaves;
}

/** The service whose root holds `file` (the deepest), or '' when none does. */
function serviceName(r: AnalysisResult, file: string): string {
  let best = '';
  let name = '';
  for (const s of r.services) {
    if ((s.root === '.' || file === s.root || file.startsWith(s.root + '/')) && s.root.length >= best.length) {
      best = s.root;
      name = s.name;
    }
  }
  return name;
}

function filed(group: GroupId, service: string, file: string, line: number, node: TreeNode): FiledLeaf {
  return { group, service, file, line, node };
}

function leaf(group: GroupId, folder: TreeFolder, at: { file: string; line: number; column: number }, fields: Pick<TreeNode, 'label' | 'description' | 'icon' | 'contextValue'> & { tooltip: string }): TreeNode {
  return {
    kind: 'leaf',
    id: `${group}:${at.file}:${at.line}:${at.column}:${fields.label}`,
    label: fields.label,
    description: fields.description,
    tooltip: { kind: 'markdown', value: fields.tooltip },
    icon: fields.icon,
    contextValue: fields.contextValue,
    collapsible: 'none',
    location: { folder: folder.key, file: at.file, line: at.line, column: at.column },
    children: [],
  };
}

function endpointLeaf(folder: TreeFolder, e: Endpoint, group: GroupId, message: string | undefined): TreeNode {
  const label = e.event !== undefined ? `${e.side === 'send' ? 'emit' : 'on'} ${e.event}${e.path === '/' ? '' : ` · ${e.path}`}` : `${methodLabel(e.method, e.kind)} ${e.path}`;
  const description = group === 'matched' ? `${e.callers.length} caller${e.callers.length === 1 ? '' : 's'}` : group === 'ignored' ? `ignored: ${e.ignored}` : `${e.handler ?? ''}${e.confidence === 'partial' ? ' · partial' : ''}`;
  const why = group !== 'unchecked' ? '' : e.testCallers.length ? 'Called only from tests.' : e.possibleCallers.length ? 'Possible callers whose base URL could not be evaluated.' : 'No recognised caller, and not reported unused: see Blind spots (or a catch-all / WebSocket route).';
  const docs = e.docs === undefined ? '' : e.docs.length ? `Documented in ${e.docs.map((d) => `\`${d}\``).join(', ')}` : 'Not listed in its service\'s API documents';
  const tooltip = [`**${label}**`, `${e.file}:${e.line}${e.handler ? ` · \`${e.handler}\`` : ''}`, docs, message ?? '', why, ...e.notes].filter(Boolean).join('\n\n');
  const node = leaf(group, folder, e, {
    label,
    description,
    tooltip,
    icon: methodIcon(e.kind === 'websocket' ? 'ws' : e.method === '*' ? 'any' : e.method.toLowerCase()),
    contextValue: group === 'unused' ? 'endpoint-unused' : `endpoint-${group}`,
  });
  return group === 'unused' ? { ...node, ignore: { method: e.method, path: e.path, kind: 'endpoint' } } : node;
}

function callLeaf(folder: TreeFolder, c: Call, group: GroupId, message: string | undefined, target: Endpoint | undefined): TreeNode {
  const method = methodLabel(c.method, c.kind);
  const description = group === 'external' ? (c.origin ?? '') : group === 'unresolved' || group === 'ignored' ? (c.reason ?? '') : `line ${c.line} · ${c.client}`;
  const tooltip = [`**${method} ${c.path ?? '?'}**`, `${c.file}:${c.line} · \`${c.client}\``, message ?? c.reason ?? '', `URL: \`${c.url ?? '?'}\``, target ? `→ ${target.path}` : ''].filter(Boolean).join('\n\n');
  return leaf(group, folder, c, {
    label: `${method} ${c.path ?? c.url ?? '?'}`,
    description,
    tooltip,
    icon: methodIcon(c.method === '*' ? 'any' : c.method.toLowerCase()),
    contextValue: `call-${group}`,
  });
}

/** A gap of a kind without a group of its own: its event, or its method and path, and its message. */
function gapLeaf(folder: TreeFolder, g: Gap): TreeNode {
  // A gap with no path (an unused client method) is named by what its message names first (`Service.method`):
  // the file's name alone, repeated on every row of a file, told the rows apart by nothing.
  const named = /^`([^`\n]{1,120})`/.exec(g.message)?.[1];
  const label = g.event !== undefined ? g.event : g.method && g.path ? `${methodLabel(g.method)} ${g.path}` : (named ?? g.file.split('/').pop() ?? g.file);
  return leaf(g.kind, folder, g, { label, description: `${g.file}:${g.line}`, tooltip: `**${label}**\n\n${g.message}`, icon: methodIcon(g.method ? g.method.toLowerCase() : 'any'), contextValue: `gap-${g.kind}` });
}

function skippedLeaf(folder: TreeFolder, s: SkippedFile): TreeNode {
  return leaf('skipped', folder, { file: s.file, line: 1, column: 1 }, {
    label: s.file.split('/').pop() ?? s.file,
    description: s.reason,
    tooltip: `**${s.file}**\n\n${s.reason}`,
    icon: methodIcon('any'),
    contextValue: 'skipped',
  });
}
