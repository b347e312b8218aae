/**
 * Requests whose client is given per call: `axiosInstance.get(url)` where `axiosInstance` is a parameter
 * (of the function, or of a function around it), or `this.requests.get(url)` where the receiver's
 * constructor was given `requests`. Which client that is (if any) is known only where the function is
 * called, so the request is deferred there (see `RequestSpec.deferred`).
 */
import type { Evaluator, Value } from '../../resolve/evaluate';
import { symText } from '../../resolve/sym';
import type { ClientDecl, RequestSpec } from '../types';

/** A deferred request when the client value (`this.x` read through an instance of the method's class) is a parameter; else null. */
export function givenPerCall(ev: Evaluator, client: Value, decl: ClientDecl): RequestSpec | null {
  const v = ev.concrete(client);
  if (v.t !== 'param' || decl.fn === null || !urlLike(ev, decl)) return null;
  const text = symText(decl.callee);
  const why = `the client \`${text}\` is given per call`;
  return { client: text, kind: 'http', method: null, defaultMethod: '*', url: { t: 'unknown', text, why }, base: null, via: [], unresolved: why, deferred: { decl } };
}

/** A first argument that may be a URL: not a literal without a slash (`searchParams.get("q")`, `map.get("key")`). */
function urlLike(ev: Evaluator, decl: ClientDecl): boolean {
  const a = decl.args[0];
  if (!a) return false;
  const parts = ev.partsOf(ev.evaluate(a, { file: decl.file, fn: decl.fn, params: null }));
  return !parts.every((p) => 'lit' in p) || parts.some((p) => 'lit' in p && p.lit.includes('/'));
}
