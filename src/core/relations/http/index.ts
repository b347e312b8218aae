/**
 * The http relation: each request found in the code is matched against the routes of the services it
 * can reach; the rules decide what the outcome means for the call (missing, unchecked, unresolved …),
 * and configured ignore rules silence what they cover. Outcomes are memoised while the services and
 * their endpoints are unchanged, so an edit to a frontend file re-matches only that file's calls.
 */
import { ruleMatches, type Config } from '../../config';
import type { DraftCall } from '../../engine/requests';
import type { ServiceIndex } from '../../engine/services';
import { formatPath, parseCallPath } from '../../match/path';
import { displayParts } from '../../match/url';
import { projectOf, type Project } from '../../project/projects';
import { fileRole } from '../../project/roles';
import { methodLabel } from '../../report/labels';
import { decideCall, ruleForCallStatus } from '../../rules/registry';
import type { Call, Endpoint } from '../../types';
import { matchCall, type MatchOutcome } from './matcher';
import { MatchMemo, matchEnvKey } from './memo';
import { followForward } from './forward';
import { matchNamed } from './named';
import { uncalledClientMethods, type ClientMethod, type ClientMethodIndex } from './clientMethods';
import { expandPages } from './pages';
import type { Relation } from '../types';

export interface HttpRelation {
  readonly calls: readonly Call[];
  readonly matches: ReadonlyArray<{ readonly call: Call; readonly outcome: MatchOutcome | null }>;
  /** Client methods that make requests and that nothing calls (their calls are not callers). */
  readonly clientMethods: readonly ClientMethod[];
}

declare module '../types' {
  interface RelationOutputs {
    http: HttpRelation;
  }
}

const http: Relation<'http', MatchMemo> = {
  id: 'http',
  title: 'HTTP requests ↔ routes',
  async relate(input, memo) {
    const { drafts, wrappers } = input.requests;
    const methods = await uncalledClientMethods(drafts, wrappers, input.store, input.program, input.projects, input.ctx.config, () => input.ctx.pause());
    const { relation, memo: kept } = await relateHttp(drafts, input.services, input.projects, input.ctx.config, memo ?? new MatchMemo(''), () => input.ctx.pause(), methods);
    return { output: relation, state: kept };
  },
};
export default http;

/**
 * `memo` is the previous run's (kept when the services are the same); the one to keep is returned.
 * `pause` is awaited once per call (the run's cooperative pause point).
 */
export async function relateHttp(drafts: readonly DraftCall[], services: ServiceIndex, projects: readonly Project[], config: Config, memo: MatchMemo, pause: () => Promise<void>, methods: ClientMethodIndex = { methods: [], byDraft: new Map() }): Promise<{ relation: HttpRelation; memo: MatchMemo }> {
  const envKey = matchEnvKey(services);
  const kept = memo.envKey === envKey ? memo : new MatchMemo(envKey);
  const bound = kept.bind(services.recs);
  const matches: Array<{ call: Call; outcome: MatchOutcome | null }> = [];
  const ids = new Set<string>();
  const families = servedFamilies(services);
  const sorted = byPlace(expandPages(drafts, services));
  for (const d of sorted) {
    await pause();
    let id = `${d.decl.file}:${d.decl.span.line}:${d.decl.span.column}${d.alternative !== null ? `~${d.alternative}` : ''}`;
    if (ids.has(id)) id += `:${d.spec.client}`;
    if (ids.has(id)) continue;
    ids.add(id);
    const role = fileRole(config, d.decl.file);
    const uncalled = methods.byDraft.get(d);
    uncalled?.callIds.push(id);
    const clientMethod = uncalled ? { clientMethod: { name: uncalled.name, calledFrom: uncalled.calledFrom } } : {};
    const base = { id, kind: d.spec.kind, method: d.method, file: d.decl.file, ...d.decl.anchor, client: d.spec.client, url: displayParts(d.parts), via: d.via, role, ...clientMethod };
    const t = d.target;
    if (d.spec.routeName !== undefined && t.kind !== 'dynamic') {
      matches.push(namedCall({ ...base, routeName: d.spec.routeName }, d, services, projects, config));
      continue;
    }
    // A link or asset URL that cannot be read is not known to be a call at all.
    if (d.spec.onlyServed && (t.kind === 'dynamic' || t.kind === 'unknown-base')) continue;
    if (t.kind === 'dynamic') {
      const call: Call = { ...base, path: null, resolved: false, reason: t.why, external: false, origin: null, endpoint: null, status: 'unresolved' };
      matches.push({ call, outcome: null });
      continue;
    }
    const template = parseCallPath(t.path);
    const own = services.byRoot.get(projectOf(projects, d.decl.file).root) ?? null;
    const outcome = bound.get({ target: t, method: d.method, kind: d.spec.kind, own }, () => {
      const env = { services: services.recs, unindexedPorts: services.unindexedPorts };
      const q = { kind: d.spec.kind, method: d.method, target: t, template, own };
      return followForward(matchCall(q, env), q, env);
    });
    // Another origin is not this workspace's API; an unmatched path outside every route family is a page.
    if (d.spec.onlyServed && (outcome.status === 'external' || (outcome.status !== 'matched' && !families.has(firstSegment(formatPath(template)))))) continue;
    const resolved = t.kind !== 'unknown-base' && !d.possibleOnly;
    const unresolvedReason = d.possibleOnly ?? (t.kind === 'unknown-base' ? `the base URL \`${t.base}\` could not be evaluated${t.why ? ` (${t.why})` : ''}` : null);
    const path = formatPath(template).replace(/\{[^}]*\}/g, '{}');
    const call = quietInTests(applyIgnore(verdict({ ...base, path }, outcome, resolved, unresolvedReason, services.unindexed, config.countTestCallers), config));
    matches.push({ call, outcome });
  }
  settleMethodChoices(sorted, matches);
  return { relation: { calls: matches.map((m) => m.call), matches, clientMethods: methods.methods }, memo: kept };
}

