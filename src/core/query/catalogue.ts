/**
 * The endpoint catalogue: every endpoint of the analysis by service → file (the router module that
 * registers it) → tag (the framework's documentation groups, `Endpoint.tags`; a level only in files where
 * some endpoint has one) → endpoint, each with its caller counts, filterable by text (tags included),
 * method, status, service and file. The tree is served lazily, one level per request
 * (`catalogueChildren`), so a workspace with thousands of routes only ever sends the rows a person expanded.
 */
import { docsLeg, methodLabel, threeWayStatus } from '../report/labels';
import type { AnalysisResult, Endpoint, MethodOrAny } from '../types';
import { callersOf, testCallersOf } from './locate';
import type { TreeNode } from './tree';
import { pushTo } from '../multimap';

/** What the catalogue tells about an endpoint's use, for its status filter. */
export type EndpointStatus = 'used' | 'unused' | 'tests-only' | 'possible' | 'ignored' | 'docs-only' | 'undocumented' | 'partial' | 'page' | 'realtime';

export const ENDPOINT_STATUSES: readonly EndpointStatus[] = ['used', 'unused', 'tests-only', 'possible', 'ignored', 'docs-only', 'undocumented', 'partial', 'page', 'realtime'];

export interface CatalogueFilter {
  /** Words that must all appear in `METHOD /path handler service file`. */
  readonly text?: string;
  readonly methods?: readonly MethodOrAny[];
  readonly statuses?: readonly EndpointStatus[];
  readonly services?: readonly string[];
  /** Only the endpoints registered in this root-relative file. */
  readonly file?: string;
  /** Only the endpoints in these root-relative files (what changed since the default branch). */
  readonly files?: readonly string[];
}

/**
 * The statuses of an endpoint (one for its use, plus `docs-only`, `undocumented` and `partial` when they
 * apply). `undocumented`: its service has API documents and none lists it (the docs leg of its three-way status is ✗).
 */
export function endpointStatuses(e: Endpoint): EndpointStatus[] {
  const out: EndpointStatus[] = [];
  if (e.kind === 'page') out.push('page');
  else if (e.kind === 'socketio') out.push('realtime');
  else if (e.callers.length) out.push('used');
  else if (e.ignored) out.push('ignored');
  else if (e.possibleCallers.length) out.push('possible');
  else if (e.testCallers.length) out.push('tests-only');
  else out.push('unused');
  if (e.source !== 'code') out.push('docs-only');
  if (e.docs !== undefined && e.docs.length === 0) out.push('undocumented');
  if (e.confidence === 'partial') out.push('partial');
  return out;
}

