/**
 * Handler decorators a workspace composes from Nest's: `export const ApiGet = (path: string) =>
 * applyDecorators(Get(path), ApiOkResponse())`, used as `@ApiGet(':id')`. The composition is read in the
 * decorator's own module, with the arguments of the use site as its parameters. The same for class
 * decorators that apply `Controller(path)`.
 */
import type { Ctx, Value } from '../../../resolve/evaluate';
import type { ModuleFacts, Sym } from '../../../resolve/sym';
import type { MethodOrAny } from '../../../types';
import type { LinkContext, RouteDecl } from '../../types';
import { nestName, ROUTE_DECORATORS } from './names';

/** The function a composed decorator calls, its `applyDecorators(…)` call, and the scope to read its arguments in. */
function composition(expr: Sym, file: string, fn: string | null, ctx: LinkContext): { call: Extract<Sym, { k: 'call' }>; mod: ModuleFacts; scope: Ctx } | null {
  if (expr.k !== 'call') return null;
  const callee = ctx.value(expr.callee, file, fn);
  if (callee.t !== 'fn') return null;
  const mod = ctx.evaluator.program.module(callee.file);
  const f = mod?.functions[callee.id];
  const ret = f?.returns.length === 1 ? f.returns[0]! : null;
  if (!mod || !f || !ret || ret.k !== 'call' || nestName(ret, mod) !== 'applyDecorators') return null;
  return { call: ret, mod, scope: { file: callee.file, fn: f.id, params: expr.args.map((a) => ctx.value(a, file, fn)) } };
}

/** The argument of the `Controller(…)` a composed class decorator applies (absent when it has none); null when it applies none. */
export function composedController(expr: Sym, file: string, ctx: LinkContext): Value | null {
  const c = composition(expr, file, null, ctx);
  if (!c) return null;
  for (const a of c.call.args) {
    if (a.k !== 'call' || nestName(a, c.mod) !== 'Controller') continue;
    return a.args[0] ? ctx.evaluator.evaluate(a.args[0], c.scope) : { t: 'unknown', text: '', why: 'not given', absent: true };
  }
  return null;
}

export interface HandlerVariant {
  readonly methods: readonly MethodOrAny[];
  readonly path: Value;
  /** The version the handler declares, or null when it declares none. */
  readonly version: Value | null;
}

/** What a handler decorator declares: its own method and path, or those of the decorators it composes. */
export function handlerVariants(d: RouteDecl, ctx: LinkContext): HandlerVariant[] {
  const version = d.meta?.['version'] ? ctx.value(d.meta['version'], d.file, d.fn) : null;
  const composed = d.meta?.['composed'];
  if (!composed) return [{ methods: d.methods, path: ctx.value(d.path, d.file, d.fn), version }];
  const c = composition(composed, d.file, d.fn, ctx);
  if (!c) return [];
  const arg = (s: Extract<Sym, { k: 'call' }>, i: number) => (s.args[i] ? ctx.evaluator.evaluate(s.args[i]!, c.scope) : null);
  let innerVersion: Value | null = null;
  const found: Array<{ method: MethodOrAny; path: Value }> = [];
  for (const a of c.call.args) {
    if (a.k !== 'call') continue;
    const name = nestName(a, c.mod);
    const method = name ? ROUTE_DECORATORS[name] : undefined;
    if (method) found.push({ method, path: arg(a, 0) ?? { t: 'str', parts: [] } });
    else if (name === 'Version') innerVersion = arg(a, 0);
  }
  return found.map((f) => ({ methods: [f.method], path: f.path, version: version ?? innerVersion }));
}