/**
 * By file (in `localeCompare` order), line and column. The files are ranked once: comparing the paths
 * with `localeCompare` inside the sort took most of the sort's time (plane: ~10k comparisons per edit).
 */
function byPlace(drafts: DraftCall[]): DraftCall[] {
  const files = [...new Set(drafts.map((d) => d.decl.file))].sort((a, b) => a.localeCompare(b));
  const rank = new Map<string, number>();
  // Paths `localeCompare` finds equal keep one rank (the sort is stable).
  files.forEach((f, i) => rank.set(f, i > 0 && files[i - 1]!.localeCompare(f) === 0 ? rank.get(files[i - 1]!)! : i));
  const key = new Map(drafts.map((d) => [d, rank.get(d.decl.file)!] as const));
  return drafts.sort((a, b) => key.get(a)! - key.get(b)! || a.decl.span.line - b.decl.span.line || a.decl.span.column - b.decl.span.column);
}

/**
 * The first path segments of every route (`api` for `/api/users/{id}`), literal ones only: a link under
 * one of them is meant for the backend, so a missing route there is reported; other links are pages.
 */
function servedFamilies(services: ServiceIndex): Set<string> {
  const out = new Set<string>();
  for (const r of services.recs) for (const e of r.endpoints) {
    if (e.ep.kind === 'socketio' || e.ep.kind === 'websocket') continue;
    const first = firstSegment(e.ep.path);
    if (first !== '' && !first.includes('{') && !first.includes('*') && !first.includes(':')) out.add(first);
  }
  return out;
}

function firstSegment(path: string): string {
  return path.split('/')[1] ?? '';
}

/**
 * A method chosen at run time together with the URL (`id ? PUT /a/{id} : POST /a`) is tried with each
 * URL; when one of the methods matches a URL, the others' mismatches for that URL are not reported:
 * the condition most likely pairs them differently.
 */
