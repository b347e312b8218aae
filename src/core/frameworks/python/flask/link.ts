/**
 * Flask's mount graph: apps (`Flask`, subclasses too) are roots; blueprints carry their `url_prefix`,
 * which `register_blueprint(bp, url_prefix=)` replaces; a Flask-RESTful/RESTX `Api` hangs below the app
 * or blueprint it was built on (`Api(bp)`, or `api.init_app(app)`) with its own `prefix`; a RESTX
 * `Namespace` carries its `path` (default `/<name>`), which `add_namespace(ns, path)` replaces.
 */
import { extName, stripGlobal, type Evaluator, type Value } from '../../../resolve/evaluate';
import { linkDeclarations, type NodeKind } from '../../../link/mounts';
import type { BackendDecl, LinkContext, LinkedRoute, RouteDecl } from '../../types';
import { symText } from '../../../resolve/sym';
import type { FlaskRouteDecl } from './extract';
import { expandHelpers } from '../../../link/helpers';
import { methodList, viewMethods, withoutImplicit } from './views';

/** Packages whose classes build Flask apps, blueprints, APIs and namespaces. */
const PACKAGES = new Set(['flask', 'flask_restful', 'flask_restx', 'flask_restplus', 'flask_smorest', 'apiflask']);

export function linkFlask(decls: readonly BackendDecl[], ctx: LinkContext): LinkedRoute[] {
  const expanded = expandHelpers<FlaskRouteDecl>(decls, ctx, {
    usesParams: (r) => r.viewClass?.cls.k === 'param',
    // A resource passed in (`add_org_resource(Alerts, …)`) names the handler.
    instantiated: (r, params) => {
      const cls = r.viewClass?.cls.k === 'param' ? params[r.viewClass.cls.index] : undefined;
      return cls?.t === 'class' ? { ...r, handler: cls.name } : r;
    },
  });
  const settled = expanded.map((d) => (d.t === 'route' ? settleMethods(d as FlaskRouteDecl, ctx) : d));
  return linkDeclarations(settled, ctx, {
    noun: 'blueprint',
    rootNoun: 'Flask app',
    // `@scheduler.route("/jobs")`, `handlers.get("/a")(f)`: registrations on things that are no app or blueprint.
    dropForeignOwners: true,
    classify: (v) => classify(v, ctx.evaluator),
    routeName: (r, chain, owner) => routeName(r as FlaskRouteDecl, chain, owner as FlaskNode | null, ctx),
  });
}

/**
 * A node of Flask's mount graph. How its resources are named: `restful`, a Flask-RESTful `Api` (the class
 * name in lower case); `restx`, a RESTX `Api`'s default namespace (the class name in snake case) or a
 * `Namespace` (its name, `_`, then that); null, a namespace whose name cannot be evaluated.
 */
type FlaskNode = NodeKind & { readonly restful?: boolean; readonly restx?: Value | null };

/**
 * Flask's endpoint name: the blueprints' names from the outermost down, then `endpoint=` (or
 * `as_view("name")`), else the view function's name, else (a Flask-RESTful resource) the class name in
 * lower case; null when any of it cannot be evaluated (a RESTX resource, whose names RESTX derives).
 */
function routeName(r: FlaskRouteDecl, chain: readonly string[] | null, owner: FlaskNode | null, ctx: LinkContext): string | null {
  if (!chain) return null;
  let own: string | null = null;
  if (r.endpoint) {
    const t = ctx.pathText(r.endpoint, r.file, r.fn, r.params);
    own = t.unresolved.length || t.text === '' ? null : t.text;
  } else if (r.endpointDefault === 'handler') own = r.handler?.split('.').pop() ?? null;
  else if (r.endpointDefault === 'resource' && owner?.restful) own = r.handler?.split('.').pop()?.toLowerCase() ?? null;
  else if (r.endpointDefault === 'resource' && owner?.restx !== undefined) own = restxName(r.handler, owner.restx, ctx);
  return own === null ? null : [...chain, own].join('.');
}

