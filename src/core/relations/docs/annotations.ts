/**
 * API annotations on handlers (utoipa's `#[utoipa::path(put, path = "/x")]`) as documents of their routes.
 * - An annotation that agrees with none of its handler's registrations is drift, reported once, at the
 *   annotation (the registration is what is served).
 * - A spec generated from the annotations (most of its operations are exactly what they say) is the same
 *   source: its operations that an annotation says are not compared again with the routes, so one stale
 *   annotation is one finding, not a finding at the spec plus an undocumented route.
 */
import type { Endpoint } from '../../types';
import type { ApiDocument, DocOperation } from '../../docs/types';
import type { EndpointRec, ServiceRec } from '../http/matcher';

export type Annotation = NonNullable<Endpoint['documentedAs']>[number];

export interface AnnotationDrift {
  readonly annotation: Annotation;
  /** The registrations of the annotated handler (what is served). */
  readonly served: readonly EndpointRec[];
}

/** `/items/{id}/` → `/items/{}`: parameters by position, no trailing slash. */
function canonical(p: string): string {
  return p.replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '') || '/';
}

function keyOf(method: string, path: string): string {
  return `${method} ${canonical(path)}`;
}

/** The annotations of a service's routes, by `METHOD /canonical/path`. */
export function annotationKeys(rec: ServiceRec): Set<string> {
  const out = new Set<string>();
  for (const e of rec.endpoints) for (const a of e.ep.documentedAs ?? []) out.add(keyOf(a.method, a.path));
  return out;
}

/** Is the spec generated from these annotations: at least four fifths of its operations (three or more) are annotated? */
export function fromAnnotations(doc: ApiDocument, prefix: string, keys: ReadonlySet<string>): boolean {
  if (keys.size === 0 || doc.operations.length < 3) return false;
  const same = doc.operations.filter((op) => isAnnotated(op, prefix, keys)).length;
  return same * 5 >= doc.operations.length * 4;
}

export function isAnnotated(op: DocOperation, prefix: string, keys: ReadonlySet<string>): boolean {
  return keys.has(keyOf(op.method, prefix + op.path));
}

/** Annotations that agree with no registration of their handler, once each (a handler may be registered twice). */
export function annotationDrift(recs: readonly ServiceRec[]): AnnotationDrift[] {
  const by = new Map<string, { annotation: Annotation; served: EndpointRec[]; agreed: boolean }>();
  for (const rec of recs) {
    for (const e of rec.endpoints) {
      for (const a of e.ep.documentedAs ?? []) {
        const k = `${a.file}:${a.line}:${a.column}:${a.method}`;
        const d = by.get(k) ?? { annotation: a, served: [], agreed: false };
        d.served.push(e);
        d.agreed ||= a.agrees || e.ep.confidence !== 'exact' || e.ep.ignored !== null;
        by.set(k, d);
      }
    }
  }
  return [...by.values()].filter((d) => !d.agreed).map(({ annotation, served }) => ({ annotation, served })).sort((a, b) => a.annotation.file.localeCompare(b.annotation.file) || a.annotation.line - b.annotation.line);
}

/** Does an annotation of the endpoint's handler document no registration of it (its drift is reported at the annotation)? */
export function driftOf(e: EndpointRec, drift: readonly AnnotationDrift[]): boolean {
  return drift.some((d) => d.served.includes(e));
}
