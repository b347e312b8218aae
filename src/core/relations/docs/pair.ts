/**
 * Pairing API documents with the code's endpoints, per service. A document inside a service's folder
 * belongs to that service (unless another service implements more of its operations, and at least half:
 * docs at the root of a Next.js app about the backend beside it); one outside every backend (a spec committed next to a client SDK, docs at the
 * workspace root) belongs to the service that implements most of its operations, and only when that is
 * at least half of them and no other service implements as many; otherwise it is left unattributed.
 * Of the prefixes a spec declares (and none), the one under which most operations are implemented is
 * used, so a spec served behind a proxy prefix does not make every operation look missing.
 */
import { isCatchAll, matchScore, parseCallPath, DYN } from '../../match/path';
import { closestRoutesTo, type EndpointRec, type ServiceRec } from '../http/matcher';
import type { ApiDocument, DocOperation } from '../../docs/types';
import type { MethodOrAny } from '../../types';
import { annotationKeys, fromAnnotations, isAnnotated } from './annotations';

export interface DocMiss {
  readonly op: DocOperation;
  /** The path as the code would serve it (with the chosen prefix). */
  readonly path: string;
  /** Routes at a matching path under another method (`GET /jobs/{job_id}`). */
  readonly otherMethods: readonly string[];
  /** When no path matches: the closest routes of the service (`/search/clusters` for `/search/cluster`). */
  readonly closest: readonly EndpointRec[];
}

export interface AttributedDoc {
  readonly doc: ApiDocument;
  readonly service: ServiceRec;
  readonly prefix: string;
  /** How the document was tied to the service. */
  readonly by: 'folder' | 'operations';
  readonly missing: readonly DocMiss[];
  readonly matched: number;
  /**
   * What the spec was generated from, when it is the code's own description (`the utoipa annotations`,
   * `FastAPI`): its drift is the code's, reported once (see annotations.ts); null for a hand-written document.
   */
  readonly generatedFrom: string | null;
  /**
   * Operations not served that are not reported: a document in the service's folder of which under half
   * the operations are served says more about routes the analysis did not find than about the document.
   */
  readonly withheld: number;
}

/** `/users/{id}` → a call-like template whose parameters are dynamic pieces. */
export function docTemplate(path: string): ReturnType<typeof parseCallPath> {
  return parseCallPath(path.replace(/\{[^}]*\}/g, `${DYN}p${DYN}`));
}

function methodFits(ep: MethodOrAny, doc: MethodOrAny): boolean {
  return ep === doc || ep === '*' || doc === '*' || (doc === 'HEAD' && ep === 'GET');
}

/** The code endpoints that serve a documented operation (under `prefix`). */
function serving(rec: ServiceRec, op: DocOperation, prefix: string): { hits: EndpointRec[]; others: string[] } {
  const t = docTemplate(prefix + op.path);
  const hits: EndpointRec[] = [];
  const others: string[] = [];
  for (const e of rec.endpoints) {
    if (matchScore(e.template, t) === null) continue;
    if (methodFits(e.ep.method, op.method)) hits.push(e);
    else if (!others.includes(`${e.ep.method} ${e.ep.path}`)) others.push(`${e.ep.method} ${e.ep.path}`);
  }
  return { hits, others };
}

/**
 * How many operations the service serves with routes of its own: a catch-all or a proxy route (a dev
 * server's `/api/**` forward) serves every path and says nothing about which service a document describes.
 */
function countServed(rec: ServiceRec, doc: ApiDocument, prefix: string): number {
  return doc.operations.filter((op) => serving(rec, op, prefix).hits.some((e) => !e.ep.forward && !isCatchAll(e.template))).length;
}

function bestPrefix(rec: ServiceRec, doc: ApiDocument): { prefix: string; served: number } {
  let best = { prefix: doc.prefixes[0] ?? '', served: -1 };
  for (const prefix of [...doc.prefixes, '']) {
    const served = countServed(rec, doc, prefix);
    if (served > best.served) best = { prefix, served };
  }
  return best;
}