/** RESTX's default endpoint: `camel_to_dash(Resource)`, after `<namespace>_` outside the default namespace. */
function restxName(handler: string | null, ns: Value | null, ctx: LinkContext): string | null {
  const cls = handler?.split('.').pop();
  if (!cls || ns === null) return null;
  const snake = cls.replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (ns.t === 'unknown' && ns.text === '') return snake;
  const t = ctx.valueText(ns);
  return t.unresolved.length || t.text === '' ? null : `${t.text}_${snake}`;
}

/** The route's methods: literal already, from an expression, or from its view class. */
function settleMethods(d: FlaskRouteDecl, ctx: LinkContext): RouteDecl {
  const { viewClass: view, methodsSym, call: _call, ...route } = d;
  if (methodsSym) {
    const list = methodList(ctx.evaluator, ctx.value(methodsSym, d.file, d.fn, d.params));
    if (typeof list !== 'string') return { ...route, methods: list };
    return { ...route, methods: ['*'], notes: [`methods \`${symText(methodsSym)}\` could not be evaluated (${list})`] };
  }
  if (view) {
    const { methods, notes } = viewMethods(ctx.evaluator, ctx.value(view.cls, d.file, d.fn, d.params), symText(view.cls), view.resource);
    return { ...route, methods, ...(notes.length ? { notes } : {}) };
  }
  return { ...route, methods: withoutImplicit(route.methods) };
}

function classify(v: Value, ev: Evaluator): FlaskNode | null {
  if (v.t !== 'call' || v.callee.t !== 'ext') return null;
  const path = stripGlobal(v.callee.path);
  const pkg = path.split('.')[0]!;
  if (!PACKAGES.has(pkg)) return null;
  switch (extName(v.callee)) {
    case 'Flask':
    case 'APIFlask':
      return { root: true, prefix: null };
    case 'Blueprint':
    case 'APIBlueprint':
      return { root: false, prefix: ev.keyword(v, 'url_prefix'), name: ev.arg(v, 0, 'name') };
    case 'Api': {
      // Flask-RESTful takes `prefix` second; RESTX only by keyword; flask-smorest has none (its blueprints carry them).
      const prefix = ev.keyword(v, 'prefix') ?? (pkg === 'flask_restful' ? ev.arg(v, 1) : null);
      const app = ev.arg(v, 0, 'app');
      const restx = pkg === 'flask_restx' || pkg === 'flask_restplus' ? { restx: DEFAULT_NAMESPACE } : {};
      return { root: false, prefix, ...(app && !isNone(app) ? { attachedTo: app } : {}), restful: pkg === 'flask_restful', ...restx };
    }
    case 'Namespace':
      return { root: false, prefix: namespacePath(v, ev), restx: ev.arg(v, 0, 'name') };
    default:
      return null;
  }
}

/** RESTX `Namespace(name, description, path)`: `path`, else `/name`, without a trailing slash. */
function namespacePath(v: Extract<Value, { t: 'call' }>, ev: Evaluator): Value | null {
  const given = ev.keyword(v, 'path') ?? (v.args[2] ? ev.arg(v, 2) : null);
  if (given && !isNone(given)) return trimmed(given);
  const name = ev.arg(v, 0, 'name');
  if (!name || name.t !== 'str') return name;
  return trimmed({ t: 'str', parts: [{ lit: '/' }, ...name.parts] });
}

function trimmed(v: Value): Value {
  if (v.t !== 'str' || v.parts.length === 0) return v;
  const last = v.parts[v.parts.length - 1]!;
  if (!('lit' in last)) return v;
  return { t: 'str', parts: [...v.parts.slice(0, -1), { lit: last.lit.replace(/\/+$/, '') }] };
}

/** A RESTX `Api`'s own (default) namespace, whose endpoints carry no namespace name. */
const DEFAULT_NAMESPACE: Value = { t: 'unknown', text: '', why: 'the default namespace' };

function isNone(v: Value): boolean {
  return v.t === 'unknown' && v.text === 'None';
}
