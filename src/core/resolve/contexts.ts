/**
 * React-style contexts (React, Preact, Solid): `const Ctx = createContext(init)` in one module and
 * `useContext(Ctx)` in a component or a custom hook. What `useContext` returns is the value of the
 * nearest `<Ctx.Provider value={…}>`, or `init` without one. The evaluator answers `init`, tagged with
 * the context's key (an instance only: its methods carry it as their receiver); providers are settings read again in every run (engine/sharedBases.ts), and a
 * request made through the value is left unresolved unless every provider gives that same value.
 */
import type { EvalHost, Value } from './value';

/** The value `useContext(ctx)` reads, tagged with the context; null when `ctx` is no context made here. */
export function contextValue(ev: EvalHost & { arg(call: Extract<Value, { t: 'call' }>, i: number): Value | null }, path: string, ctx: () => Value | null): Value | null {
  if (!/(^|\.)useContext$/.test(path)) return null;
  const c = ctx();
  if (!c || c.t !== 'call') return null;
  const key = contextKey(c);
  if (key === null) return null;
  const init = ev.arg(c, 0);
  // Only an instance the context holds is followed: its methods keep it as their receiver (and the tag),
  // so the requests they make can be checked against the providers.
  if (!init || init.t !== 'instance') return null;
  return { ...init, context: key };
}

/** The key of a context value: where `createContext(…)` is bound (`web/src/api.ts#ApiContext`); null for any other value. */
export function contextKey(v: Value): string | null {
  if (v.t !== 'call' || v.callee.t !== 'ext' || !/(^|\.)createContext$/.test(v.callee.path) || !v.origin) return null;
  return `context:${v.origin}`;
}
