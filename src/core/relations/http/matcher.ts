/**
 * Matching calls to endpoints. A call is first placed against the services it can reach (its origin,
 * its env base, the page's own origin), then against their routes: literal segments beat parameters,
 * which beat catch-alls; the caller's own service wins ties for relative URLs.
 */
import type { Endpoint, EndpointKind, MethodOrAny } from '../../types';
import { guessedLiteral, isCatchAll, keySimilarity, matchScore, segmentKeys, type PathTemplate } from '../../match/path';
import { isLocalHost, parseOrigin, portOf, type Origin, type UrlTarget } from '../../match/url';

export interface ServiceRec {
  readonly name: string;
  readonly root: string;
  readonly ports: readonly number[];
  readonly origin: Origin | null;
  readonly endpoints: EndpointRec[];
  /** The other paths of endpoints that have `variants`: calls are matched to them too, nothing else lists them. */
  variants?: EndpointRec[];
}

export interface EndpointRec {
  readonly ep: Endpoint;
  readonly template: PathTemplate;
  readonly service: ServiceRec;
}

export type MatchOutcome =
  | { readonly status: 'matched'; readonly endpoint: EndpointRec; readonly assumption: string | null; readonly alsoMatches?: readonly EndpointRec[] }
  | { readonly status: 'method-mismatch'; readonly samePath: readonly EndpointRec[] }
  | { readonly status: 'missing'; readonly searched: readonly ServiceRec[]; readonly nearest: readonly EndpointRec[] }
  | { readonly status: 'external'; readonly origin: string; readonly reason: string }
  /** `possible`: routes the call may reach once what is unknown is known (they get it as a possible caller). */
  | { readonly status: 'no-services'; readonly reason: string; readonly possible?: readonly EndpointRec[] };

export interface CallQuery {
  readonly kind: EndpointKind;
  readonly method: MethodOrAny;
  readonly target: UrlTarget;
  readonly template: PathTemplate;
  /** The service the calling file belongs to, if it is one. */
  readonly own: ServiceRec | null;
}

export function serviceOrigin(baseUrl: string | undefined): Origin | null {
  return baseUrl ? (parseOrigin(baseUrl)?.origin ?? null) : null;
}

export interface MatchEnv {
  readonly services: readonly ServiceRec[];
  /** Ports of backends whose routes are not indexed (an unsupported framework): URLs there are not judged. */
  readonly unindexedPorts: ReadonlySet<number>;
}

/** Where a call may land: the services to search, and what to conclude if none of their routes match. */
interface Candidates {
  readonly services: readonly ServiceRec[];
  /** A localhost URL that matches no service's address: external unless one of the routes matches. */
  readonly externalIfNone: { readonly origin: string; readonly reason: string } | null;
  /** Said with a match found under that assumption. */
  readonly assumption: string | null;
}

