import { extName, stripGlobal, type Value } from '../../../resolve/evaluate';
import { handlerName, literalMethods, memberCallOf, METHOD_BY_NAME } from '../../../resolve/patterns';
import type { ModuleFacts, Sym } from '../../../resolve/sym';
import { importedFrom } from '../../../lang/js/requires';
import { linkDeclarations } from '../../../link/mounts';
import { defineFramework, type BackendDecl, type LinkContext, type LinkedRoute, type RouteDecl } from '../../types';
import type { MethodOrAny } from '../../../types';
import { expressSyntax } from '../express/path';
import { passDecls } from '../express/passes';
import { koaStub } from './stub';

const MARKERS = /\bkoa\b|@koa\/router|koa-router|\bRouter\b/;
const ROUTER_PACKAGE = /^(koa-router|@koa\/router)(\.default|\.Router)?$/;

type At = Pick<RouteDecl, 'file' | 'fn' | 'span'>;

/**
 * Koa: `@koa/router` / `koa-router` registrations (`router.get(path, …mw, h)`, named routes
 * `router.get(name, path, h)`, `router.all`, `router.register(path, methods, h)`), routers nested with
 * `router.use([prefix,] other.routes())` and `new Router({ prefix })`, apps mounted with koa-mount
 * (`app.use(mount('/api', api))`). RPC-style paths (`router.post('documents.list')`) are served at
 * `<mount>/documents.list`. Static folders (`koa-static`) are pages.
 */
export default defineFramework({
  id: 'koa',
  stub: koaStub,
  title: 'Koa',
  language: 'js',
  docs: 'https://github.com/koajs/router',
  supports: { pathParams: true, mounts: true, crossModule: true },
  detection: { deps: ['koa', '@koa/router', 'koa-router'], defaultPort: 3000 },
  pathSyntax: expressSyntax,
  routes: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract(file) {
      const m = file.js!.module;
      const decls: BackendDecl[] = [];
      for (const call of file.js!.calls) {
        const c = memberCallOf(call);
        const at: At = { file: file.ref.path, fn: call.fn, span: call.anchor };
        if (!c || !(c.name in METHOD_BY_NAME || c.name === 'use' || c.name === 'del' || c.name === 'register')) passDecls(call.callee, call.args, at, decls);
        if (!c) continue;
        const method: MethodOrAny | undefined = c.name === 'all' ? '*' : c.name === 'del' ? 'DELETE' : METHOD_BY_NAME[c.name];
        const last = c.args[c.args.length - 1];
        if (method && method !== 'TRACE' && c.args.length >= 2) {
          // `router.get('user', '/users/:id', h)`: a named route.
          const [a0, a1] = [c.args[0]!, c.args[1]!];
          const path = a0.k === 'str' && a1.k === 'str' && a1.v.startsWith('/') && c.args.length >= 3 ? a1 : a0;
          if (isText(path)) decls.push({ t: 'route', ...at, kind: 'http', methods: [method], owner: c.owner, path, handler: handlerName(last) } satisfies RouteDecl);
        } else if (c.name === 'register' && c.args.length >= 3 && isText(c.args[0])) {
          const methods = literalMethods(upper(c.args[1]!));
          if (methods?.length) decls.push({ t: 'route', ...at, kind: 'http', methods, owner: c.owner, path: c.args[0]!, handler: handlerName(last) } satisfies RouteDecl);
        } else if (c.name === 'use' && c.args.length > 0) {
          useDecls(m, c.owner, c.args, at, decls);
        } else if (c.name === 'listen' && c.args[0]) {
          decls.push({ t: 'port', file: file.ref.path, fn: call.fn, port: c.args[0] });
        }
      }
      return decls;
    },
    link(decls, ctx) {
      return linkDeclarations(decls, ctx, {
        noun: 'router',
        rootNoun: 'Koa app',
        dropForeignOwners: true,
        classify: (v) => classify(v, ctx),
      }).map(rooted);
    },
  },
});

