/**
 * `next.config.*`: the `basePath` every route is served under. The config may be an object, a function
 * returning one, or wrapped by plugins (`withX(config)`); a basePath that cannot be read leaves the
 * project's routes partial, with the reason.
 */
import type { Value } from '../../../resolve/evaluate';
import type { LinkContext } from '../../types';
import type { Setting } from '../settings';

export const CONFIG_FILE = /^next\.config\.(?:js|mjs|cjs|ts|mts)$/;

export interface NextConfig {
  /** Project root (root-relative, `.` for the workspace root). */
  readonly root: string;
  readonly basePath: string;
  readonly notes: readonly string[];
  readonly value: Value | null;
}

/** The config object a `next.config.*` default export stands for, or null. */
export function configObject(ctx: LinkContext, v: Value, depth = 0): Extract<Value, { t: 'obj' }> | null {
  if (depth > 4) return null;
  if (v.t === 'obj') return v;
  if (v.t === 'fn') {
    const fn = ctx.evaluator.program.module(v.file)?.functions[v.id];
    const ret = fn?.returns[fn.returns.length - 1];
    return ret ? configObject(ctx, ctx.evaluator.evaluate(ret, { file: v.file, fn: fn!.id, params: [] }), depth + 1) : null;
  }
  if (v.t === 'call') {
    for (let i = 0; i < v.args.length; i++) {
      const a = ctx.evaluator.arg(v, i);
      const o = a ? configObject(ctx, a, depth + 1) : null;
      if (o) return o;
    }
  }
  return null;
}

export function readConfig(s: Setting, ctx: LinkContext): NextConfig {
  const root = s.args[0]?.k === 'str' ? s.args[0].v : '.';
  const mentionsBasePath = s.args[1]?.k === 'str' && s.args[1].v === 'basePath';
  const v = s.owner ? ctx.value(s.owner, s.file, s.fn) : null;
  const obj = v ? configObject(ctx, v) : null;
  if (!obj) return { root, basePath: '', notes: mentionsBasePath ? [`the basePath in ${s.file} could not be read`] : [], value: null };
  const bp = ctx.evaluator.member(obj, 'basePath');
  if (bp.t === 'unknown' && bp.absent) return { root, basePath: '', notes: [], value: obj };
  const t = ctx.valueText(bp);
  return { root, basePath: t.text, notes: t.unresolved.map((u) => `basePath part ${u} (${s.file}) could not be resolved statically`), value: obj };
}
