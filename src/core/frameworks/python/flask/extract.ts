/**
 * Flask declarations of one module: `@app.route` / `@bp.get` decorators, `route(...)(view)` applied
 * directly, `add_url_rule`, `register_blueprint`, Flask-RESTful/RESTX `add_resource`, `@ns.route` on
 * Resource classes, `add_namespace` and `init_app`. Methods that depend on a class (MethodView,
 * Resource) or on a value that is not a literal are decided in `link`, with every module in view.
 */
import type { PyCall, PyFileFacts } from '../../../lang/python/facts';
import { dyn, symText, type Sym } from '../../../resolve/sym';
import { asMemberCall, handlerName, literalMethods, memberCallOf, type MemberCall } from '../../../resolve/patterns';
import type { HttpMethod, Span } from '../../../types';
import type { BackendDecl, MountDecl, RouteDecl } from '../../types';
import { helperCandidate as candidateOf, type HelperCall } from '../../../link/helpers';

/** A Flask route before linking: its methods may still come from a view class or an expression. */
export interface FlaskRouteDecl extends RouteDecl {
  /**
   * The class whose handlers give the methods: a Resource (`add_resource`, `@ns.route`), which always
   * dispatches on its `get`/`post`/… handlers, or a view (`Cls.as_view(...)`), which does when it is a MethodView.
   */
  readonly viewClass?: { readonly cls: Sym; readonly resource: boolean };
  /** A `methods=` argument that is not a literal list, evaluated in `link`. */
  readonly methodsSym?: Sym;
  /** Not a route: a call that may reach a project's registration helper (see `link/helpers.ts`). */
  readonly call?: HelperCall;
  /** The endpoint name given (`endpoint=`, `add_url_rule`'s second argument, `as_view("name")`). */
  readonly endpoint?: Sym;
  /** Without one, Flask names it after the view function (`handler`) or, for a Flask-RESTful resource, the class. */
  readonly endpointDefault?: 'handler' | 'resource';
}

/** Flask 2 shortcut decorators (`@bp.get`); Flask has no `head`/`options` shortcuts. */
const SHORTCUTS: Readonly<Record<string, HttpMethod>> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE' };

interface Site {
  readonly file: string;
  readonly fn: string | null;
  readonly span: Span;
}

export function extractFlask(py: PyFileFacts, file: string): BackendDecl[] {
  const out: BackendDecl[] = [];
  for (const d of py.decorated) {
    for (const dec of d.decorators) {
      const c = asMemberCall(dec.expr);
      if (!c) continue;
      // A decorator inside a helper (`def register(app): @app.route(...)`) belongs to the helper.
      const at: Site = { file, fn: c.owner.k === 'param' ? c.owner.fn : null, span: dec.span };
      if (d.kind === 'function') functionRoute(c, d.name, at, out);
      // RESTX `@ns.route("/a", "/b")` on a Resource class: its methods are the class's handlers.
      else if (c.name === 'route') resourceRoutes(c.owner, { k: 'ref', name: d.name }, c.args, d.name, at, out);
    }
  }
  for (const call of py.calls) callDecls(call, file, py.module.bindings, out);
  return out;
}

/** `@owner.route(rule, methods=[...])` or `@owner.get(rule)` on a function. */
function functionRoute(c: MemberCall, handler: string | null, at: Site, out: BackendDecl[]): void {
  const path = c.args[0] ?? c.kw['rule'];
  if (!path) return;
  const endpoint = c.kw['endpoint'];
  const base = { t: 'route' as const, ...at, owner: c.owner, path, handler, kind: 'http' as const, ...(endpoint ? { endpoint } : {}), endpointDefault: 'handler' as const };
  const shortcut = SHORTCUTS[c.name];
  if (shortcut) out.push({ ...base, methods: [shortcut] });
  else if (c.name === 'route') out.push({ ...base, ...methodsOf(c.kw['methods']) } satisfies FlaskRouteDecl);
}

/** Literal methods now; anything else is evaluated in `link`. Absent: GET. */
function methodsOf(sym: Sym | undefined): { methods: RouteDecl['methods']; methodsSym?: Sym } {
  if (!sym) return { methods: ['GET'] };
  const lit = literalMethods(sym);
  return lit ? { methods: lit } : { methods: [], methodsSym: sym };
}

/** One route per URL of a Resource class registered on `owner` (an Api or a Namespace). */
function resourceRoutes(owner: Sym, view: Sym, urls: readonly Sym[], handler: string | null, at: Site, out: BackendDecl[], endpoint?: Sym): void {
  for (const path of urls) {
    const d: FlaskRouteDecl = { t: 'route', ...at, owner, path, handler, kind: 'http', methods: [], viewClass: { cls: view, resource: true }, ...(endpoint ? { endpoint } : {}), endpointDefault: 'resource' };
    out.push(d);
  }
}