/** A compiled filter: tests one endpoint. */
export function endpointMatcher(filter: CatalogueFilter): (e: Endpoint) => boolean {
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const methods = filter.methods?.length ? new Set(filter.methods) : null;
  const statuses = filter.statuses?.length ? new Set(filter.statuses) : null;
  const services = filter.services?.length ? new Set(filter.services) : null;
  const files = filter.files ? new Set(filter.files) : null;
  return (e) => {
    if (filter.file !== undefined && e.file !== filter.file) return false;
    if (files && !files.has(e.file)) return false;
    if (methods && !methods.has(e.method)) return false;
    if (services && !services.has(e.service)) return false;
    if (statuses && !endpointStatuses(e).some((s) => statuses.has(s))) return false;
    if (words.length === 0) return true;
    const hay = `${label(e)} ${e.handler ?? ''} ${e.service} ${e.file} ${(e.tags ?? []).join(' ')}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  };
}

const label = (e: Endpoint) => (e.event !== undefined ? `${e.side === 'send' ? 'emit' : 'on'} ${e.event}` : `${methodLabel(e.method, e.kind)} ${e.path}`);

/** `3 callers · 1 test`, `no callers`, `ignored`. */
export function usageText(result: AnalysisResult, e: Endpoint): string {
  const callers = callersOf(result, e).length;
  const tests = testCallersOf(result, e).length;
  const parts = [callers ? `${callers} caller${callers === 1 ? '' : 's'}` : e.ignored ? 'ignored' : e.possibleCallers.length ? `${e.possibleCallers.length} possible` : 'no callers'];
  if (tests) parts.push(`${tests} test${tests === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

export interface CatalogueLevel {
  readonly nodes: readonly TreeNode[];
  /** Endpoints that pass the filter, and all of them. */
  readonly shown: number;
  readonly total: number;
}

const METHOD_ICONS = new Set(['get', 'post', 'put', 'patch', 'delete', 'ws']);

/**
 * The children of `parent` (null: the services) for the endpoints that pass `filter`. Service and file
 * rows come without children (`collapsible` says whether they have some); `folder` is the key locations
 * carry (the client's folder URI).
 */
export function catalogueChildren(result: AnalysisResult, folder: string, filter: CatalogueFilter, parent: string | null): CatalogueLevel {
  const test = endpointMatcher(filter);
  const shown = result.endpoints.filter(test);
  const level = (nodes: TreeNode[]): CatalogueLevel => ({ nodes, shown: shown.length, total: result.endpoints.length });
  if (parent === null) {
    const services = groupBy(shown, (e) => e.service);
    return level([...services].sort(([a], [b]) => a.localeCompare(b)).map(([name, eps]) => branch('service', `cat:svc:${name}`, name, eps, result, 'server-environment', services.size <= 3 && eps.length <= 200)));
  }
  const svc = /^cat:svc:(.*)$/.exec(parent);
  if (svc) {
    const files = groupBy(shown.filter((e) => e.service === svc[1]), (e) => e.file);
    return level([...files].sort(([a], [b]) => a.localeCompare(b)).map(([file, eps]) => ({ ...branch('file', `cat:file:${svc[1]}\u0000${file}`, file.split('/').pop() ?? file, eps, result, 'file', files.size <= 10), description: `${file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : ''} · ${eps.length}${sharedTags(eps)?.length ? ` · ${sharedTags(eps)!.join(', ')}` : ''}`, resource: { folder, file } })));
  }
  const file = /^cat:file:([^\u0000]*)\u0000(.*)$/.exec(parent);
  if (file) {
    const eps = shown.filter((e) => e.service === file[1] && e.file === file[2]).sort(byLine);
    // The tag level, where the framework tags this file's endpoints differently (one tag for all is said on
    // the file's row instead); an endpoint with several tags is listed under each (as API documentation
    // lists it), one without under "untagged".
    if (sharedTags(eps) !== null) return level(eps.map((e) => endpointRow(result, folder, e)));
    const tags = groupByAll(eps, (e) => (e.tags?.length ? e.tags : ['']));
    const rows = [...tags].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
    return level(rows.map(([tag, list]) => tagRow(`cat:tag:${file[1]}\u0000${file[2]}\u0000${tag}`, tag, list, tags.size <= 5)));
  }
  const tag = /^cat:tag:([^\u0000]*)\u0000([^\u0000]*)\u0000(.*)$/.exec(parent);
  if (tag) {
    const [, service, inFile, name = ''] = tag;
    const eps = shown.filter((e) => e.service === service && e.file === inFile && (name === '' ? !e.tags?.length : e.tags?.includes(name))).sort(byLine);
    return level(eps.map((e) => endpointRow(result, folder, e)));
  }
  return level([]);
}

/** The tags every endpoint in `eps` has alike (`[]`: none has any), or null when they differ. */
function sharedTags(eps: readonly Endpoint[]): readonly string[] | null {
  const first = eps[0]?.tags ?? [];
  return eps.every((e) => (e.tags ?? []).join('\u0000') === first.join('\u0000')) ? first : null;
}

const byLine = (a: Endpoint, b: Endpoint) => a.line - b.line || a.column - b.column;

function tagRow(id: string, tag: string, eps: readonly Endpoint[], open: boolean): TreeNode {
  const used = eps.filter((e) => e.callers.length).length;
  const name = tag === '' ? 'untagged' : tag;
  return { kind: 'group', id, label: name, description: `${eps.length} · ${used} used`, tooltip: { kind: 'plaintext', value: tag === '' ? `${eps.length} endpoints without a tag` : `tag “${tag}”: ${eps.length} endpoints, ${used} used` }, icon: tag === '' ? 'circle-small' : 'tag', contextValue: 'catalogue-tag', collapsible: open ? 'expanded' : 'collapsed', children: [] };
}

/** Like {@link groupBy}, with items under each of their keys. */
function groupByAll<T>(items: readonly T[], keys: (t: T) => readonly string[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) for (const k of keys(t)) out.set(k, [...(out.get(k) ?? []), t]);
  return out;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) pushTo(out, key(t), t);
  return out;
}

function branch(kind: 'service' | 'file', id: string, name: string, eps: readonly Endpoint[], result: AnalysisResult, icon: string, open: boolean): TreeNode {
  const used = eps.filter((e) => e.callers.length).length;
  return { kind, id, label: name, description: `${eps.length} · ${used} used`, tooltip: { kind: 'plaintext', value: `${name}: ${eps.length} endpoints, ${used} used` }, icon, contextValue: `catalogue-${kind}`, collapsible: open ? 'expanded' : 'collapsed', children: [] };
}

function endpointRow(result: AnalysisResult, folder: string, e: Endpoint): TreeNode {
  const m = e.kind === 'websocket' ? 'ws' : e.method.toLowerCase();
  const statuses = endpointStatuses(e);
  const callers = callersOf(result, e);
  const tests = testCallersOf(result, e);
  const lines = [`**${label(e)}** · service \`${e.service}\` · ${e.framework}`, '', `${e.file}:${e.line}${e.handler ? ` — \`${e.handler}\`` : ''}`, '', `Status: ${statuses.join(', ')}`];
  if (e.event === undefined) lines.push('', threeWayStatus(e, callers.length));
  if (callers.length) lines.push('', 'Callers:', ...callers.slice(0, 20).map((c) => `- \`${c.file}:${c.line}\` via \`${c.client}\``));
  if (tests.length) lines.push('', 'Tests:', ...tests.slice(0, 20).map((c) => `- \`${c.file}:${c.line}\``));
  return {
    kind: 'leaf',
    id: `cat:ep:${e.id}`,
    label: label(e),
    description: `${usageText(result, e)}${e.event === undefined && e.docs ? ` · ${docsLeg(e)}` : ''}${e.handler ? ` · ${e.handler}` : ''}`,
    tooltip: { kind: 'markdown', value: lines.join('\n') },
    icon: `method:${METHOD_ICONS.has(m) ? m : 'any'}`,
    contextValue: `catalogue-endpoint-${statuses[0]}`,
    collapsible: 'none',
    location: { folder, file: e.file, line: e.line, column: e.column },
    children: [],
  };
}
