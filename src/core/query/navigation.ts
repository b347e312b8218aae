/**
 * Navigation: go-to-definition jumps from a call to the route it matched; find-references lists a
 * route's callers (on a call, the callers of its route).
 */
import type { AnalysisResult, FileLocation, Span } from '../types';
import { callAt, callersOf, endpointsAt, locationOf, spanOf, targetOf, type Position } from './locate';

export interface Definition {
  /** The call the definition was asked on. */
  readonly origin: Span;
  /** The handler(s) it goes to. */
  readonly targets: readonly FileLocation[];
}

/** The route the call at `pos` was matched to; null when there is no matched call there. */
export function definitionAt(result: AnalysisResult, file: string, pos: Position): Definition | null {
  const call = callAt(result, file, pos);
  const ep = call && targetOf(result, call);
  if (!call || !ep) return null;
  return { origin: spanOf(call), targets: [locationOf(ep)] };
}

/**
 * The callers of the routes at `pos` (possibly none), or, on a matched call, the callers of its route;
 * null when the position is on neither.
 */
export function referencesAt(result: AnalysisResult, file: string, pos: Position): FileLocation[] | null {
  const eps = endpointsAt(result, file, pos);
  if (eps.length) return eps.flatMap((e) => callersOf(result, e).map(locationOf));
  const call = callAt(result, file, pos);
  const ep = call && targetOf(result, call);
  return ep ? callersOf(result, ep).map(locationOf) : null;
}
