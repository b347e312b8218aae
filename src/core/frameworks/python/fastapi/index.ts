import { extName } from '../../../resolve/evaluate';
import { asMemberCall, handlerName, literalMethods, memberCallOf, METHOD_BY_NAME, type MemberCall } from '../../../resolve/patterns';
import type { Span } from '../../../types';
import { hasDependency, hasManifest } from '../../../project/projects';
import { linkDeclarations } from '../../../link/mounts';
import { expandHelpers, helperCandidate } from '../../../link/helpers';
import type { PyCall } from '../../../lang/python/facts';
import type { Sym } from '../../../resolve/sym';
import { defineFramework, type BackendDecl, type LinkContext, type MountDecl, type RouteDecl } from '../../types';
import { starletteSyntax } from './path';
import { pythonRouteShapes } from '../shapes';
import { fastapiStub } from './stub';

const MARKERS = /\.mount\s*\(|\b(?:FastAPI|APIRouter|include_router|add_api_route|add_api_websocket_route)\b|@\s*[\w.]+\.(?:get|post|put|patch|delete|head|options|trace|api_route|websocket)\s*\(/;

/** FastAPI: method decorators on apps and routers, `api_route`, `add_api_route`, websockets, and
 * `include_router(..., prefix=)` chains across modules with prefixes from constants or settings. */
/** A call that may reach a project helper registering routes or routers (`include_all(app)`). */
function pushCandidate(call: PyCall, file: string, decls: BackendDecl[]): void {
  const c = helperCandidate(call, file);
  if (c) decls.push(c);
}

/** `x.get("/a")(f)` is a route when its path is a literal one (not `handlers.get(kind)(payload)`). */
function literalPath(c: MemberCall): boolean {
  const p = c.args[0] ?? c.kw['path'];
  return p !== undefined && p.k === 'str' && p.v.startsWith('/');
}

/** A route decorator (`@router.get(path)`, `api_route`, `websocket`) on `handler`, or nothing for other calls. */
function decoratorRoute(c: MemberCall, handler: string | null, at: { file: string; fn: string | null; span: Span }, decls: BackendDecl[]): void {
  const path = c.args[0] ?? c.kw['path'];
  if (!path) return;
  const base = { t: 'route' as const, ...at, owner: c.owner, path, handler, ...named(c), ...tagged(c) };
  const method = METHOD_BY_NAME[c.name];
  if (method) decls.push({ ...base, kind: 'http', methods: [method] });
  else if (c.name === 'api_route') decls.push({ ...base, kind: 'http', methods: literalMethods(c.kw['methods']) ?? ['GET'] });
  else if (c.name === 'websocket') decls.push({ ...base, kind: 'websocket', methods: ['GET'] });
}

/** A route's `name=` (for `request.url_for(name)`), kept for `link`. */
function named(c: MemberCall): { meta?: Record<string, Sym> } {
  const name = c.kw['name'];
  return name ? { meta: { name } } : {};
}

/** The `tags=` a decorator, `add_api_route` or `include_router` gives, kept for the mount graph. */
function tagged(c: MemberCall): { tags?: Sym } {
  const tags = c.kw['tags'];
  return tags ? { tags } : {};
}

/** Starlette's route name: `name=`, else the endpoint function's name; null when it cannot be evaluated. */
function routeName(r: RouteDecl, ctx: LinkContext): string | null {
  const given = r.meta?.['name'];
  if (!given) return r.handler?.split('.').pop() ?? null;
  const t = ctx.pathText(given, r.file, r.fn, r.params);
  return t.unresolved.length || t.text === '' ? null : t.text;
}

export default defineFramework({
  id: 'fastapi',
  title: 'FastAPI',
  language: 'python',
  docs: 'https://fastapi.tiangolo.com/tutorial/bigger-applications/',
  supports: { pathParams: true, prefixes: true, mounts: true, websocket: true, crossModule: true },
  detection: { deps: ['fastapi'], defaultPort: 8000 },
  // A Python folder without a manifest may still be a FastAPI app (scripts, monorepo services).
  detect: (p) => hasDependency(p, 'fastapi') || !hasManifest(p, 'python'),
  pathSyntax: starletteSyntax,
  schemas: pythonRouteShapes,
  stub: fastapiStub,
  routes: {
    languages: ['python'],
    accepts: (f, text) => f.ext === '.py' && MARKERS.test(text),
    extract(file) {
      const py = file.py!;
      const decls: BackendDecl[] = [];
      for (const d of py.decorated) {
        if (d.kind !== 'function') continue;
        for (const dec of d.decorators) {
          const c = asMemberCall(dec.expr);
          // A decorator inside a helper (`def mount_spa(app): @app.get(...)`) belongs to the helper.
          if (c) decoratorRoute(c, d.name, { file: file.ref.path, fn: c.owner.k === 'param' ? c.owner.fn : null, span: dec.span }, decls);
        }
      }
      for (const call of py.calls) {
        // `app.get("/x")(handler)`: the decorator applied by hand.
        const applied = call.callee.k === 'call' ? asMemberCall(call.callee) : null;
        if (applied && literalPath(applied)) {
          decoratorRoute(applied, handlerName(call.args[0]), { file: file.ref.path, fn: call.fn, span: call.span }, decls);
          continue;
        }
        const c = memberCallOf(call);
        if (!c) {
          pushCandidate(call, file.ref.path, decls);
          continue;
        }
        const at = { file: file.ref.path, fn: call.fn, span: call.anchor };
        if (c.name === 'include_router') {
          const child = c.args[0] ?? c.kw['router'];
          if (child) decls.push({ t: 'mount', ...at, parent: c.owner, child, prefix: c.kw['prefix'] ?? null, ...tagged(c) } satisfies MountDecl);
        } else if (c.name === 'mount') {
          // `app.mount("/v2", subapp)`: a FastAPI sub-app's routes live under the path; `StaticFiles` is no node and adds none.
          const child = c.args[1] ?? c.kw['app'];
          const prefix = c.args[0] ?? c.kw['path'];
          if (child && prefix) decls.push({ t: 'mount', ...at, parent: c.owner, child, prefix } satisfies MountDecl);
        } else if (c.name === 'add_api_route' || c.name === 'add_api_websocket_route') {
          const path = c.args[0] ?? c.kw['path'];
          if (!path) continue;
          const ws = c.name === 'add_api_websocket_route';
          decls.push({
            t: 'route',
            ...at,
            owner: c.owner,
            path,
            kind: ws ? 'websocket' : 'http',
            methods: ws ? ['GET'] : (literalMethods(c.kw['methods']) ?? ['GET']),
            handler: handlerName(c.args[1] ?? c.kw['endpoint']),
            ...named(c),
            ...tagged(c),
          } satisfies RouteDecl);
        } else if (c.name === 'run' && c.kw['port'] && c.owner.k === 'ref' && c.owner.name === 'uvicorn') {
          decls.push({ t: 'port', file: file.ref.path, fn: call.fn, port: c.kw['port'] });
        } else pushCandidate(call, file.ref.path, decls);
      }
      return decls;
    },
    link(decls, ctx) {
      // Helpers that register on their parameters (`def include_all(app): app.include_router(...)`), at each call.
      return linkDeclarations(expandHelpers(decls, ctx), ctx, {
        noun: 'router',
        rootNoun: 'FastAPI app',
        routeName: (r) => routeName(r, ctx),
        // Subclasses (`class UserAPIRouter(APIRouter)`) arrive here as the `APIRouter(…)` call their
        // constructors make, with the prefix they pass on.
        classify: (v) => {
          if (v.t !== 'call') return null;
          const name = extName(v.callee);
          const tags = ctx.evaluator.keyword(v, 'tags');
          const own = tags ? { tags } : {};
          if (name === 'FastAPI') return { root: true, prefix: null };
          if (name === 'APIRouter') return { root: false, prefix: ctx.evaluator.keyword(v, 'prefix'), ...own };
          return null;
        },
      });
    },
  },
});
