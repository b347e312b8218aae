/**
 * The fields of a class used as a payload model, by its language: a Rust struct through serde
 * (`serde.ts`), a TypeScript class (a NestJS DTO) by the instance fields it declares and its bases'
 * (`extends PartialType(CreateUserDto)` keeps the names), renamed by class-transformer's
 * `@Expose({ name })`; `@Exclude()` leaves a field out. A base that cannot be read, a class-level
 * `@Exclude()`/`@Expose()` strategy, or a class declaring no fields is unknown.
 */
import type { Evaluator } from '../../resolve/evaluate';
import { stripGlobal } from '../../resolve/evaluate';
import type { Sym } from '../../resolve/sym';
import type { Ctx, Value } from '../../resolve/value';
import type { Fields } from './shape';
import { structFields } from './serde';

const KEEPS_NAMES = /(?:^|\.)PartialType$/;

export function modelFields(ev: Evaluator, sym: Sym, ctx: Ctx, side: 'out' | 'in'): Fields {
  const v = ev.evaluate(sym, ctx);
  if (v.t !== 'class') return 'the model is not a class of this workspace';
  if (ev.program.module(v.file)?.language === 'rust') return structFields(ev, sym, ctx, side);
  return classFields(ev, v, 0);
}

function classFields(ev: Evaluator, v: Extract<Value, { t: 'class' }>, depth: number): Fields {
  const cls = ev.program.module(v.file)?.classes[v.name];
  if (!cls || depth > 6) return `class \`${v.name}\` cannot be read`;
  const own = cls.annotations?.[''] ?? [];
  if (own.some((a) => a.name === 'Exclude' || a.name === 'Expose')) return `\`${v.name}\` sets a class-transformer strategy`;
  const out = new Set<string>();
  for (const b of cls.bases) {
    let bv = ev.evaluate(b, { file: v.file, fn: null, params: null });
    if (bv.t === 'call' && bv.callee.t === 'ext' && KEEPS_NAMES.test(stripGlobal(bv.callee.path)) && bv.args.length === 1) bv = ev.evaluate(bv.args[0]!, bv.ctx);
    if (bv.t !== 'class') return `a base of \`${v.name}\` cannot be read`;
    const base = classFields(ev, bv, depth + 1);
    if (typeof base === 'string') return base;
    for (const f of base) out.add(f);
  }
  if (!cls.fields?.length && out.size === 0) return `\`${v.name}\` declares no fields`;
  for (const f of cls.fields ?? []) {
    let wire = f;
    let skip = false;
    for (const a of cls.annotations?.[f] ?? []) {
      if (a.name === 'Expose' && 'name' in a.args) {
        if (typeof a.args['name'] !== 'string') return `the \`@Expose\` name of \`${v.name}.${f}\` cannot be read`;
        wire = a.args['name'];
      } else if (a.name === 'Exclude') {
        if (Object.keys(a.args).length > 0) return `the \`@Exclude\` of \`${v.name}.${f}\` has options`;
        skip = true;
      }
    }
    if (!skip) out.add(wire);
  }
  return out;
}
