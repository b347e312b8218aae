/**
 * What a change does to the contract between the two sides, from the analyses of two revisions:
 * - breaking: a route of the base that is gone, or moved to another path or method, while a call of the
 *   new tree that reached it in the base now reaches nothing (each with its callers);
 * - new missing / method mismatches: call gaps the change adds (not explained by a breaking route);
 * - new unused: routes that lost their last caller, or were added with none;
 * - fixed: findings of the base that the change removes.
 * Findings are compared by what they are about (keys.ts), never by line.
 */
import type { AnalysisResult, Call, Endpoint, Gap, MethodOrAny } from '../types';
import { endpointIndex, findingKey, keyText, normalisedPath, routeKey } from './keys';

export interface RouteRef {
  readonly service: string;
  readonly method: MethodOrAny;
  readonly path: string;
  readonly file: string;
  readonly line: number;
  readonly handler: string | null;
}

export interface CallerRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly method: MethodOrAny;
  readonly path: string | null;
}

export interface BreakingChange {
  /** `removed`; `path-changed` or `method-changed` when the same handler now serves another route. */
  readonly change: 'removed' | 'path-changed' | 'method-changed';
  /** The route as it was in the base. */
  readonly route: RouteRef;
  /** What the handler serves now, for a changed route. */
  readonly now: RouteRef | null;
  /** Calls of the new tree that reached the route in the base and now reach nothing. */
  readonly callers: readonly CallerRef[];
}

export interface ReviewDiff {
  readonly breaking: readonly BreakingChange[];
  readonly newMissing: readonly Gap[];
  readonly newUnused: readonly Gap[];
  /** New findings of other kinds (rules added later). */
  readonly newOther: readonly Gap[];
  readonly fixed: readonly Gap[];
  /** Every finding the change adds: the callers' gaps of the breaking changes and all of the above (what `--fail-on` looks at). */
  readonly added: readonly Gap[];
}

/** Gaps of `a` whose keys are not (as often) in `b`. */
function minus(a: AnalysisResult, b: AnalysisResult): Gap[] {
  const bEndpoints = endpointIndex(b);
  const left = new Map<string, number>();
  for (const g of b.gaps) {
    const t = keyText(findingKey(g, bEndpoints));
    left.set(t, (left.get(t) ?? 0) + 1);
  }
  const aEndpoints = endpointIndex(a);
  const out: Gap[] = [];
  for (const g of a.gaps) {
    const t = keyText(findingKey(g, aEndpoints));
    const n = left.get(t) ?? 0;
    if (n > 0) left.set(t, n - 1);
    else out.push(g);
  }
  return out;
}

const CALL_GAPS = new Set(['missing-endpoint', 'method-mismatch']);
const callKey = (c: Pick<Call, 'file' | 'method' | 'path'>) => `${c.file}\u0000${c.method}\u0000${normalisedPath(c.path)}`;
const routeRef = (e: Endpoint): RouteRef => ({ service: e.service, method: e.method, path: e.path, file: e.file, line: e.line, handler: e.handler });

export function diffResults(base: AnalysisResult, head: AnalysisResult): ReviewDiff {
  const added = minus(head, base);
  const fixed = minus(base, head);
  const headCalls = new Map(head.calls.map((c) => [c.id, c]));
  const broken = breakingChanges(base, head, added, headCalls);
  const explained = new Set(broken.flatMap((b) => b.gaps));
  const newCallGaps = added.filter((g) => CALL_GAPS.has(g.kind) && !explained.has(g));
  return {
    breaking: broken.map((b) => b.change),
    newMissing: newCallGaps,
    newUnused: added.filter((g) => g.kind === 'unused-endpoint'),
    newOther: added.filter((g) => !CALL_GAPS.has(g.kind) && g.kind !== 'unused-endpoint'),
    fixed,
    added,
  };
}

/**
 * Base routes that the head no longer has, with the head's new call gaps they explain: a call that
 * matched the route in the base (same file, method and path) and now matches nothing.
 */
function breakingChanges(base: AnalysisResult, head: AnalysisResult, added: readonly Gap[], headCalls: ReadonlyMap<string, Call>): Array<{ change: BreakingChange; gaps: Gap[] }> {
  const headRoutes = new Set(head.endpoints.map(routeKey));
  const gone = base.endpoints.filter((e) => !headRoutes.has(routeKey(e)));
  if (gone.length === 0) return [];
  // Each new call gap, by the call's file, method and path.
  const gapsByCall = new Map<string, Gap[]>();
  for (const g of added) {
    const call = CALL_GAPS.has(g.kind) ? headCalls.get(g.subject) : undefined;
    if (!call) continue;
    const k = callKey(call);
    gapsByCall.set(k, [...(gapsByCall.get(k) ?? []), g]);
  }
  const out: Array<{ change: BreakingChange; gaps: Gap[] }> = [];
  for (const ep of gone) {
    const keys = new Set(base.calls.filter((c) => c.endpoint === ep.id && c.status === 'matched').map(callKey));
    const gaps = [...keys].flatMap((k) => gapsByCall.get(k) ?? []);
    if (gaps.length === 0) continue;
    const callers = gaps.map((g) => headCalls.get(g.subject)!).map((c) => ({ file: c.file, line: c.line, column: c.column, method: c.method, path: c.path }));
    const successor = head.endpoints.find((e) => e.file === ep.file && e.handler !== null && e.handler === ep.handler && e.service === ep.service);
    const change: BreakingChange['change'] = !successor ? 'removed' : normalisedPath(successor.path) === normalisedPath(ep.path) ? 'method-changed' : 'path-changed';
    out.push({ change: { change, route: routeRef(ep), now: successor ? routeRef(successor) : null, callers }, gaps });
  }
  return out;
}
