/**
 * A project's own registration helpers, for every router-based backend: a function or method that registers routes on one of its
 * parameters (`def register_routes(app): @app.route(...)`, or `def add_org_resource(self, resource,
 * *urls, **kw): return self.add_resource(resource, *urls, **kw)`) is a template; each call of it
 * (`register_routes(app)`, `api.add_org_resource(Alerts, "/api/alerts")`) instantiates the
 * registrations inside with the call's argument values bound to the parameters. URLs passed through
 * `*urls` are the call's; when the helper rebuilds them first (`urls = [...]`) the route is partial.
 */
import type { Evaluator, FnRef, Value } from '../resolve/evaluate';
import type { FunctionFact, ModuleFacts, Sym } from '../resolve/sym';
import type { BackendDecl, LinkContext, MountDecl, RouteDecl } from '../frameworks/types';
import type { Span } from '../types';

/** A call as recorded: callee and arguments. */
export interface HelperCall {
  readonly callee: Sym;
  readonly args: readonly Sym[];
  readonly kw: Readonly<Record<string, Sym>>;
}

/** Not a route: a call that may reach a project helper which registers routes (decided in `link`). */
export interface HelperCandidate extends RouteDecl {
  readonly call: HelperCall;
}

/** What a framework adds to the generic handling (Flask: the view class a route takes its methods from). */
export interface HelperHooks<R extends RouteDecl> {
  /** Whether a route depends on its function's parameters in a way only the framework knows. */
  usesParams?(r: R): boolean;
  /** The instantiated route, adjusted with the bound argument values (a handler named by a class passed in). */
  instantiated?(r: R, params: readonly Value[]): R;
}

/**
 * A call that passes a name (`api.add_org_resource(Alerts, "/alerts")`, `register_routes(app)`) may
 * reach a project helper that registers routes; `link` decides, for calls named like a helper.
 */
export function helperCandidate(call: HelperCall & { readonly fn: string | null; readonly anchor: Span }, file: string): HelperCandidate | null {
  if (call.callee.k !== 'member' && call.callee.k !== 'ref') return null;
  if (!call.args.some((a) => a.k === 'ref' || a.k === 'member' || a.k === 'param')) return null;
  return { t: 'route', file, fn: call.fn, span: call.anchor, owner: null, path: { k: 'str', v: '' }, handler: null, kind: 'http', methods: [], call: { callee: call.callee, args: call.args, kw: call.kw } };
}

/** Classes followed when looking a method up through bases. */
const MAX_CLASSES = 24;

/**
 * The declarations after instantiating helper templates (routes and mounts inside a function, made on
 * its parameters) at the candidate calls that reach them; templates no call reaches stay as they are
 * (partial: registered on a parameter), candidates reaching none vanish.
 */
export function expandHelpers<R extends RouteDecl>(decls: readonly BackendDecl[], ctx: LinkContext, hooks: HelperHooks<R> = {}): BackendDecl[] {
  const templates = new Map<string, Template<R>[]>();
  const names = new Set<string>();
  const out: BackendDecl[] = [];
  const calls: HelperCandidate[] = [];
  for (const d of decls) {
    if (d.t === 'route' && 'call' in d) calls.push(d as HelperCandidate);
    else if ((d.t === 'route' || d.t === 'mount') && d.fn && usesParams(d as Template<R>, hooks)) {
      const key = `${d.file}#${d.fn}`;
      templates.set(key, [...(templates.get(key) ?? []), d as Template<R>]);
      const name = ctx.evaluator.program.module(d.file)?.functions[d.fn]?.name;
      if (name) names.add(name.slice(name.lastIndexOf('.') + 1));
    } else out.push(d);
  }
  if (templates.size === 0) return out;
  const used = new Set<string>();
  for (const c of calls) {
    if (!names.has(calleeName(c.call.callee))) continue;
    const target = helperOf(ctx.evaluator, c.call, c.file, c.fn);
    const key = target && `${target.ref.file}#${target.ref.id}`;
    const list = key ? templates.get(key) : undefined;
    if (!target || !list) continue;
    used.add(key!);
    const params = bindArgs(ctx.evaluator, target, c);
    for (const t of list) out.push(...(t.t === 'mount' ? [{ ...t, params: params.values }] : instantiate(t, c, target, params, ctx.evaluator, hooks)));
  }
  for (const [key, list] of templates) if (!used.has(key)) out.push(...list);
  return out;
}

type Template<R extends RouteDecl> = R | MountDecl;

/**
 * The name of the function a declaration makes a helper template (a route or mount inside a function,
 * registered on or with its parameters), or null; the callers of such a name may give routes.
 */
export function helperTemplateName(d: BackendDecl, program: { module(file: string): ModuleFacts | undefined }): string | null {
  if ((d.t !== 'route' && d.t !== 'mount') || !d.fn || (d.t === 'route' && 'call' in d) || !usesParams(d, {})) return null;
  const name = program.module(d.file)?.functions[d.fn]?.name;
  return name ? name.slice(name.lastIndexOf('.') + 1) : null;
}

function usesParams<R extends RouteDecl>(d: Template<R>, hooks: HelperHooks<R>): boolean {
  if (d.t === 'mount') return d.parent.k === 'param' || d.child.k === 'param' || d.prefix?.k === 'param';
  return d.owner?.k === 'param' || d.path.k === 'param' || splatName(d.path) !== null || (hooks.usesParams?.(d) ?? false);
}