function callDecls(call: PyCall, file: string, bindings: PyFileFacts['module']['bindings'], out: BackendDecl[]): void {
  const at: Site = { file, fn: call.fn, span: call.anchor };
  // `app.route("/x")(view)`, `bp.get("/x")(view)`: the decorator applied by hand.
  const applied = call.callee.k === 'call' ? asMemberCall(call.callee) : null;
  if (applied && call.args[0] && appliedPath(applied)) return functionRoute(applied, handlerName(call.args[0]), { ...at, span: call.span }, out);
  const c = memberCallOf(call);
  if (!c) return helperCandidate(call, at, out);
  switch (c.name) {
    case 'register_blueprint':
      return mount(out, at, c.owner, c.args[0] ?? c.kw['blueprint'], c.kw['url_prefix'] ?? null);
    case 'add_namespace':
      return mount(out, at, c.owner, c.args[0] ?? c.kw['ns'], c.args[1] ?? c.kw['path'] ?? null);
    case 'init_app': {
      // `api.init_app(app)` attaches an Api made without an app; `db.init_app(app)` is no node and is dropped.
      const app = c.args[0] ?? c.kw['app'];
      if (app) out.push({ t: 'mount', ...at, parent: app, child: c.owner, prefix: null } satisfies MountDecl);
      // `handlers.init_app(app)` may be a project helper that registers blueprints on `app`.
      return helperCandidate(call, at, out);
    }
    case 'add_url_rule':
      return urlRule(c, at, bindings, out, spreadEndpoint(call));
    case 'run': {
      // `app.run(port=5001)`, `socketio.run(app, port=5001)`.
      const port = c.kw['port'];
      if (port) out.push({ t: 'port', file: at.file, fn: at.fn, port });
      return;
    }
    case 'add_resource': {
      const resource = c.args[0] ?? c.kw['resource'];
      if (resource) resourceRoutes(c.owner, resource, c.args.slice(1), handlerName(resource), at, out, c.kw['endpoint'] ?? spreadEndpoint(call));
      return;
    }
    default:
      return helperCandidate(call, at, out);
  }
}

function helperCandidate(call: PyCall, at: Site, out: BackendDecl[]): void {
  const c = candidateOf(call, at.file);
  if (c) out.push(c);
}

/** `bp.route("/a")(view)` is a route when its path is a literal one (not `handlers.get(kind)(payload)`). */
function appliedPath(c: MemberCall): boolean {
  const p = c.args[0] ?? c.kw['rule'];
  return p !== undefined && p.k === 'str' && p.v.startsWith('/');
}

function mount(out: BackendDecl[], at: Site, parent: Sym, child: Sym | undefined, prefix: Sym | null): void {
  if (!child) return;
  out.push({ t: 'mount', ...at, parent, child, prefix: isNone(prefix) ? null : prefix, replacesOwnPrefix: true } satisfies MountDecl);
}

/** `add_url_rule(rule, endpoint=None, view_func=None, methods=...)`; `view_func=Cls.as_view("name")` takes the class's methods. */
function urlRule(c: MemberCall, at: Site, bindings: PyFileFacts['module']['bindings'], out: BackendDecl[], spread?: Sym): void {
  const path = c.args[0] ?? c.kw['rule'];
  if (!path) return;
  const viewFunc = c.args[2] ?? c.kw['view_func'];
  const asView = viewFunc ? asMemberCall(boundTo(viewFunc, bindings)) : null;
  const view = asView?.name === 'as_view' ? asView.owner : undefined;
  const explicit = c.kw['methods'];
  const handler = view ? handlerName(view) : (handlerName(viewFunc) ?? null);
  const endpoint = c.args[1] ?? c.kw['endpoint'] ?? spread ?? (view ? (asView!.args[0] ?? asView!.kw['name']) : undefined);
  const named = endpoint && !isNone(endpoint) ? { endpoint } : {};
  const base = { t: 'route' as const, ...at, owner: c.owner, path, handler, kind: 'http' as const, ...named, endpointDefault: 'handler' as const };
  if (explicit || !view) out.push({ ...base, ...methodsOf(explicit) } satisfies FlaskRouteDecl);
  else {
    const d: FlaskRouteDecl = { ...base, methods: [], viewClass: { cls: view, resource: false } };
    out.push(d);
  }
}

/** What a name in this module is bound to (`view = Cls.as_view("v")`), followed a few steps; other symbols as they are. */
function boundTo(sym: Sym, bindings: PyFileFacts['module']['bindings']): Sym {
  let s = sym;
  for (let i = 0; i < 4 && s.k === 'ref'; i++) {
    const next = bindings[s.name];
    if (!next) break;
    s = next;
  }
  return s;
}

/** `add_resource(r, *urls, **kwargs)`: the endpoint may be among the spread keywords, so it is unknown. */
function spreadEndpoint(call: PyCall): Sym | undefined {
  return call.kwSpreads.length ? dyn(`**${symText(call.kwSpreads[0]!)}`) : undefined;
}

function isNone(s: Sym | null): boolean {
  return s !== null && s.k === 'dyn' && s.text === 'None';
}