/** The endpoint a call reaches, or why it reaches none. */
export function matchCall(q: CallQuery, env: MatchEnv): MatchOutcome {
  const c = candidatesFor(q, env);
  if ('status' in c) return c;
  const { services: candidates, externalIfNone, assumption } = c;
  if (candidates.length === 0) return { status: 'no-services', reason: 'no service in this workspace declares routes' };
  const best = bestRoutes(q, candidates);
  if (best.length === 0) return noRoute(q, candidates, externalIfNone);
  const methodOk = best.filter((e) => methodMatches(e.ep.method, q.method));
  if (methodOk.length) {
    const endpoint = preferExactMethod(methodOk, q.method);
    // An API request reached only through a catch-all (outline's `router.register("*", …)` that answers 404)
    // while a route whose prefix is not certain ends the path: that route is the likelier target, so the
    // call is not checked. A navigation through a catch-all is the single-page app's, as it was.
    const unsure = q.kind === 'http' && isCatchAll(endpoint.template) ? unsurePrefix(q, candidates) : null;
    if (unsure) return unsure;
    // A run-time segment standing for a route's literal is a guess, never a match: the routes it may
    // reach get the call as a possible caller, and the call is not checked.
    const guess = guessedLiteral(endpoint.template, q.template);
    if (guess !== null) return { status: 'no-services', possible: methodOk, reason: `a part of the URL only known at run time would have to be \`${guess}\` to reach ${endpoint.ep.path}` };
    // A path with run-time parts (`/${entity}.list`) may reach each route it ties with: they are possible callers' routes.
    // So may a second registration of the same method and path in the same service (actix's `.route("")`
    // and `.route("/")`, one path once trailing slashes are dropped): which of them it reaches is not known.
    const twin = (e: EndpointRec) => e.service === endpoint.service && e.ep.method === endpoint.ep.method;
    const also = methodOk.filter((e) => e !== endpoint && (e.ep.path !== endpoint.ep.path || twin(e)));
    return { status: 'matched', endpoint, assumption, ...(also.length ? { alsoMatches: also } : {}) };
  }
  const other = weakerRouteWithMethod(q, candidates);
  if (other) return { status: 'matched', endpoint: other, assumption };
  if (externalIfNone) return { status: 'external', ...externalIfNone };
  // A route the call reaches only by guessing a run-time segment (`${slug}` for `file-assets`), or only
  // through a catch-all (a single-page app's `GET *`), is no evidence that the path exists: no route
  // takes the call's method either way, so the call is judged as one no route serves.
  const samePath = best.filter((e) => guessedLiteral(e.template, q.template) === null && !isCatchAll(e.template));
  if (samePath.length === 0) return noRoute(q, candidates, null);
  return { status: 'method-mismatch', samePath };
}

/** The outcome for a call no route of `candidates` serves (by path, or by path and method). */
function noRoute(q: CallQuery, candidates: readonly ServiceRec[], externalIfNone: Candidates['externalIfNone']): MatchOutcome {
  if (externalIfNone) return { status: 'external', ...externalIfNone };
  const carried = unknownEnvPrefix(q, candidates) ?? unsurePrefix(q, candidates);
  if (carried) return carried;
  const realtime = realtimeServices(q, candidates);
  if ('status' in realtime) return realtime;
  return { status: 'missing', searched: realtime, nearest: closestRoutes(q, realtime) };
}

/**
 * A route whose prefix is not certain (`partial`: a router mounted nowhere we can see, or under a
 * parameter) may sit under the prefix a call has: when no route serves `/auth/passkeys.verify` but a
 * partial one is `/passkeys.verify`, the call is not checked, with the reason, rather than missing.
 */
function unsurePrefix(q: CallQuery, candidates: readonly ServiceRec[]): Extract<MatchOutcome, { status: 'no-services' }> | null {
  const segs = q.template.segments;
  const ends: EndpointRec[] = [];
  for (const s of candidates) {
    for (const e of s.endpoints) {
      const n = e.template.segments.length;
      if (e.ep.confidence !== 'partial' || n === 0 || n >= segs.length || !kindMatches(q, e) || isCatchAll(e.template)) continue;
      const tail: PathTemplate = { segments: segs.slice(segs.length - n) };
      // The route's first segment is literal text the call has there (not a value filling it).
      if (literalOf(e.template.segments[0]!) === null || literalOf(tail.segments[0]!) !== literalOf(e.template.segments[0]!)) continue;
      if (methodMatches(e.ep.method, q.method) && matchScore(e.template, tail) !== null) ends.push(e);
    }
  }
  if (ends.length === 0) return null;
  return { status: 'no-services', possible: ends, reason: `no route has this path, but ${ends[0]!.ep.path} ends it and its prefix is not certain (${ends[0]!.ep.notes[0] ?? 'partial'})` };
}

/**
 * A base from an env var whose value is known nowhere (no .env file, no default in code) is taken for a
 * service's origin. When no route has the call's path but one ends with it under a longer prefix
 * (`${VITE_API_URL}/notes` and `/api/notes`), the variable may well hold that prefix
 * (`VITE_API_URL=https://host/api`): the call is not checked, with the reason, rather than missing.
 */
