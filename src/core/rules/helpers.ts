/** Helpers rules share. */
import { methodLabel } from '../report/labels';
import type { MethodOrAny } from '../types';

export { label } from '../report/labels';

/** Endpoints grouped by path for suggestions: `GET, PATCH /users/{id}`. */
export function groupByPath<T extends { ep: { method: MethodOrAny; path: string; kind?: string } }>(list: readonly T[]): Array<{ path: string; methods: string[]; items: T[] }> {
  const out: Array<{ path: string; methods: string[]; items: T[] }> = [];
  for (const x of list) {
    let g = out.find((o) => o.path === x.ep.path);
    if (!g) {
      g = { path: x.ep.path, methods: [], items: [] };
      out.push(g);
    }
    const m = methodLabel(x.ep.method, x.ep.kind === 'websocket' ? x.ep.kind : undefined);
    if (!g.methods.includes(m)) g.methods.push(m);
    g.items.push(x);
  }
  return out;
}

/** A related location for an endpoint: `GET /users/{id} (read_user)`. */
export function endpointRelated(e: { ep: { file: string; line: number; column: number; method: MethodOrAny; path: string; handler: string | null } }): { file: string; line: number; column: number; message: string } {
  return { file: e.ep.file, line: e.ep.line, column: e.ep.column, message: `${methodLabel(e.ep.method)} ${e.ep.path}${e.ep.handler ? ` (${e.ep.handler})` : ''}` };
}
