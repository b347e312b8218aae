/** Hono app chains: `new Hono()` and the calls that return the app itself. */
import { METHOD_BY_NAME } from '../../../resolve/patterns';
import type { ModuleFacts, Sym } from '../../../resolve/sym';
import { importedFrom } from '../../../lang/js/requires';

/** Methods of a Hono app that return the app itself, so calls chain (`new Hono().get(…).post(…)`). */
export const CHAINABLE = new Set([...Object.keys(METHOD_BY_NAME), 'all', 'on', 'use', 'route', 'basePath', 'onError', 'notFound', 'mount']);

/** Is `s` `new Hono(…)` (imported from `hono` or a `hono/*` preset)? */
export function isNewHono(m: ModuleFacts, s: Sym): boolean {
  if (s.k !== 'call') return false;
  const c = s.callee;
  if (c.k === 'ref') return /^hono(\/|$)/.test(importedFrom(m, c.name) ?? '') && (m.imports[c.name]?.name ?? 'Hono') === 'Hono';
  return c.k === 'member' && c.prop === 'Hono' && c.obj.k === 'ref' && /^hono(\/|$)/.test(importedFrom(m, c.obj.name) ?? '');
}

/** The app a chain starts from and the `basePath(…)` prefixes along it. */
export function chainBase(s: Sym): { base: Sym; prefixes: Sym[] } {
  const prefixes: Sym[] = [];
  let cur = s;
  for (let i = 0; i < 64 && cur.k === 'call' && cur.callee.k === 'member' && CHAINABLE.has(cur.callee.prop); i++) {
    if (cur.callee.prop === 'basePath' && cur.args[0]) prefixes.unshift(cur.args[0]);
    cur = cur.callee.obj;
  }
  return { base: cur, prefixes };
}