function unknownEnvPrefix(q: CallQuery, candidates: readonly ServiceRec[]): Extract<MatchOutcome, { status: 'no-services' }> | null {
  const t = q.target;
  const first = firstLiteral(q.template);
  if (t.kind !== 'env' || t.fallback || first === null) return null;
  const n = q.template.segments.length;
  const ends: EndpointRec[] = [];
  for (const s of candidates) {
    for (const e of s.endpoints) {
      const segs = e.template.segments;
      if (segs.length <= n || !kindMatches(q, e) || segs.some((g) => g.t === 'splat')) continue;
      // The call's first segment is a literal one of the route's, not a value filling a parameter.
      const at = segs[segs.length - n]!;
      if (literalOf(at) !== first) continue;
      if (matchScore({ ...e.template, segments: segs.slice(segs.length - n) }, q.template) !== null) ends.push(e);
    }
  }
  if (ends.length === 0) return null;
  const sameMethod = ends.filter((e) => methodMatches(e.ep.method, q.method));
  const possible = sameMethod.length ? sameMethod : ends;
  return { status: 'no-services', possible, reason: `the value of ${t.env} is not known here, and ${possible[0]!.ep.path} ends with this path: ${t.env} may hold a path prefix (set it in a .env file, or "baseUrl" of the service in api-parity.config.json)` };
}

/**
 * A WebSocket (or Socket.IO) call that matches no endpoint is missing only from services whose endpoints
 * of that kind are indexed (at least one was found): a server whose upgrade handler is set up in a way no
 * plugin reads (`new WebSocketServer({ server })`, a Go upgrader) has none, and its calls are not judged.
 */
function realtimeServices(q: CallQuery, candidates: readonly ServiceRec[]): readonly ServiceRec[] | MatchOutcome {
  if (q.kind !== 'websocket' && q.kind !== 'socketio') return candidates;
  const indexed = candidates.filter((s) => s.endpoints.some((e) => e.ep.kind === q.kind));
  if (indexed.length) return indexed;
  const kind = q.kind === 'websocket' ? 'WebSocket' : 'Socket.IO';
  return { status: 'no-services', reason: `no ${kind} endpoint is indexed in ${candidates.map((s) => `\`${s.name}\``).join(', ')}: its ${kind} server may be set up in a way that is not recognised` };
}

/** The services a call can reach, by the kind of its target; or the outcome when that settles it. */
function candidatesFor(q: CallQuery, env: MatchEnv): Candidates | MatchOutcome {
  const withRoutes = env.services.filter((s) => s.endpoints.length > 0);
  const t = q.target;
  switch (t.kind) {
    case 'absolute':
      return absoluteCandidates(t.origin, withRoutes, env);
    case 'env': {
      const fb = t.fallback;
      if (fb && !isLocalHost(fb.host)) {
        const byOrigin = withRoutes.filter((s) => s.origin && s.origin.host === fb.host);
        if (byOrigin.length) return { services: byOrigin, externalIfNone: null, assumption: null };
        return { status: 'external', origin: fb.text, reason: `${t.env} defaults to ${fb.text}, another origin` };
      }
      const byPort = fb ? withRoutes.filter((s) => s.ports.includes(portOf(fb))) : [];
      const others = withRoutes.filter((s) => s !== q.own);
      return { services: byPort.length ? byPort : others.length ? others : withRoutes, externalIfNone: null, assumption: null };
    }
    case 'relative':
    case 'unknown-base':
      return { services: withRoutes, externalIfNone: null, assumption: null };
    case 'dynamic':
      return { status: 'no-services', reason: t.why };
  }
}

/** An absolute URL: the services at that origin, else (on localhost) at that port, else every service, assumed. */
function absoluteCandidates(origin: Origin, withRoutes: readonly ServiceRec[], env: MatchEnv): Candidates | MatchOutcome {
  const byOrigin = withRoutes.filter((s) => s.origin && s.origin.host === origin.host && portOf(s.origin) === portOf(origin));
  if (byOrigin.length) return { services: byOrigin, externalIfNone: null, assumption: null };
  if (!isLocalHost(origin.host)) return { status: 'external', origin: origin.text, reason: `${origin.text} is another origin` };
  const port = portOf(origin);
  const byPort = withRoutes.filter((s) => s.ports.includes(port));
  if (byPort.length) return { services: byPort, externalIfNone: null, assumption: null };
  if (env.unindexedPorts.has(port)) return { status: 'no-services', reason: `${origin.text} may be a backend whose routes are not indexed` };
  const notHere = `${origin.text} is not the address of any service in this workspace`;
  if (withRoutes.length === 0) return { status: 'external', origin: origin.text, reason: notHere };
  return { services: withRoutes, externalIfNone: { origin: origin.text, reason: notHere }, assumption: `assuming ${origin.text} is one of this workspace's services` };
}

