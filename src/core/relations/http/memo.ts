/**
 * Match outcomes keyed by what a call's match depends on (its target, path, method, kind and own
 * service), stored by endpoint id so they survive the rebuilding of endpoint records between runs.
 * Valid while the services and their endpoints are unchanged (`envKey`).
 */
import type { UrlTarget } from '../../match/url';
import { hashText } from '../../text';
import type { EndpointKind, MethodOrAny } from '../../types';
import type { EndpointRec, MatchOutcome, ServiceRec } from './matcher';

export interface MemoQuery {
  readonly target: UrlTarget;
  readonly method: MethodOrAny;
  readonly kind: EndpointKind;
  readonly own: ServiceRec | null;
}

type StoredOutcome =
  | { readonly status: 'matched'; readonly endpoint: string; readonly assumption: string | null; readonly alsoMatches?: readonly string[] }
  | { readonly status: 'method-mismatch'; readonly samePath: readonly string[] }
  | { readonly status: 'missing'; readonly searched: readonly string[]; readonly nearest: readonly string[] }
  | { readonly status: 'no-services'; readonly reason: string; readonly possible?: readonly string[] }
  | Extract<MatchOutcome, { status: 'external' }>;

/**
 * What every match reads from the services: their names, roots, ports and origins, and each endpoint's
 * identity, path, method and kind, where a proxy forwards, its variants, and whether it is ignored,
 * partial, an event or documentation. Not its callers (filled in by matching) nor its lines.
 */
export function matchEnvKey(services: { readonly recs: readonly ServiceRec[]; readonly unindexedPorts: Iterable<number> }): string {
  const ep = (e: EndpointRec) => [e.ep.id, e.ep.path, e.ep.method, e.ep.kind, e.ep.forward ?? null, e.ep.variants ?? null, e.ep.ignored, e.ep.confidence, e.ep.event ?? null, e.ep.side ?? null, e.ep.source];
  return hashText(JSON.stringify([services.recs.map((r) => [r.name, r.root, r.ports, r.origin?.text ?? '', r.endpoints.map(ep), (r.variants ?? []).map(ep)]), [...services.unindexedPorts]]));
}

export class MatchMemo {
  private readonly store = new Map<string, StoredOutcome>();

  constructor(readonly envKey: string) {}

  bind(recs: readonly ServiceRec[]): { get(q: MemoQuery, compute: () => MatchOutcome): MatchOutcome } {
    const byId = new Map<string, EndpointRec>();
    const byRoot = new Map<string, ServiceRec>();
    for (const r of recs) {
      byRoot.set(r.root, r);
      for (const e of r.endpoints) byId.set(e.ep.id, e);
    }
    const ep = (id: string) => byId.get(id)!;
    return {
      get: (q, compute) => {
        const key = JSON.stringify([q.target, q.method, q.kind, q.own?.root ?? null]);
        const hit = this.store.get(key);
        if (hit) return restore(hit, ep, byRoot);
        const o = compute();
        this.store.set(key, toStored(o));
        return o;
      },
    };
  }
}

function restore(hit: StoredOutcome, ep: (id: string) => EndpointRec, byRoot: ReadonlyMap<string, ServiceRec>): MatchOutcome {
  switch (hit.status) {
    case 'matched':
      return { status: 'matched', endpoint: ep(hit.endpoint), assumption: hit.assumption, ...(hit.alsoMatches ? { alsoMatches: hit.alsoMatches.map(ep) } : {}) };
    case 'method-mismatch':
      return { status: 'method-mismatch', samePath: hit.samePath.map(ep) };
    case 'missing':
      return { status: 'missing', searched: hit.searched.map((n) => byRoot.get(n)!), nearest: hit.nearest.map(ep) };
    case 'no-services':
      return { status: 'no-services', reason: hit.reason, ...(hit.possible ? { possible: hit.possible.map(ep) } : {}) };
    default:
      return hit;
  }
}

function toStored(o: MatchOutcome): StoredOutcome {
  switch (o.status) {
    case 'matched':
      return { status: 'matched', endpoint: o.endpoint.ep.id, assumption: o.assumption, ...(o.alsoMatches ? { alsoMatches: o.alsoMatches.map((e) => e.ep.id) } : {}) };
    case 'method-mismatch':
      return { status: 'method-mismatch', samePath: o.samePath.map((e) => e.ep.id) };
    case 'missing':
      return { status: 'missing', searched: o.searched.map((s) => s.root), nearest: o.nearest.map((e) => e.ep.id) };
    case 'no-services':
      return { status: 'no-services', reason: o.reason, ...(o.possible ? { possible: o.possible.map((e) => e.ep.id) } : {}) };
    default:
      return o;
  }
}
