/**
 * What a call of a workspace function gives: its one `return`, or, for a Python function with several
 * (`if settings.MULTI_ORG: return "/<org_slug>" + rule`, then `return rule`), one of them: with at most
 * {@link MAX_RETURNS}, each is an alternative. JS helpers of that shape stay opaque: tried on plane, they
 * are mostly guards (`getFileURL`: `undefined`, the path itself when it is a full URL, else base + path),
 * and a call's alternatives are judged one by one, so the guard's form of a path the service's own base
 * already prefixes was reported missing (3 false findings) while the real form matched.
 */
import type { FunctionFact } from './sym';
import type { Ctx, Value } from './value';

const MAX_RETURNS = 4;

/** Are the function's returns followed (else the call stays an opaque value)? */
export function followsReturns(fn: FunctionFact, file: string): boolean {
  return fn.returns.length === 1 || (fn.returns.length > 1 && fn.returns.length <= MAX_RETURNS && file.endsWith('.py'));
}

/** The value of a call whose returns are followed, evaluated in the call's context `at`. */
export function returnedValue(evaluate: (s: FunctionFact['returns'][number], at: Ctx) => Value, fn: FunctionFact, at: Ctx): Value {
  if (fn.returns.length === 1) return evaluate(fn.returns[0]!, at);
  return { t: 'alt', options: fn.returns.flatMap((r) => { const v = evaluate(r, at); return v.t === 'alt' ? v.options : [v]; }) };
}
