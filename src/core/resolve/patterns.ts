/**
 * Shapes of symbols that adapters of every language look for: a call on a member (`router.get(...)`,
 * `@app.post(...)`), literal method lists, handler names.
 */
import type { Sym } from './sym';
import { HTTP_METHODS, type HttpMethod, type MethodOrAny } from '../types';

/** `owner.name(args, kw)`. */
export interface MemberCall {
  readonly owner: Sym;
  readonly name: string;
  readonly args: readonly Sym[];
  readonly kw: Readonly<Record<string, Sym>>;
}

export function asMemberCall(expr: Sym): MemberCall | null {
  if (expr.k !== 'call' || expr.callee.k !== 'member') return null;
  return { owner: expr.callee.obj, name: expr.callee.prop, args: expr.args, kw: expr.kw ?? {} };
}

/** The same for a recorded call (callee and arguments kept apart). */
export function memberCallOf(call: { callee: Sym; args: readonly Sym[]; kw?: Readonly<Record<string, Sym>> }): MemberCall | null {
  if (call.callee.k !== 'member') return null;
  return { owner: call.callee.obj, name: call.callee.prop, args: call.args, kw: call.kw ?? {} };
}

/** Lower-case method names used as registration functions (`get`, `post`, …) → HTTP method. */
export const METHOD_BY_NAME: Readonly<Record<string, HttpMethod>> = Object.fromEntries(HTTP_METHODS.map((m) => [m.toLowerCase(), m]));

export function isHttpMethod(s: string): s is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(s);
}

/** `["GET", "POST"]` (or one string) → methods; null when anything is not a literal. */
export function literalMethods(sym: Sym | undefined): MethodOrAny[] | null {
  if (!sym) return null;
  const items = sym.k === 'arr' ? sym.items : [sym];
  const out: MethodOrAny[] = [];
  for (const i of items) {
    if (i.k !== 'str') return null;
    const m = i.v.toUpperCase();
    if (isHttpMethod(m)) out.push(m);
    else if (m === '*') out.push('*');
  }
  return out;
}

/** Display name of a handler expression (`users.list_users`, `getUser`); null for inline functions. */
export function handlerName(sym: Sym | undefined): string | null {
  if (!sym) return null;
  if (sym.k === 'ref') return sym.name.includes('::') ? sym.name.slice(sym.name.indexOf('::') + 2) : sym.name;
  if (sym.k === 'member') {
    const o = handlerName(sym.obj);
    return o ? `${o}.${sym.prop}` : sym.prop;
  }
  if (sym.k === 'call') return handlerName(sym.callee);
  return null;
}
