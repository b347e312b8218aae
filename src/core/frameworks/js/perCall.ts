/**
 * Requests whose client is given per call: `axiosInstance.get(url)` where `axiosInstance` is a parameter
 * (of the function, or of a function around it), or `this.requests.get(url)` where the receiver's
 * constructor was given `requests`. Which client that is (if any) is known only where the function is
 * called, so the request is deferred there (see `RequestSpec.deferred`).
 */
import { AXIOS_METHODS } from '../../lang/js/clients';
import type { Evaluator, Value } from '../../resolve/evaluate';
import { symText, THIS_PARAM, type Sym } from '../../resolve/sym';
import type { ClientDecl, RequestSpec, ResolveContext } from '../types';

/** Request methods of axios-like clients (and `fetch`), called on the client given. */
const VERBS = new Set([...Object.keys(AXIOS_METHODS), 'fetch']);

/**
 * A deferred request when the callee is a request method (`get`, `post`, …) called on a parameter itself
 * (`this.requests` read through an instance of the method's class counts), or a function parameter, with a
 * first argument that may be a URL; else null.
 */
export function givenPerCall(ev: Evaluator, callee: Value, decl: ClientDecl, wrapper?: ResolveContext['wrapper']): RequestSpec | null {
  const v = ev.concrete(callee);
  if (v.t !== 'param' || decl.fn === null) return null;
  // A request method on the client given, or a function given (`funcCall(url)`: maybe `axios.post`).
  const onClient = v.path.length === 1 && VERBS.has(v.path[0]!);
  const typed = !onClient && wrapper !== undefined && typedApiMethod(ev, v, wrapper);
  if (!typed && (!(onClient || (v.path.length === 0 && decl.callee.k === 'param')) || !urlLike(ev, decl))) return null;
  const text = symText(decl.callee);
  const why = typed ? `the API object \`${text.slice(0, text.lastIndexOf('.'))}\` is given per call` : `the client \`${text}\` is given per call`;
  return { client: text, kind: 'http', method: null, defaultMethod: '*', url: { t: 'unknown', text, why }, base: null, via: [], unresolved: why, deferred: { decl } };
}

/**
 * `api.getAll(…)` where the parameter `api` is declared with a workspace class (`api: BaseCRUDAPI<T>`)
 * whose method of that name makes a request (a wrapper): the request is made with the object each
 * caller passes (a store factory given `userApi.recipes`). Untyped parameters are not guessed at.
 */
function typedApiMethod(ev: Evaluator, p: Extract<Value, { t: 'param' }>, wrapper: ResolveContext['wrapper']): boolean {
  if (p.path.length !== 1 || p.index === THIS_PARAM) return false;
  const type = ev.program.module(p.file)?.functions[p.fn]?.params[p.index]?.type;
  if (!type) return false;
  const cls = ev.topLevel(p.file, type);
  if (cls.t !== 'class') return false;
  const m = ev.member(cls, p.path[0]!);
  return m.t === 'fn' && wrapper({ file: m.file, id: m.id }) !== undefined;
}

/**
 * A first argument that may be a URL: text with a slash, or built from the receiver (`this.itemRoute(id)`)
 * or from a parameter named like one (`url`, `path`); not `map.get(key)` nor `searchParams.get("q")`.
 */
function urlLike(ev: Evaluator, decl: ClientDecl): boolean {
  const a = decl.args[0];
  if (!a) return false;
  const parts = ev.partsOf(ev.evaluate(a, { file: decl.file, fn: decl.fn, params: null }));
  return parts.some((p) => 'lit' in p && p.lit.includes('/')) || mentionsUrl(a, 0);
}

const URL_NAME = /url|uri|path|route|endpoint|href|link/i;

function mentionsUrl(s: Sym, depth: number): boolean {
  if (depth > 6) return false;
  const any = (list: readonly Sym[]) => list.some((x) => mentionsUrl(x, depth + 1));
  switch (s.k) {
    case 'param':
      return s.index === THIS_PARAM || URL_NAME.test(s.name);
    case 'ref':
      return URL_NAME.test(s.name.slice(s.name.lastIndexOf(':') + 1));
    case 'member':
      return mentionsUrl(s.obj, depth + 1);
    case 'call':
      return mentionsUrl(s.callee, depth + 1) || any(s.args);
    case 'concat':
      return any(s.parts);
    case 'alt':
    case 'fallback':
      return any(s.options);
    default:
      return false;
  }
}
