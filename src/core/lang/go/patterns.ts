/** Go 1.22 `net/http` ServeMux patterns, which chi and other routers read too. */
import { isHttpMethod } from '../../resolve/patterns';
import type { MethodOrAny } from '../../types';
import type { Sym } from '../../resolve/sym';

/**
 * A pattern's method and path in canonical form: `GET /items/{id}` → GET `/items/{id}`; a host is
 * dropped; `/static/` (a subtree, with `subtrees`) → `/static/{...rest}`; `/{$}` → `/`.
 */
export function goPattern(text: string, subtrees = true): { methods: MethodOrAny[] | null; path: string } {
  let methods: MethodOrAny[] | null = null;
  let path = text.trim();
  const m = /^([A-Z]+)\s+(.*)$/.exec(path);
  if (m && isHttpMethod(m[1]!)) {
    methods = [m[1]!];
    path = m[2]!.trim();
  }
  if (!path.startsWith('/') && !path.startsWith('{') && path.includes('/')) path = path.slice(path.indexOf('/'));
  if (path.endsWith('/{$}')) return { methods, path: path.slice(0, -3) || '/' };
  path = path.replace(/\{([A-Za-z_]\w*)\.\.\.\}/g, '{...$1}');
  if (subtrees && path.endsWith('/')) path += '{...rest}';
  return { methods, path };
}

/**
 * Methods written as strings or net/http's constants (`http.MethodPut`), one or a slice of them
 * (`[]string{http.MethodGet, "POST"}`); null when any item is something else.
 */
export function goMethods(sym: Sym | undefined): MethodOrAny[] | null {
  if (!sym) return null;
  const items = sym.k === 'arr' ? sym.items : [sym];
  const out: MethodOrAny[] = [];
  for (const i of items) {
    const name = i.k === 'str' ? i.v.toUpperCase() : i.k === 'member' && /^Method[A-Z][a-z]+$/.test(i.prop) ? i.prop.slice(6).toUpperCase() : null;
    if (name === null || !isHttpMethod(name)) return null;
    out.push(name);
  }
  return out.length ? out : null;
}
