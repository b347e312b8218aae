/** Labels shared by every report and rule. */
import type { MethodOrAny } from '../types';

/** `GET`, `ANY` for a route or call that takes every method, `WS` for a WebSocket when its kind is given. */
export function methodLabel(method: MethodOrAny | null, kind?: string): string {
  if (kind === 'websocket') return 'WS';
  if (kind === 'page') return 'PAGE';
  return method === null || method === '*' ? 'ANY' : method;
}

/** `GET /users/{id}`, `WS /ws/jobs/{id}`, `ANY /files`. */
export function label(method: MethodOrAny | null, path: string | null, kind?: string): string {
  return `${methodLabel(method, kind)} ${path ?? '(unknown path)'}`;
}

/** The parts of an endpoint its three-way status reads (code, docs, frontend use). */
interface StatusOf {
  readonly source: string;
  readonly docs?: readonly string[];
  readonly documentedAs?: ReadonlyArray<{ readonly method: string; readonly path: string; readonly agrees: boolean }>;
  readonly ignored: string | null;
  readonly possibleCallers: readonly string[];
  readonly testCallers: readonly string[];
}

/**
 * The docs leg: `docs ✔` (an API document of its service lists it, or its handler's annotation documents
 * it), `docs ✗` (its service has documents and none lists it), `docs –` (nothing documents its service).
 */
export function docsLeg(e: StatusOf): string {
  const own = e.documentedAs ?? [];
  if (e.docs?.length) return 'docs ✔';
  if (e.docs) return own.some((a) => a.agrees) ? 'docs ✗ (annotated, not in the spec)' : 'docs ✗';
  if (own.some((a) => a.agrees)) return 'docs ✔ (annotation)';
  if (own.length) return `docs ✗ (its annotation says ${own.map((a) => `${a.method} ${a.path}`).join(', ')})`;
  return 'docs –';
}

/** `code ✔ · docs ✗ · used by 3 calls`: an endpoint's three-way status; `callers` counts its application callers. */
export function threeWayStatus(e: StatusOf, callers: number): string {
  const code = e.source === 'code' ? 'code ✔' : 'code ✗';
  let use: string;
  if (callers) use = `used by ${callers} call${callers === 1 ? '' : 's'}`;
  else if (e.ignored !== null) use = 'ignored';
  else if (e.possibleCallers.length) use = `${e.possibleCallers.length} possible call${e.possibleCallers.length === 1 ? '' : 's'}`;
  else if (e.testCallers.length) use = 'used by tests only';
  else use = 'not used';
  return `${code} · ${docsLeg(e)} · ${use}`;
}
