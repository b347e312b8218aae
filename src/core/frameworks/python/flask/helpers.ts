/**
 * A project's own registration helpers: a function or method that registers on one of its parameters
 * (`def add_org_resource(self, resource, *urls, **kw): return self.add_resource(resource, *urls, **kw)`)
 * is a template; each call of it (`api.add_org_resource(Alerts, "/api/alerts")`) instantiates the
 * registrations inside with the call's arguments in place of the parameters. URLs the helper rewrites
 * before passing them on (`urls = [self.prefix + u for u in urls]`) keep the route, partial, with why.
 */
import type { Evaluator, FnRef, Value } from '../../../resolve/evaluate';
import type { FunctionFact, Sym } from '../../../resolve/sym';
import { handlerName } from '../../../resolve/patterns';
import type { LinkContext } from '../../types';
import type { FlaskRouteDecl, HelperCall } from './extract';

/** Classes followed when looking a method up through bases. */
const MAX_CLASSES = 24;

/**
 * The routes after instantiating helper templates at the candidate calls that reach them; templates
 * no call reaches stay as they are (partial: registered on a parameter), candidates reaching none vanish.
 */
export function expandHelpers(routes: readonly FlaskRouteDecl[], ctx: LinkContext): FlaskRouteDecl[] {
  const templates = new Map<string, FlaskRouteDecl[]>();
  const plain: FlaskRouteDecl[] = [];
  const calls: FlaskRouteDecl[] = [];
  for (const r of routes) {
    if (r.call) calls.push(r);
    else if (r.fn && usesParams(r)) templates.set(`${r.file}#${r.fn}`, [...(templates.get(`${r.file}#${r.fn}`) ?? []), r]);
    else plain.push(r);
  }
  if (templates.size === 0) return plain;
  const used = new Set<string>();
  const out = [...plain];
  for (const c of calls) {
    const target = helperOf(ctx.evaluator, c.call!, c.file, c.fn);
    const key = target && `${target.ref.file}#${target.ref.id}`;
    const list = key ? templates.get(key) : undefined;
    if (!target || !list) continue;
    used.add(key!);
    for (const t of list) out.push(...instantiate(t, c, target, ctx.evaluator));
  }
  for (const [key, list] of templates) if (!used.has(key)) out.push(...list);
  return out;
}

function usesParams(r: FlaskRouteDecl): boolean {
  return r.owner?.k === 'param' || r.view?.cls.k === 'param' || r.path.k === 'param' || (r.path.k === 'dyn' && r.path.text.startsWith('*'));
}

interface Target {
  readonly ref: FnRef;
  readonly fn: FunctionFact;
  /** Call-site arguments in parameter order (a method's `self` first). */
  readonly args: readonly Sym[];
}

/** The function a candidate call reaches: a module function, or a method of a workspace class's instance. */
function helperOf(ev: Evaluator, call: HelperCall, file: string, fn: string | null): Target | null {
  const ctx = { file, fn, params: null };
  if (call.callee.k === 'member') {
    const owner = ev.evaluate(call.callee.obj, ctx);
    if (owner.t !== 'instance') return null;
    const ref = methodOf(ev, owner.file, owner.cls, call.callee.prop, new Set());
    const f = ref && ev.program.module(ref.file)?.functions[ref.id];
    return f ? { ref: ref!, fn: f, args: [call.callee.obj, ...call.args] } : null;
  }
  const v: Value = ev.evaluate(call.callee, ctx);
  if (v.t !== 'fn') return null;
  const f = ev.program.module(v.file)?.functions[v.id];
  return f ? { ref: { file: v.file, id: v.id }, fn: f, args: call.args } : null;
}

function methodOf(ev: Evaluator, file: string, cls: string, name: string, seen: Set<string>): FnRef | null {
  const key = `${file}#${cls}`;
  if (seen.has(key) || seen.size >= MAX_CLASSES) return null;
  seen.add(key);
  const c = ev.program.module(file)?.classes[cls];
  if (!c) return null;
  const id = c.methods?.[name];
  if (id) return { file, id };
  for (const b of c.bases) {
    const base = ev.evaluate(b, { file, fn: null, params: null });
    const hit = base.t === 'class' ? methodOf(ev, base.file, base.name, name, seen) : null;
    if (hit) return hit;
  }
  return null;
}

/** The template's registrations at the call site: parameters replaced by the call's arguments. */
function instantiate(t: FlaskRouteDecl, c: FlaskRouteDecl, target: Target, ev: Evaluator): FlaskRouteDecl[] {
  const positional = target.fn.params.filter((p) => !p.keywordOnly && !p.restKeywords).length;
  const bind = (s: Sym): Sym | null => {
    if (s.k !== 'param') return s;
    const byName = target.fn.params[s.index]?.name;
    return target.args[s.index] ?? (byName ? c.call!.kw[byName] : undefined) ?? target.fn.params[s.index]?.default ?? null;
  };
  const owner = t.owner ? bind(t.owner) : null;
  const cls = t.view ? bind(t.view.cls) : null;
  if ((t.owner && !owner) || (t.view && !cls)) return [];
  const via = `${target.fn.name}`;
  const base = { ...t, file: c.file, fn: c.fn, span: c.span, owner, ...(t.view && cls ? { view: { ...t.view, cls }, handler: handlerName(cls) } : {}) };
  if (t.path.k === 'dyn' && t.path.text.startsWith('*')) {
    // `*urls`: the arguments after the named ones, as passed, unless the helper rebuilt them first.
    const name = t.path.text.slice(1);
    const rebuilt = ev.program.module(t.file)?.bindings[`${t.fn}::${name}`] !== undefined;
    const notes = rebuilt ? [`\`${via}\` rewrites its URLs (\`${name} = …\`) before registering them; the path is the one passed to it`] : [];
    return target.args.slice(positional).map((path) => ({ ...base, path, notes: [...(t.notes ?? []), ...notes] }));
  }
  const path = bind(t.path);
  return path ? [{ ...base, path }] : [];
}