/** `urls` for a path passed on as `*urls`. */
function splatName(s: Sym): string | null {
  return s.k === 'dyn' && /^\*[A-Za-z_]\w*$/.test(s.text) ? s.text.slice(1) : null;
}

function calleeName(s: Sym): string {
  if (s.k === 'member') return s.prop;
  if (s.k === 'ref') return s.name.slice(s.name.lastIndexOf(':') + 1);
  return '';
}

interface Target {
  readonly ref: FnRef;
  readonly fn: FunctionFact;
  /** The call's positional arguments in parameter order (a method's `self`, the object, first). */
  readonly args: readonly Sym[];
}

/** The function a candidate call reaches: a module function, or a method of a workspace class's instance. */
function helperOf(ev: Evaluator, call: HelperCall, file: string, fn: string | null): Target | null {
  const ctx = { file, fn, params: null };
  if (call.callee.k === 'member') {
    const owner = ev.evaluate(call.callee.obj, ctx);
    if (owner.t === 'module' && owner.file) return functionTarget(ev, ev.exported(owner.file, call.callee.prop, new Set()), call.args);
    if (owner.t !== 'instance') return null;
    const ref = methodOf(ev, owner.file, owner.cls, call.callee.prop, new Set());
    const f = ref && ev.program.module(ref.file)?.functions[ref.id];
    return f ? { ref: ref!, fn: f, args: [call.callee.obj, ...call.args] } : null;
  }
  return functionTarget(ev, ev.evaluate(call.callee, ctx), call.args);
}

function functionTarget(ev: Evaluator, v: Value | null, args: readonly Sym[]): Target | null {
  if (!v || v.t !== 'fn') return null;
  const f = ev.program.module(v.file)?.functions[v.id];
  return f ? { ref: { file: v.file, id: v.id }, fn: f, args } : null;
}

function methodOf(ev: Evaluator, file: string, cls: string, name: string, seen: Set<string>): FnRef | null {
  const key = `${file}#${cls}`;
  if (seen.has(key) || seen.size >= MAX_CLASSES) return null;
  seen.add(key);
  const c = ev.program.module(file)?.classes[cls];
  if (!c) return null;
  const id = c.methods && Object.hasOwn(c.methods, name) ? c.methods[name] : undefined;
  if (id) return { file, id };
  for (const b of c.bases) {
    const base = ev.evaluate(b, { file, fn: null, params: null });
    const hit = base.t === 'class' ? methodOf(ev, base.file, base.name, name, seen) : null;
    if (hit) return hit;
  }
  return null;
}

interface Bound {
  /** Values by parameter index (holes take the defaults). */
  readonly values: Value[];
  /** How many positional parameters there are (arguments past them went to `*args`). */
  readonly positional: number;
  /** A `*spread` argument made the positions unknown from there on. */
  readonly spread: boolean;
}

/** The helper's parameters bound to one call's arguments, evaluated where the call is. */
function bindArgs(ev: Evaluator, target: Target, c: HelperCandidate): Bound {
  const ctx = { file: c.file, fn: c.fn, params: null };
  const positional = target.fn.params.flatMap((p, i) => (p.keywordOnly || p.restKeywords ? [] : [i]));
  const values = new Array<Value>(target.fn.params.length);
  let spread = false;
  target.args.forEach((a, k) => {
    if (a.k === 'dyn' && a.text.startsWith('*')) spread = true;
    const i = positional[k];
    if (!spread && i !== undefined) values[i] = ev.evaluate(a, ctx);
  });
  for (const [name, s] of Object.entries(c.call.kw)) {
    const i = target.fn.params.findIndex((p) => p.name === name && !p.restKeywords);
    if (i >= 0) values[i] = ev.evaluate(s, ctx);
  }
  return { values, positional: positional.length, spread };
}

/** The template's route(s) for one call: its parameters bound, `*urls` one route per URL passed. */
function instantiate<R extends RouteDecl>(template: R, c: HelperCandidate, target: Target, bound: Bound, ev: Evaluator, hooks: HelperHooks<R>): R[] {
  const params = bound.values;
  const at = { file: c.file, span: c.span };
  const t = hooks.instantiated ? hooks.instantiated(template, params) : template;
  const splat = splatName(t.path);
  if (splat === null) return [{ ...t, params, ...(t.path.k === 'param' ? { at } : {}) }];
  // `*urls`: the arguments after the named ones, each a route; rebuilt first by a comprehension over them
  // (`urls = [org_scoped_rule(u) for u in urls]`), each the comprehension's item for it; rebuilt otherwise, as passed, partial.
  const key = `${t.fn}::${splat}`;
  const rebinding = ev.program.module(t.file)?.bindings[key];
  const each = rebinding?.k === 'each' && rebinding.over.k === 'ref' && rebinding.over.name === key ? rebinding : null;
  const notes = rebinding !== undefined && !each ? [`\`${target.fn.name}\` rewrites its URLs (\`${splat} = …\`) before registering them; the path is the one passed to it`] : [];
  const extra = bound.spread ? [] : target.args.slice(bound.positional);
  const ctx = { file: c.file, fn: c.fn, params: null };
  return extra.map((a, k) => {
    const index = params.length + k;
    const values = [...params];
    values[index] = ev.evaluate(a, ctx);
    const passed: Sym = { k: 'param', fn: t.fn!, index, name: `*${splat}` };
    const path: Sym = each ? { k: 'apply', fn: each.fn, item: each.item, arg: passed } : passed;
    return { ...t, path, params: values, at, notes: [...(t.notes ?? []), ...notes] };
  });
}
