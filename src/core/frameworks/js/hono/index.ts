import { handlerName, literalMethods, memberCallOf, METHOD_BY_NAME } from '../../../resolve/patterns';
import type { ModuleFacts, Sym } from '../../../resolve/sym';
import { defineFramework, type BackendDecl, type RouteDecl } from '../../types';
import type { MethodOrAny } from '../../../types';
import { honoSyntax } from './path';
import { CHAINABLE, chainBase, isNewHono } from './chain';
import { linkHono } from './link';
import { honoStub } from './stub';

const MARKERS = /\bhono\b|\bHono\b/;

type At = Pick<RouteDecl, 'file' | 'fn' | 'span'>;

/**
 * Hono: `app.get/post/…/all(path, …h)`, `app.on(method(s), path(s), h)`, chained registrations
 * (`new Hono().get(…).post(…)`), `basePath('/api')` (on the app's binding or in the chain), and
 * sub-apps mounted with `app.route('/x', sub)` across modules. Apps are identified by the binding that
 * holds them (`const users = new Hono()…`), through imports and re-exports.
 */
export default defineFramework({
  id: 'hono',
  stub: honoStub,
  title: 'Hono',
  language: 'js',
  docs: 'https://hono.dev/docs/api/routing',
  supports: { pathParams: true, mounts: true, crossModule: true },
  detection: { deps: ['hono'], defaultPort: 3000 },
  pathSyntax: honoSyntax,
  routes: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract(file) {
      const m = file.js!.module;
      const chains = chainBindings(m);
      const decls: BackendDecl[] = [];
      for (const call of file.js!.calls) {
        const c = memberCallOf(call);
        if (!c || !CHAINABLE.has(c.name)) continue;
        const at: At = { file: file.ref.path, fn: call.fn, span: call.anchor };
        const owner = ownerOf(m, c.owner, chains.get(key(call.callee)) ?? null);
        if (!owner) continue;
        const route = (methods: MethodOrAny[], path: Sym) =>
          decls.push({ t: 'route', ...at, kind: 'http', methods, owner: owner.app, path: withPrefix(owner.prefix, path), handler: handlerName(c.args[c.args.length - 1]) } satisfies RouteDecl);
        const method: MethodOrAny | undefined = c.name === 'all' ? '*' : METHOD_BY_NAME[c.name];
        if (method && method !== 'TRACE' && c.args.length >= 2) for (const p of paths(c.args[0]!)) route([method], p);
        else if (c.name === 'on' && c.args.length >= 3) {
          const methods = literalMethods(upper(c.args[0]!));
          if (methods?.length) for (const p of paths(c.args[1]!)) route(methods, p);
        } else if (c.name === 'route' && c.args.length >= 2 && isText(c.args[0])) {
          decls.push({ t: 'mount', ...at, parent: owner.app, child: c.args[1]!, prefix: withPrefix(owner.prefix, c.args[0]!) });
        }
      }
      return decls;
    },
    link: linkHono,
  },
});

const key = (s: Sym) => JSON.stringify(s);

/** Calls inside module-level bindings built by a chain on `new Hono()`: the callee's key → the binding's name. */
function chainBindings(m: ModuleFacts): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, sym] of Object.entries(m.bindings)) {
    if (name.includes('::') || !isNewHono(m, chainBase(sym).base)) continue;
    for (let cur = sym; cur.k === 'call' && cur.callee.k === 'member'; cur = cur.callee.obj) out.set(key(cur.callee), name);
  }
  return out;
}

/**
 * The app a registration is on, and the path in front of its own: an app bound to a name (`app`,
 * `users`), with the `basePath`s of the chain it is called through and of the binding it uses
 * (`const api = app.basePath('/api')` registers on `app` under `/api`).
 */
function ownerOf(m: ModuleFacts, obj: Sym, boundTo: string | null): { app: Sym; prefix: Sym[] } | null {
  const { base, prefixes } = chainBase(obj);
  if (boundTo !== null && isNewHono(m, base)) return { app: { k: 'ref', name: boundTo }, prefix: prefixes };
  if (base.k !== 'ref' && base.k !== 'param' && base.k !== 'member') return null;
  const app = appBinding(m, base, 0);
  return { app: app.app, prefix: [...app.prefix, ...prefixes] };
}

/** The app a name holds, through `const v2 = app.basePath('/v2')`, with the base paths on the way. */
function appBinding(m: ModuleFacts, base: Sym, depth: number): { app: Sym; prefix: Sym[] } {
  const bound = base.k === 'ref' && depth < 8 ? m.bindings[base.name] : undefined;
  if (!bound) return { app: base, prefix: [] };
  const inner = chainBase(bound);
  if (isNewHono(m, inner.base)) return { app: base, prefix: inner.prefixes };
  if (inner.base.k === 'ref' && inner.prefixes.length) {
    const up = appBinding(m, inner.base, depth + 1);
    return { app: up.app, prefix: [...up.prefix, ...inner.prefixes] };
  }
  return { app: base, prefix: [] };
}

function withPrefix(prefix: readonly Sym[], path: Sym): Sym {
  return prefix.length ? { k: 'concat', parts: [...prefix, path] } : path;
}

function paths(s: Sym): Sym[] {
  if (s.k === 'arr') return s.items.filter(isText);
  return isText(s) ? [s] : [];
}

function isText(s: Sym | undefined): boolean {
  if (!s) return false;
  if (s.k === 'str') return s.v.startsWith('/') || s.v === '*';
  return s.k === 'concat' || s.k === 'ref' || s.k === 'member';
}

function upper(s: Sym): Sym {
  if (s.k === 'str') return { k: 'str', v: s.v.toUpperCase() };
  if (s.k === 'arr') return { k: 'arr', items: s.items.map(upper) };
  return s;
}
