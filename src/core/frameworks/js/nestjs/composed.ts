/**
 * Handler decorators a workspace composes from Nest's: `export const ApiGet = (path: string) =>
 * applyDecorators(Get(path), ApiOkResponse())`, used as `@ApiGet(':id')`. The composition is read in the
 * decorator's own module, with the arguments of the use site as its parameters.
 */
import type { Value } from '../../../resolve/evaluate';
import type { Sym } from '../../../resolve/sym';
import type { MethodOrAny } from '../../../types';
import type { LinkContext, RouteDecl } from '../../types';
import { nestName, ROUTE_DECORATORS } from './names';

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
  if (composed.k !== 'call') return [];
  const callee = ctx.value(composed.callee, d.file, d.fn);
  if (callee.t !== 'fn') return [];
  const mod = ctx.evaluator.program.module(callee.file);
  const fn = mod?.functions[callee.id];
  const ret = fn?.returns.length === 1 ? fn.returns[0]! : null;
  if (!mod || !fn || !ret || ret.k !== 'call' || nestName(ret, mod) !== 'applyDecorators') return [];
  const params = composed.args.map((a) => ctx.value(a, d.file, d.fn));
  const inner = { file: callee.file, fn: fn.id, params };
  const arg = (s: Extract<Sym, { k: 'call' }>, i: number) => (s.args[i] ? ctx.evaluator.evaluate(s.args[i]!, inner) : null);
  let innerVersion: Value | null = null;
  const found: Array<{ method: MethodOrAny; path: Value }> = [];
  for (const a of ret.args) {
    if (a.k !== 'call') continue;
    const name = nestName(a, mod);
    const method = name ? ROUTE_DECORATORS[name] : undefined;
    if (method) found.push({ method, path: arg(a, 0) ?? { t: 'str', parts: [] } });
    else if (name === 'Version') innerVersion = arg(a, 0);
  }
  return found.map((f) => ({ methods: [f.method], path: f.path, version: version ?? innerVersion }));
}
