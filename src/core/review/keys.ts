/**
 * Stable identities for findings and routes across revisions and edits: what a gap is about (its kind,
 * method, normalised path, service and file), never where it sits (lines move with every edit).
 */
import type { AnalysisResult, Endpoint, Gap } from '../types';

/** A finding's identity: kind, method, path with parameters unnamed, service, file. */
export interface FindingKey {
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly service: string;
  readonly file: string;
}

/** `/users/{id}` and `/users/{user_id}` are the same route; a call's `{}` the same too. */
export function normalisedPath(path: string | null): string {
  return (path ?? '').replace(/\{[^}]*\}/g, '{}');
}

/** The key of each gap of a result (the service is the endpoint's for route gaps, empty for call gaps). */
export function findingKey(gap: Gap, endpoints: ReadonlyMap<string, Endpoint>): FindingKey {
  const ep = endpoints.get(gap.subject);
  return { kind: gap.kind, method: gap.method ?? '', path: normalisedPath(gap.path ?? ep?.path ?? gap.event ?? null), service: ep?.service ?? '', file: gap.file };
}

export const keyText = (k: FindingKey): string => [k.kind, k.method, k.path, k.service, k.file].join('\u0000');

export function endpointIndex(result: AnalysisResult): Map<string, Endpoint> {
  return new Map(result.endpoints.map((e) => [e.id, e]));
}

/** A route's identity across revisions: service, kind, method and normalised path. */
export const routeKey = (e: Pick<Endpoint, 'service' | 'kind' | 'method' | 'path'>): string => [e.service, e.kind, e.method, normalisedPath(e.path)].join('\u0000');
