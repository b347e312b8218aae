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
