/**
 * utoipa's `#[utoipa::path(get, path = "/items/{id}", context_path = "/api")]` on a handler: a route the
 * handler documents (role `doc`, owner: the handler). It counts on its own only where `routes!(…)`
 * registers the handler (utoipa-axum); beside a registration it is compared with it (link/builders.ts).
 */
import type { MethodOrAny } from '../../types';
import type { RsFn } from '../../lang/rust/facts';
import { FnReader } from '../../lang/rust/builders';
import type { Sym } from '../../resolve/sym';
import type { RouteDecl } from '../types';

const VERBS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace', 'connect']);

export function utoipaDecls(file: string, fn: RsFn): RouteDecl[] {
  if (fn.id !== fn.name) return [];
  const out: RouteDecl[] = [];
  for (const a of fn.attrs) {
    if (a.path !== 'utoipa::path' && a.path !== 'path') continue;
    const methods: MethodOrAny[] = [];
    let path: Sym | null = null;
    let context: Sym | null = null;
    const tags: Sym[] = [];
    const r = new FnReader(file, fn);
    for (const x of a.args) {
      if (x.k === 'path' && x.segs.length === 1 && VERBS.has(x.segs[0]!)) methods.push(x.segs[0]!.toUpperCase() as MethodOrAny);
      else if (x.k === 'path' && x.segs.length === 2 && x.segs[0] === 'method') methods.push(x.segs[1]!.toUpperCase() as MethodOrAny);
      else if (x.k === 'kv' && x.key === 'path') path = r.sym(x.value);
      else if (x.k === 'kv' && x.key === 'context_path') context = r.sym(x.value);
      else if (x.k === 'kv' && x.key === 'tag') tags.push(r.sym(x.value));
      else if (x.k === 'kv' && x.key === 'tags' && x.value.k === 'arr') tags.push(...x.value.items.map((i) => r.sym(i)));
      else if (x.k === 'call' && x.fn.k === 'path' && x.fn.segs[0] === 'method') {
        for (const m of x.args) if (m.k === 'path' && VERBS.has(m.segs[0]!)) methods.push(m.segs[0]!.toUpperCase() as MethodOrAny);
      }
    }
    if (a.path === 'path' && !path) continue;
    if (!path || methods.length === 0) continue;
    const full: Sym = context ? { k: 'concat', parts: [context, path] } : path;
    out.push({ t: 'route', file, fn: null, kind: 'http', methods, path: full, owner: { k: 'ref', name: fn.name }, handler: fn.name, span: a.span, role: 'doc', ...(tags.length ? { tags: { k: 'arr', items: tags } satisfies Sym } : {}) });
  }
  return out;
}
