/**
 * What is under the cursor, and the lookups every query needs. Positions are the core's: 1-based line and
 * column in a root-relative file.
 */
import type { AnalysisResult, Call, Endpoint, FileLocation, Span } from '../types';

/** A cursor position: 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Is `pos` inside `span`? Both ends count (a cursor just after a call's last character is still on it). */
export function spanContains(span: Span, pos: Position): boolean {
  if (pos.line < span.line || pos.line > span.endLine) return false;
  if (pos.line === span.line && pos.column < span.column) return false;
  if (pos.line === span.endLine && pos.column > span.endColumn) return false;
  return true;
}

/** The call at `pos` in `file`, if any. */
export function callAt(result: AnalysisResult, file: string, pos: Position): Call | undefined {
  return result.calls.find((c) => c.file === file && spanContains(c, pos));
}

/** The routes at `pos` in `file` (several when one line registers several methods). */
export function endpointsAt(result: AnalysisResult, file: string, pos: Position): Endpoint[] {
  return result.endpoints.filter((e) => e.file === file && spanContains(e, pos));
}

/** Just the span of an endpoint, call or gap, as plain data. */
export function spanOf(s: Span): Span {
  return { line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn };
}

/** Just the location of an endpoint or call, as plain data. */
export function locationOf(s: FileLocation): FileLocation {
  return { file: s.file, ...spanOf(s) };
}

interface Lookup {
  readonly calls: ReadonlyMap<string, Call>;
  readonly endpoints: ReadonlyMap<string, Endpoint>;
}

const lookups = new WeakMap<AnalysisResult, Lookup>();

/** Calls and endpoints by id, built once per result. */
export function lookup(result: AnalysisResult): Lookup {
  let l = lookups.get(result);
  if (!l) {
    l = { calls: new Map(result.calls.map((c) => [c.id, c])), endpoints: new Map(result.endpoints.map((e) => [e.id, e])) };
    lookups.set(result, l);
  }
  return l;
}

/** The route a call was matched to, if any. */
export function targetOf(result: AnalysisResult, call: Call): Endpoint | undefined {
  return call.endpoint ? lookup(result).endpoints.get(call.endpoint) : undefined;
}

/** The calls matched to a route, in the route's order (ids that no longer resolve are dropped). */
export function callersOf(result: AnalysisResult, endpoint: Endpoint): Call[] {
  const calls = lookup(result).calls;
  return endpoint.callers.map((id) => calls.get(id)).filter((c): c is Call => !!c);
}

/** Calls from tests, mocks and fixtures that reach the endpoint (not callers unless configured). */
export function testCallersOf(result: AnalysisResult, endpoint: Endpoint): Call[] {
  const calls = lookup(result).calls;
  return (endpoint.testCallers ?? []).map((id) => calls.get(id)).filter((c): c is Call => !!c);
}