function settleMethodChoices(drafts: readonly DraftCall[], matches: Array<{ call: Call; outcome: MatchOutcome | null }>): void {
  const byId = new Map(matches.map((m, i) => [m.call.id, i]));
  const groups = new Map<string, number[]>();
  for (const d of drafts) {
    if (d.methodChoices < 2 || d.alternative === null) continue;
    const i = byId.get(`${d.decl.file}:${d.decl.span.line}:${d.decl.span.column}~${d.alternative}`);
    if (i === undefined) continue;
    const key = `${d.decl.file}:${d.decl.span.line}:${d.decl.span.column}#${d.urlChoice}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  for (const members of groups.values()) {
    const matched = members.map((i) => matches[i]!.call).filter((c) => c.status === 'matched');
    if (matched.length === 0) continue;
    for (const i of members) {
      const c = matches[i]!.call;
      if (c.status !== 'missing' && c.status !== 'method-mismatch') continue;
      matches[i] = { call: { ...c, status: 'unchecked', reason: `not checked: the method is chosen at run time, and ${matched.map((m) => m.method).join(', ')} ${c.path ?? ''} matches` }, outcome: matches[i]!.outcome };
    }
  }
}

type CallBase = Omit<Call, 'resolved' | 'reason' | 'external' | 'origin' | 'endpoint' | 'status'>;

/**
 * Matched and external calls are the relation's own answers; every other outcome is a rule's decision.
 * A match is only ever made from a resolved URL: a call whose base could not be evaluated stays
 * unresolved, and the route it would reach only learns it has a possible caller.
 */
function verdict(base: CallBase, outcome: MatchOutcome, resolved: boolean, unresolvedReason: string | null, unindexed: readonly string[], countTests: boolean): Call {
  if (outcome.status === 'matched') {
    const ep = outcome.endpoint.ep;
    if (!resolved) {
      (base.clientMethod?.calledFrom === 'nowhere' ? (ep.uncalledCallers ??= []) : ep.possibleCallers).push(base.id);
      for (const other of outcome.alsoMatches ?? []) other.ep.possibleCallers.push(base.id);
      return { ...base, resolved, reason: `${unresolvedReason ?? 'the URL could not be evaluated'}; its path would reach ${methodLabel(ep.method)} ${ep.path}, which is not counted as a caller`, external: false, origin: null, endpoint: null, status: 'unresolved' };
    }
    callersFor(ep, base, countTests).push(base.id);
    // A request in a client method nothing calls is no possible caller either.
    for (const other of outcome.alsoMatches ?? []) (base.clientMethod?.calledFrom === 'nowhere' ? (other.ep.uncalledCallers ??= []) : other.ep.possibleCallers).push(base.id);
    return { ...base, resolved, reason: outcome.assumption, external: false, origin: null, endpoint: ep.id, status: 'matched' };
  }
  if (outcome.status === 'external') return { ...base, resolved: true, reason: outcome.reason, external: true, origin: outcome.origin, endpoint: null, status: 'external' };
  if (outcome.status === 'no-services') for (const e of outcome.possible ?? []) if (!e.ep.possibleCallers.includes(base.id)) e.ep.possibleCallers.push(base.id);
  const v = decideCall({ outcome, resolved, unresolvedReason, unindexed }) ?? { status: 'unresolved' as const, reason: unresolvedReason };
  return { ...base, resolved, reason: v.reason, external: false, origin: null, endpoint: null, status: v.status };
}

/** A named-route call, matched by its route's name (see `named.ts`). */
function namedCall(base: Omit<CallBase, 'path'>, d: DraftCall, services: ServiceIndex, projects: readonly Project[], config: Config): { call: Call; outcome: MatchOutcome | null } {
  const own = services.byRoot.get(projectOf(projects, d.decl.file).root) ?? null;
  const outcome = matchNamed(d.spec.routeName!, d.method, d.decl.file, own, services.recs, d.spec.routeArgs);
  if (outcome.status === 'unresolved') return { call: { ...base, path: null, resolved: false, reason: outcome.reason, external: false, origin: null, endpoint: null, status: 'unresolved' }, outcome: null };
  const hit = outcome.status === 'matched' ? outcome.endpoint : outcome.status === 'method-mismatch' ? outcome.samePath[0]! : null;
  const path = hit ? hit.ep.path.replace(/\{[^}]*\}/g, '{}') : null;
  return { call: quietInTests(applyIgnore(verdict({ ...base, path }, outcome, true, null, services.unindexed, config.countTestCallers), config)), outcome };
}

/**
 * Where a matched call counts: a caller; a test caller when it is in a test, or in a client method only
 * tests call; nowhere but `uncalledCallers` when it is in a client method nothing calls.
 */
function callersFor(ep: Endpoint, base: CallBase, countTests: boolean): string[] {
  if (base.clientMethod?.calledFrom === 'nowhere') return (ep.uncalledCallers ??= []);
  return (base.role === 'test' || base.clientMethod?.calledFrom === 'tests') && !countTests ? ep.testCallers : ep.callers;
}

/** A test or mock may call what does not exist on purpose (a 404 test): its gaps are not reported. */
function quietInTests(call: Call): Call {
  if (call.role !== 'test' || (call.status !== 'missing' && call.status !== 'method-mismatch')) return call;
  return { ...call, status: 'unchecked', reason: `not checked: a test or mock file (${call.status === 'missing' ? 'no route matches' : 'the method does not match'})` };
}

/** A configured ignore rule turns a call gap into an ignored call, with its reason. */
function applyIgnore(call: Call, config: Config): Call {
  if (!ruleForCallStatus(call.status) || !call.path) return call;
  const ignore = config.ignore.find((r) => ruleMatches(r, call.method, call.path!));
  return ignore ? { ...call, status: 'ignored', reason: `ignored: ${ignore.reason}` } : call;
}
