import { callsWorkspaceName, isAbsent, isParamRooted } from '../../../lang/js/clients';
import { givenPerCall } from '../perCall';
import { isAbsoluteUrl } from '../../../match/url';
import type { Ctx, Evaluator, Value } from '../../../resolve/evaluate';
import { symText, type Sym } from '../../../resolve/sym';
import { defineFramework, type ClientDecl, type RequestSpec, type ResolveContext } from '../../types';
import { callDecls } from '../callDecls';

/**
 * A call on a name with at least one argument, or a method call (`service.list()`, whose receiver may
 * shape the URL): cheap to test, refined in `resolve`.
 */
const MARKERS = /\b[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\s*(?:<[^>()]*>)?\(\s*[^)\s]|\b[A-Za-z_$][\w$]*\s*\(\s*\)/;

/**
 * Wrapper functions: a function whose parameter flows into the URL (or method) of a request made with
 * fetch, axios or another wrapper. Its call sites become the calls, with the arguments substituted;
 * the request inside it does not. Works across modules and for wrappers of wrappers.
 */
export default defineFramework({
  id: 'wrappers',
  title: 'Wrapper functions',
  language: 'js',
  supports: { crossModule: true, wrappers: true },
  detection: { deps: [] },
  detect: () => true,
  requests: {
    languages: ['js'],
    // Parsed on demand: the wrapper pass asks for files that mention a function found to wrap a request.
    lazy: true,
    accepts: (_f, text) => MARKERS.test(text),
    extract(file) {
      const js = file.js!;
      return callDecls(file, (c) => {
        // Without arguments: a method (its receiver may shape the URL) or an imported function (a generated SDK's).
        const bare = c.args.length === 0 && c.callee.k !== 'member' && !(c.callee.k === 'ref' && js.module.imports[c.callee.name]);
        // `(cond ? send : retry(send))(url)`: a callee chosen at run time among workspace functions.
        const chosen = c.callee.k === 'alt' && c.callee.options.some((o) => callsWorkspaceName({ ...c, callee: o }, js.module));
        // `useApi()("/x")`: the function a workspace function returns, called at once.
        const returned = c.callee.k === 'call' && c.args.length > 0 && callsWorkspaceName({ ...c, callee: c.callee.callee }, js.module);
        // `funcCall(url)`, `requests.get(url)` on a parameter: a client given per call (deferred to the call sites).
        return !c.isNew && !bare && (chosen || returned || callsWorkspaceName(c, js.module) || isParamRooted(c.callee));
      });
    },
    resolve(decl, ctx) {
      // `this.service.list(…)`: the field of an instance of the method's class.
      const ev = ctx.evaluator;
      const calleeValue = ctx.value(decl.callee, decl);
      const callee = calledFunction(ev, ctx.evaluator.concrete(calleeValue), ctx.wrapper);
      if (callee === null) return givenPerCall(ev, calleeValue, decl, ctx.wrapper);
      if ('unresolved' in callee) return chosenAtRunTime(callee.unresolved, decl.callee);
      const tpl = ctx.wrapper({ file: callee.file, id: callee.id })!;
      const args = decl.args.map((a) => ctx.value(a, decl));
      if (tpl.spec.deferred) return throughBound(ctx, callee, args, tpl.name, decl);
      const subst = <V extends Parameters<typeof ev.subst>[0] | null>(v: V) => (v ? closed(ev, ev.subst(v, tpl.fn, args, callee.self), callee.env) : null);
      // A base read from an argument that does not set it (`config.baseURL` of `{}`) is no base.
      const sub = subst(tpl.spec.base);
      const base = sub && !isAbsent(sub) ? sub : subst(tpl.spec.baseDefault ?? null);
      const url = subst(tpl.spec.url)!;
      const baseUnresolved = tpl.spec.unresolved ?? (tpl.spec.base?.t === 'param' ? unknownCallerBase(ev, base, url, tpl.name) : null);
      // A client whose defaults may be set elsewhere, unless this caller gives the request its own base.
      const ownShared = tpl.spec.sharedBase && !(tpl.spec.base?.t === 'param' && sub && !isAbsent(sub)) ? { ...tpl.spec.sharedBase, own: subst(tpl.spec.sharedBase.own) } : null;
      // A method of a client read from a React-style context: checked against the context's providers.
      const fromContext = callee.self?.t === 'instance' && callee.self.context ? { key: callee.self.context, own: callee.self } : null;
      const shared = fromContext ?? ownShared;
      const unresolved = fromContext && ownShared ? `its client is read from a context, and a base may be set for it elsewhere` : baseUnresolved;
      return {
        client: tpl.name,
        kind: tpl.spec.kind,
        method: subst(tpl.spec.method),
        defaultMethod: tpl.spec.defaultMethod,
        url,
        base: unresolved ? null : base,
        ...(tpl.spec.baseDefault ? { baseDefault: subst(tpl.spec.baseDefault)! } : {}),
        ...(unresolved ? { unresolved } : {}),
        via: [tpl.name, ...tpl.spec.via],
        wrapper: tpl.fn,
        ...(tpl.spec.onlyServed ? { onlyServed: true } : {}),
        ...(shared ? { sharedBase: shared } : {}),
      };
    },
  },
});

type FnValue = Extract<Value, { t: 'fn' }>;

/** A closure's template with the parameters of the functions around it bound as they were where it was made. */
function closed(ev: Evaluator, v: Value, env: Ctx | undefined): Value {
  for (let c = env; c; c = c.outer) if (c.fn !== null && c.params) v = ev.subst(v, { file: c.file, id: c.fn }, c.params, c.self);
  return v;
}

/**
 * A call of a wrapper whose client is given per call: the request it makes with these arguments and
 * receiver; deferred again when that is still not known here (a client this function is given).
 */
function throughBound(ctx: ResolveContext, callee: FnValue, args: readonly Value[], name: string, decl: ClientDecl): RequestSpec | null {
  const inner = ctx.bound?.(callee, args) ?? null;
  if (!inner) return null;
  if (inner.deferred) return decl.fn === null ? null : { ...inner, deferred: { decl } };
  return { ...inner, client: name, via: [name, ...inner.via], wrapper: { file: callee.file, id: callee.id } };
}

/**
 * The wrapper a call reaches: a function that is one, or a callee chosen at run time (`cond ? send :
 * retry(send)`) whose every option is that same wrapper, or a call that decorates it (`retry(send)`
 * receives it). Options that are different functions, or that cannot be evaluated, are not guessed: the
 * call is kept unresolved (`unresolved`). Null when no option is a wrapper (not a request at all).
 */
function calledFunction(ev: Evaluator, callee: Value, wrapper: ResolveContext['wrapper']): FnValue | { unresolved: true } | null {
  const isWrapper = (v: Value): v is FnValue => v.t === 'fn' && wrapper({ file: v.file, id: v.id }) !== undefined;
  if (callee.t !== 'alt') return isWrapper(callee) ? callee : null;
  // Among options, only wrappers whose client is known where they are defined (not `deferred`) decide.
  const known = (v: Value): v is FnValue => isWrapper(v) && !wrapper({ file: v.file, id: v.id })!.spec.deferred;
  const fns = callee.options.map((o) => (o.t === 'fn' ? o : o.t === 'call' ? decorated(ev, o) : null));
  const found = fns.find((f): f is FnValue => f !== null && known(f));
  if (!found) return null;
  return fns.every((f) => f !== null && f.file === found.file && f.id === found.id) ? found : { unresolved: true };
}

/** The one workspace function a call receives among its arguments (`retry(send)`), or null. */
function decorated(ev: Evaluator, call: Extract<Value, { t: 'call' }>): FnValue | null {
  const fns = call.args.map((a) => ev.evaluate(a, call.ctx)).filter((v): v is FnValue => v.t === 'fn');
  return fns.length === 1 ? fns[0]! : null;
}

/** A request through a callee chosen at run time among functions that are not the same wrapper. */
function chosenAtRunTime(_u: true, callee: Sym): RequestSpec {
  const text = symText(callee);
  return { client: text, kind: 'http', method: null, defaultMethod: '*', url: { t: 'unknown', text, why: `the function called is chosen at run time (\`${text}\`)` }, base: null, via: [], unresolved: `the function called is chosen at run time (\`${text}\`), and its options are not the same wrapper` };
}

/**
 * A base the caller gives (through a config or base argument) that cannot be evaluated, in front of a
 * relative URL: where the request goes is not known. Null otherwise.
 */
function unknownCallerBase(ev: Evaluator, base: Value | null, url: Value, wrapper: string): string | null {
  if (!base) return null;
  const b = ev.partsOf(base)[0];
  const u = ev.partsOf(url);
  if (!b || !('dyn' in b) || !u[0] || !('lit' in u[0]) || isAbsoluteUrl(u)) return null;
  return `the base URL \`${b.dyn}\` given to \`${wrapper}\` cannot be evaluated`;
}
