import { extName, stripGlobal } from '../../../resolve/evaluate';
import { handlerName, memberCallOf, METHOD_BY_NAME } from '../../../resolve/patterns';
import type { ModuleFacts, Sym } from '../../../resolve/sym';
import { markViews, pageHandlers, regexPrefix, regexSource, rendersPage, staticFolder, viewCandidate } from './pages';
import { linkDeclarations } from '../../../link/mounts';
import { defineFramework, type BackendDecl, type MountDecl, type RouteDecl } from '../../types';
import { expressSyntax } from './path';
import { passDecls } from './passes';
import type { MethodOrAny } from '../../../types';
import { expressShapes } from './shapes';
import { expressStub } from './stub';

/** Files that may register routes (also helpers that only receive the app), or define handlers that render pages (`res.render`). */
const MARKERS = /\bexpress\b|\bRouter\s*\(|\.render\s*\(|\.sendFile\s*\(|\.(?:get|post|put|patch|delete|all|route)\s*\(\s*['"`]\//;

/** Express: `app`/`router` method registrations, `router.route(p).get().post()` chains, express-ws
 * `app.ws(p)` WebSocket endpoints, and `app.use('/prefix', router)` mounts across `require`/`import`. */
export default defineFramework({
  id: 'express',
  stub: expressStub,
  title: 'Express',
  language: 'js',
  docs: 'https://expressjs.com/en/guide/routing.html',
  supports: { pathParams: true, mounts: true, crossModule: true },
  detection: { deps: ['express'] },
  pathSyntax: expressSyntax,
  schemas: expressShapes,
  routes: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract(file) {
      const m = file.js!.module;
      const pages = pageHandlers(file.js!.calls);
      const decls: BackendDecl[] = [];
      for (const call of file.js!.calls) {
        const c = memberCallOf(call);
        const at = { file: file.ref.path, fn: call.fn, span: call.anchor };
        if (!c || !(c.name in METHOD_BY_NAME || REGISTRATIONS.has(c.name))) passDecls(call.callee, call.args, at, decls);
        if (!c) continue;
        const method: MethodOrAny | undefined = c.name === 'all' ? '*' : METHOD_BY_NAME[c.name];
        // A handler is a function, a name or what a call returns, never literal data: `this.get('/api/users/me/',
        // { headers })` in an HTTP client class is a request, not a route.
        if (method && method !== 'TRACE' && !isLiteralData(c.args[c.args.length - 1])) {
          const last = c.args[c.args.length - 1];
          // A page is what a browser GETs; a form action that renders its answer (htmx) stays API.
          const kind = method === 'GET' && rendersPage(m, last, pages) ? 'page' : 'http';
          const view = kind === 'http' && method === 'GET' ? viewCandidate(last) : undefined;
          // `asyncHandler(links.redirect)` is named after the function it wraps.
          const route = { t: 'route', ...at, kind, methods: [method], handler: handlerName(viewCandidate(last) ?? last), ...(view ? { view } : {}) } as const;
          const chain = routeChain(c.owner);
          if (chain) decls.push({ ...route, owner: chain.owner, path: chain.path } satisfies RouteDecl);
          else if (c.args.length >= 2) for (const path of routePaths(c.args[0]!)) decls.push({ ...route, owner: c.owner, ...path } satisfies RouteDecl);
        } else if (c.name === 'ws' && c.args.length >= 2 && isPathLike(c.args[0]!, true)) {
          // express-ws: `app.ws('/path', (ws, req) => …)` on an app or router it patched.
          decls.push({ t: 'route', ...at, kind: 'websocket', methods: ['GET'], owner: c.owner, path: c.args[0]!, handler: handlerName(c.args[c.args.length - 1]) } satisfies RouteDecl);
        } else if (c.name === 'use' && c.args.length > 0) {
          useDecls(m, c.owner, c.args, at, decls);
        } else if (c.name === 'listen' && c.args[0]) {
          decls.push({ t: 'port', file: file.ref.path, fn: call.fn, port: c.args[0] });
        }
      }
      for (const fn of pages) decls.push({ t: 'view', file: file.ref.path, fn });
      return decls;
    },
    link(decls, ctx) {
      return linkDeclarations(markViews(decls, ctx), ctx, {
        noun: 'router',
        rootNoun: 'express() app',
        dropForeignOwners: true,
        classify: (v) => {
          if (v.t !== 'call' || v.callee.t !== 'ext') return null;
          const path = stripGlobal(v.callee.path);
          if (path === 'express') return { root: true, prefix: null };
          if (extName(v.callee) === 'Router' && path.startsWith('express')) return { root: false, prefix: null };
          return null;
        },
      });
    },
  },
});

type At = Pick<RouteDecl, 'file' | 'fn' | 'span'>;

const REGISTRATIONS = new Set(['all', 'use', 'listen', 'route', 'param', 'ws']);

/**
 * `app.use([prefix,] router…)`: mounts, and static folders as page catch-alls. `app.use(API_PREFIX, router)`
 * and `app.use(auth, router)` look alike: both readings are recorded and decided at link time.
 */
function useDecls(m: ModuleFacts, owner: Sym, args: readonly Sym[], at: At, decls: BackendDecl[]): void {
  const first = args[0]!;
  const mount = (child: Sym, prefix: Sym | null) => {
    const folder = staticFolder(m, child);
    if (folder !== null) {
      const path: Sym = prefix ? { k: 'concat', parts: [prefix, { k: 'str', v: '/*' }] } : { k: 'str', v: '/*' };
      decls.push({ t: 'route', ...at, kind: 'page', methods: ['GET'], owner, path, handler: folder } satisfies RouteDecl);
    } else if (child.k !== 'func' && child.k !== 'str' && child.k !== 'dyn' && child.k !== 'concat') decls.push({ t: 'mount', ...at, parent: owner, child, prefix } satisfies MountDecl);
  };
  if (isPathLike(first, true)) for (const child of args.slice(1)) mount(child, first);
  else if (isPathLike(first, false) && args.length > 1) {
    for (const child of args.slice(1)) mount(child, first);
    mount(first, null);
  } else for (const child of args) mount(child, null);
}

/** The paths a registration's first argument gives: one per array item; a regex as its literal prefix, partial. */
function routePaths(first: Sym): Array<Pick<RouteDecl, 'path' | 'notes'>> {
  if (first.k === 'arr') return first.items.flatMap(routePaths);
  const regex = regexSource(first);
  if (regex !== null) {
    return [{ path: { k: 'str', v: `${regexPrefix(regex)}*` }, notes: [`regex route \`/${regex}/\`: kept as its literal prefix followed by anything`] }];
  }
  return isPathLike(first) ? [{ path: first }] : [];
}

/** `x.route('/p').get(h).post(h)` → owner `x`, path `/p`. */
function routeChain(sym: Sym): { owner: Sym; path: Sym } | null {
  let cur = sym;
  for (let i = 0; i < 16 && cur.k === 'call' && cur.callee.k === 'member'; i++) {
    const name = cur.callee.prop;
    if (name === 'route') return cur.args[0] ? { owner: cur.callee.obj, path: cur.args[0] } : null;
    if (!(name in METHOD_BY_NAME) && name !== 'all') return null;
    cur = cur.callee.obj;
  }
  return null;
}

/**
 * A first argument that can be a path: a string starting with `/` or a template (`surely`), or also a
 * constant whose value is only known after evaluation.
 */
function isPathLike(s: Sym, surely = false): boolean {
  if (s.k === 'str') return s.v.startsWith('/') || s.v === '*';
  if (s.k === 'concat') return s.parts[0] ? isPathLike(s.parts[0], false) : false;
  if (s.k === 'arr') return s.items.length > 0 && s.items.every((i) => isPathLike(i, surely));
  return !surely && (s.k === 'ref' || s.k === 'member');
}

/** Literal data (an object, array, string or number literal): never a route handler. */
function isLiteralData(s: Sym | undefined): boolean {
  return s !== undefined && (s.k === 'obj' || s.k === 'arr' || s.k === 'str' || s.k === 'num' || s.k === 'concat');
}