/**
 * Whether an endpoint is of a kind the call can reach: WebSocket and Socket.IO calls only reach their
 * own kind, Socket.IO events are never reached over HTTP, and a page served through a catch-all (a
 * static folder, a single-page app's fallback) only by a call for a file (`/app/config.json`), so
 * it never swallows an API call (or a link) that has no route. Server actions reach only server actions.
 */
function kindMatches(q: Pick<CallQuery, 'kind' | 'template'>, e: EndpointRec): boolean {
  if (q.kind === 'action' || e.ep.kind === 'action') return q.kind === e.ep.kind;
  const k = e.ep.kind;
  if (q.kind === 'websocket' || q.kind === 'socketio') return k === q.kind;
  if (k === 'socketio') return false;
  // Navigations and assets (links, forms, redirects, `<img>`) reach pages as well as API routes.
  if (k === 'page') return (q.kind === 'http' || q.kind === 'page' || q.kind === 'asset') && (!isCatchAll(e.template) || callsForFile(q.template));
  return k !== 'websocket' || q.kind === 'http';
}

/** The call's last segment is a literal file name (`styles.css`, `index.html`). */
function callsForFile(t: PathTemplate): boolean {
  const last = t.segments[t.segments.length - 1];
  const piece = last && last.t === 'seg' && last.pieces.length === 1 ? last.pieces[0]! : null;
  return piece !== null && 'lit' in piece && /\.[A-Za-z0-9]{1,8}$/.test(piece.lit);
}

/** The routes whose path matches the call's best, whatever their method; the caller's own service wins ties for relative URLs. */
function bestRoutes(q: CallQuery, candidates: readonly ServiceRec[]): EndpointRec[] {
  const t = q.target;
  let bestScore = -Infinity;
  let best: EndpointRec[] = [];
  for (const s of candidates) {
    for (const e of routable(s, q.template)) {
      if (!kindMatches(q, e)) continue;
      const score = matchScore(e.template, q.template);
      if (score === null) continue;
      const adj = score + (q.own && e.service === q.own && (t.kind === 'relative' || t.kind === 'unknown-base') ? 0.01 : 0);
      if (adj > bestScore + 1e-9) {
        bestScore = adj;
        best = [e];
      } else if (Math.abs(adj - bestScore) <= 1e-9) best.push(e);
    }
  }
  return best;
}

/**
 * The closest routes: the three most similar paths, with every method each has. Only paths of a
 * similar length that share a literal segment can reach the threshold, so only those are scored.
 */
/** The routes of `rec` closest to an HTTP path (the same "closest routes" a missing call gets). */
export function closestRoutesTo(template: PathTemplate, rec: ServiceRec): EndpointRec[] {
  return closestRoutes({ kind: 'http', template }, [rec]);
}

/** How many routes are scored for "closest routes" per missing call. */
const MAX_SCORED = 64;