/** Tie a document to a service (see the module comment); null with the reason when it cannot be. */
export function attribute(doc: ApiDocument, own: ServiceRec | null, recs: readonly ServiceRec[]): AttributedDoc | string {
  const scored = recs.filter((r) => r.endpoints.length > 0).map((r) => ({ rec: r, ...bestPrefix(r, doc) })).sort((a, b) => b.served - a.served);
  const top = scored[0];
  const mine = own ? scored.find((s) => s.rec === own) : undefined;
  // In its service's folder, unless another service implements more of it (and at least half): docs at the
  // root of a web app that describe the backend beside it belong to the backend.
  if (mine && !(top && top.rec !== own && top.served > mine.served && top.served * 2 >= doc.operations.length)) return pair(doc, mine.rec, mine.prefix, 'folder');
  if (!top || top.served === 0) return 'no service in the workspace implements any of its operations';
  if (top.served * 2 < doc.operations.length) return `the service that implements most of its operations (\`${top.rec.name}\`) implements only ${top.served} of ${doc.operations.length}`;
  if (scored[1] && scored[1].served === top.served) return `services \`${top.rec.name}\` and \`${scored[1].rec.name}\` implement as many of its operations`;
  return pair(doc, top.rec, top.prefix, 'operations');
}

function pair(doc: ApiDocument, rec: ServiceRec, prefix: string, by: AttributedDoc['by']): AttributedDoc {
  const missing: DocMiss[] = [];
  let matched = 0;
  const ownHosts = hostsServed(doc, rec, prefix);
  const keys = annotationKeys(rec);
  const annotated = fromAnnotations(doc, prefix, keys);
  const generatedFrom = annotated ? 'the utoipa annotations' : (doc.generatedBy ?? null);
  for (const op of doc.operations) {
    if (op.origin && !ownHosts.has(op.origin)) continue;
    const { hits, others } = serving(rec, op, prefix);
    if (hits.length > 0) matched++;
    // An operation of a spec generated from the annotations that an annotation says: the annotation is compared instead.
    else if (annotated && isAnnotated(op, prefix, keys)) continue;
    else if (partlyKnown(rec, op)) continue;
    else missing.push({ op, path: prefix + op.path, otherMethods: others, closest: others.length ? [] : closestRoutesTo(docTemplate(prefix + op.path), rec) });
  }
  // Under half served (by folder; by operations it is at least half by construction): withhold the misses.
  const considered = matched + missing.length;
  if (missing.length && matched * 2 < considered) return { doc, service: rec, prefix, by, missing: [], matched, generatedFrom, withheld: missing.length };
  return { doc, service: rec, prefix, by, missing, matched, generatedFrom, withheld: 0 };
}

/**
 * The hosts of a document's full-URL operations that are this service's: those with at least one
 * operation the service serves. Another host's operations (an external API the notes mention) are
 * never reported as not implemented.
 */
function hostsServed(doc: ApiDocument, rec: ServiceRec, prefix: string): Set<string> {
  const out = new Set<string>();
  for (const op of doc.operations) if (op.origin && !out.has(op.origin) && serving(rec, op, prefix).hits.length > 0) out.add(op.origin);
  return out;
}

/**
 * A route whose path is only partly known (an unresolved prefix) may serve the operation: one with the
 * same method and the same last literal segment. Such an operation is neither served nor reported.
 */
function partlyKnown(rec: ServiceRec, op: DocOperation): boolean {
  const last = lastLiteral(op.path);
  return rec.endpoints.some((e) => e.ep.confidence === 'partial' && methodFits(e.ep.method, op.method) && lastLiteral(e.ep.path) === last);
}

function lastLiteral(path: string): string | null {
  const lits = path.split('/').filter((s) => s !== '' && !s.includes('{'));
  return lits[lits.length - 1] ?? null;
}

/** Is the endpoint one of the documented operations of any of these documents? */
export function isDocumented(e: EndpointRec, docs: readonly AttributedDoc[]): boolean {
  return docs.some((d) => d.doc.operations.some((op) => methodFits(e.ep.method, op.method) && matchScore(e.template, docTemplate(d.prefix + op.path)) !== null));
}

/**
 * Endpoints an undocumented-endpoint finding may be about: plain HTTP routes, not catch-alls or implicit
 * verbs, and not routes whose path is only partly known (their real path may well be documented).
 */
export function documentable(e: EndpointRec): boolean {
  return e.ep.kind === 'http' && e.ep.confidence === 'exact' && e.ep.ignored === null && e.ep.method !== 'OPTIONS' && e.ep.method !== 'HEAD' && !isCatchAll(e.template);
}