function classify(v: Value, ctx: LinkContext): { root: boolean; prefix: Value | null } | null {
  if (v.t !== 'call' || v.callee.t !== 'ext') return null;
  const path = stripGlobal(v.callee.path);
  if (path === 'koa' || path === 'koa.default') return { root: true, prefix: null };
  if (!ROUTER_PACKAGE.test(path) && !(extName(v.callee) === 'Router' && /^(koa-router|@koa\/router)/.test(path))) return null;
  const opts = v.args[0] ? ctx.value(v.args[0], v.ctx.file, v.ctx.fn) : null;
  const prefix = opts && opts.t === 'obj' ? ctx.evaluator.member(opts, 'prefix') : null;
  return { root: false, prefix: prefix && !(prefix.t === 'unknown' && prefix.absent) ? prefix : null };
}

/** RPC-style paths (`documents.list`) are served from their mount point: `/documents.list`. */
function rooted(r: LinkedRoute): LinkedRoute {
  return r.path.startsWith('/') || r.path === '*' ? r : { ...r, path: `/${r.path}` };
}

/**
 * `x.use([prefix,] a.routes(), mount('/api', app), serve(dir), …)`: mounts of routers and apps, and
 * static folders as page catch-alls; plain middleware is skipped.
 */
function useDecls(m: ModuleFacts, owner: Sym, args: readonly Sym[], at: At, decls: BackendDecl[]): void {
  const first = args[0]!;
  const prefix = isText(first) ? first : null;
  // `router.use(PREFIX, r.routes())` or `router.use(auth, r.routes())`: a name may be either; the mount
  // graph keeps the reading whose prefix is a string.
  if (prefix && first.k !== 'str' && first.k !== 'concat') useDecls(m, owner, args.slice(1), at, decls);
  for (const arg of prefix ? args.slice(1) : args) {
    const mounted = koaMount(m, arg);
    const child = mounted ? mounted.child : routesOf(arg);
    const at2 = mounted?.prefix ?? prefix;
    if (child.k === 'call' && isStaticServe(m, child)) {
      const path: Sym = at2 ? { k: 'concat', parts: [at2, { k: 'str', v: '/*' }] } : { k: 'str', v: '/*' };
      decls.push({ t: 'route', ...at, kind: 'page', methods: ['GET'], owner, path, handler: importedFrom(m, (child.callee as { name: string }).name) });
    } else if (child.k === 'ref' || child.k === 'member' || child.k === 'call') {
      decls.push({ t: 'mount', ...at, parent: owner, child, prefix: at2 });
    }
  }
}

/** `mount('/api', app)`, `mount(app)` (koa-mount): the mounted app and its prefix. */
function koaMount(m: ModuleFacts, s: Sym): { child: Sym; prefix: Sym | null } | null {
  if (s.k !== 'call' || s.callee.k !== 'ref' || importedFrom(m, s.callee.name) !== 'koa-mount' || !s.args[0]) return null;
  return isText(s.args[0]) && s.args[1] ? { child: routesOf(s.args[1]), prefix: s.args[0] } : { child: routesOf(s.args[0]), prefix: null };
}

/** `router.routes()` / `router.middleware()` → `router`. */
function routesOf(s: Sym): Sym {
  return s.k === 'call' && s.callee.k === 'member' && (s.callee.prop === 'routes' || s.callee.prop === 'middleware') && s.args.length === 0 ? s.callee.obj : s;
}

function isStaticServe(m: ModuleFacts, s: Extract<Sym, { k: 'call' }>): boolean {
  const pkg = s.callee.k === 'ref' ? importedFrom(m, s.callee.name) : null;
  return pkg !== null && /(^|[-/])static([-/]|$)/.test(pkg);
}

/** A path as written: a string, a template, a constant (a function or an object is not). */
function isText(s: Sym | undefined): boolean {
  if (!s) return false;
  if (s.k === 'str') return true;
  if (s.k === 'concat') return true;
  if (s.k === 'arr') return false;
  return s.k === 'ref' || s.k === 'member';
}

function upper(s: Sym): Sym {
  if (s.k === 'str') return { k: 'str', v: s.v.toUpperCase() };
  if (s.k === 'arr') return { k: 'arr', items: s.items.map(upper) };
  return s;
}