function closestRoutes(q: Pick<CallQuery, 'kind' | 'template'>, candidates: readonly ServiceRec[]): EndpointRec[] {
  const callKeys = segmentKeys(q.template);
  const callLits = new Set(callKeys.filter((k) => k !== '{}'));
  // Only the routes sharing the most literal segments are scored: with thousands of routes and missing
  // calls, comparing every pair blocked the server for seconds per edit.
  const shared = (e: EndpointRec) => keysOf(e).filter((k) => callLits.has(k)).length;
  const all = candidates
    .flatMap((s) => s.endpoints.filter((e) => kindMatches(q, e) && Math.abs(keysOf(e).length - callKeys.length) <= 2))
    .map((e) => ({ e, n: shared(e) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, MAX_SCORED)
    .map((x) => x.e);
  const callKey = callKeys.join('/');
  const ranked = all
    .map((e) => ({ e, sim: similarity(callKey, callKeys, e) }))
    .filter((x) => x.sim >= 0.5)
    .sort((a, b) => b.sim - a.sim || a.e.ep.path.localeCompare(b.e.ep.path));
  const paths: string[] = [];
  for (const x of ranked) if (!paths.includes(x.e.ep.path) && paths.length < 3) paths.push(x.e.ep.path);
  return ranked.filter((x) => paths.includes(x.e.ep.path)).map((x) => x.e);
}

/**
 * When the best path matches only with other methods, a weaker path match may still take this method
 * (`/users/me` GET vs `/users/{id}` DELETE): the best-scoring such route, or null.
 */
function weakerRouteWithMethod(q: CallQuery, candidates: readonly ServiceRec[]): EndpointRec | null {
  const alternatives: EndpointRec[] = [];
  for (const s of candidates) {
    for (const e of routable(s, q.template)) {
      if (!kindMatches(q, e) || !methodMatches(e.ep.method, q.method)) continue;
      if (matchScore(e.template, q.template) !== null) alternatives.push(e);
    }
  }
  if (alternatives.length === 0) return null;
  alternatives.sort((a, b) => (matchScore(b.template, q.template) ?? 0) - (matchScore(a.template, q.template) ?? 0));
  return alternatives[0]!;
}

export function methodMatches(endpoint: MethodOrAny, call: MethodOrAny): boolean {
  return endpoint === '*' || call === '*' || endpoint === call || (call === 'HEAD' && endpoint === 'GET');
}

function preferExactMethod(list: EndpointRec[], method: MethodOrAny): EndpointRec {
  return list.find((e) => e.ep.method === method) ?? list[0]!;
}

// ------------------------------------------------------------------ indexes

interface ServiceIndex {
  /** Endpoints whose first segment is this literal. */
  readonly byFirst: Map<string, EndpointRec[]>;
  /** Endpoints whose first segment is a parameter or catch-all, or that have no segments. */
  readonly wild: EndpointRec[];
}

const indexes = new WeakMap<ServiceRec, ServiceIndex>();
const keys = new WeakMap<EndpointRec, string[]>();

/** Similarities by (call path, route path): the same pairs recur across calls and services. */
const simMemo = new Map<string, number>();

function similarity(callKey: string, callKeys: readonly string[], e: EndpointRec): number {
  const key = `${callKey}\0${keysOf(e).join('/')}`;
  let v = simMemo.get(key);
  if (v === undefined) {
    if (simMemo.size > 100_000) simMemo.clear();
    v = keySimilarity(keysOf(e), callKeys);
    simMemo.set(key, v);
  }
  return v;
}

function keysOf(e: EndpointRec): string[] {
  let k = keys.get(e);
  if (!k) {
    k = segmentKeys(e.template);
    keys.set(e, k);
  }
  return k;
}

function firstLiteral(t: PathTemplate): string | null {
  const f = t.segments[0];
  return f ? literalOf(f) : null;
}

/** A segment's text when it is literal text only (`notes`), else null. */
function literalOf(g: PathTemplate['segments'][number]): string | null {
  return g.t === 'seg' && g.pieces.length === 1 && 'lit' in g.pieces[0]! ? g.pieces[0].lit : null;
}

/** The endpoints of a service that can match a call path, found by the first path segment. */
function routable(s: ServiceRec, call: PathTemplate): readonly EndpointRec[] {
  const lit = firstLiteral(call);
  if (lit === null) return s.variants ? [...s.endpoints, ...s.variants] : s.endpoints;
  let idx = indexes.get(s);
  if (!idx) {
    idx = { byFirst: new Map(), wild: [] };
    for (const e of s.variants ? [...s.endpoints, ...s.variants] : s.endpoints) {
      const fl = firstLiteral(e.template);
      if (fl === null) idx.wild.push(e);
      else {
        const list = idx.byFirst.get(fl) ?? [];
        list.push(e);
        idx.byFirst.set(fl, list);
      }
    }
    indexes.set(s, idx);
  }
  const hit = idx.byFirst.get(lit);
  return hit ? (idx.wild.length ? [...hit, ...idx.wild] : hit) : idx.wild;
}
