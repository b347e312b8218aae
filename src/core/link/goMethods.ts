/**
 * Path text of Go expressions that call methods of workspace types: `conf.BaseUri(config.ApiUri)`,
 * where `conf` is a `*config.Config` parameter and `BaseUri` returns its argument, either as it is or
 * after a prefix only known at run time. The method's returns are evaluated with the call's arguments
 * (methods calling methods of the same receiver too); when they agree on one literal path, possibly
 * after a run-time prefix, that path is used and the route says so (it is partial). Package lookups
 * walk a package's files through the `.` specifier, as the Go pack resolves it.
 */
import { literalText, mergeParts, type Value } from '../resolve/evaluate';
import type { LinkContext } from '../frameworks/types';
import type { Program } from '../resolve/value';
import type { Sym } from '../resolve/sym';
import { symText } from '../resolve/sym';

export interface GoPathText {
  readonly text: string;
  readonly unresolved: readonly string[];
  readonly notes: readonly string[];
}

const MAX_DEPTH = 8;

/** The path text of `sym` in `file` (inside `fn`), with calls of workspace methods evaluated. */
export function goPathText(ctx: LinkContext, sym: Sym, file: string, fn: string | null, params: readonly Value[] | null = null): GoPathText {
  const notes: string[] = [];
  const s = inline(ctx, sym, file, fn, params, notes, 0);
  const t = params ? ctx.valueText(ctx.evaluator.evaluate(s, { file, fn, params }), s) : ctx.pathText(s, file, fn);
  return { text: t.text, unresolved: t.unresolved, notes };
}

/** Look something up in each file of `file`'s package (the `.` chain), starting with `file`. */
export function findInPackage<T>(program: Program, file: string, get: (f: string) => T | null): { file: string; value: T } | null {
  const seen = new Set<string>();
  for (let f: string | null = file; f !== null && !seen.has(f); f = program.resolveImport(f, '.')) {
    seen.add(f);
    const v = get(f);
    if (v !== null) return { file: f, value: v };
  }
  return null;
}

/** Methods found per program: `first file of the package|T.m` → the function (or null). */
const methods = new WeakMap<Program, Map<string, { file: string; id: string } | null>>();

/** The method `m` of a type (`pkgpath.T` or a type `T` of `file`'s package), as a function of the workspace. */
export function methodOf(program: Program, type: string, m: string, file: string): { file: string; id: string } | null {
  const dot = type.lastIndexOf('.');
  const start = dot < 0 ? file : program.resolveImport(file, type.slice(0, dot));
  if (start === null) return null;
  const name = `${type.slice(dot + 1)}.${m}`;
  let memo = methods.get(program);
  if (!memo) methods.set(program, (memo = new Map()));
  const key = `${dot < 0 ? dirOf(start) : start}|${name}`;
  if (memo.has(key)) return memo.get(key)!;
  const found = findInPackage(program, start, (f) => Object.values(program.module(f)?.functions ?? {}).find((x) => x.name === name)?.id ?? null);
  const out = found ? { file: found.file, id: found.value } : null;
  memo.set(key, out);
  return out;
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '.' : file.slice(0, i);
}

/** The declared type of a receiver or parameter (`{class T}` is a type written by `extract`). */
export function typeOf(program: Program, obj: Sym, file: string): string | null {
  if (obj.k === 'class') return obj.name;
  if (obj.k !== 'param') return null;
  const f = program.module(file)?.functions[obj.fn];
  if (!f) return null;
  if (obj.index === -1) return f.name.includes('.') ? f.name.slice(0, f.name.lastIndexOf('.')) : null;
  return f.params[obj.index]?.type ?? null;
}

function inline(ctx: LinkContext, sym: Sym, file: string, fn: string | null, params: readonly Value[] | null, notes: string[], depth: number): Sym {
  if (depth > MAX_DEPTH) return sym;
  if (sym.k === 'concat') return { k: 'concat', parts: sym.parts.map((p) => inline(ctx, p, file, fn, params, notes, depth)) };
  if (sym.k === 'ref' && sym.name.includes('::')) {
    // A local holding such a call (`if swUri := conf.BaseUri("/sw.js"); …`).
    const b = ctx.evaluator.program.module(file)?.bindings[sym.name];
    const out = b && b.k === 'call' ? inline(ctx, b, file, fn, params, notes, depth + 1) : sym;
    return out.k === 'str' ? out : sym;
  }
  if (sym.k !== 'call' || sym.callee.k !== 'member') return sym;
  const program = ctx.evaluator.program;
  const type = typeOf(program, sym.callee.obj, file);
  const target = type ? methodOf(program, type, sym.callee.prop, file) : null;
  const f = target ? program.module(target.file)?.functions[target.id] : undefined;
  if (!target || !f || f.returns.length === 0) return sym;
  const args = sym.args.map((a) => ctx.evaluator.evaluate(inline(ctx, a, file, fn, params, notes, depth + 1), { file, fn, params }));
  const inner: string[] = [];
  const values = f.returns.map((r) => ctx.evaluator.evaluate(inline(ctx, r, target.file, target.id, args, inner, depth + 1), { file: target.file, fn: target.id, params: args }));
  const chosen = agreeing(ctx, values);
  if (chosen === null) return sym;
  notes.push(...inner);
  if (chosen.prefixed) notes.push(`\`${symText(sym)}\` may put a prefix only known at run time before \`${chosen.text}\``);
  return { k: 'str', v: chosen.text };
}

/** The one literal path the returns agree on, each either that path or a run-time prefix before it. */
function agreeing(ctx: LinkContext, values: readonly Value[]): { text: string; prefixed: boolean } | null {
  const parts = values.map((v) => mergeParts(ctx.evaluator.partsOf(v)));
  const lits = new Set(parts.map(literalText).filter((x): x is string => x !== null));
  if (lits.size !== 1) return null;
  const text = [...lits][0]!;
  let prefixed = false;
  for (const p of parts) {
    if (literalText(p) !== null) continue;
    const last = p[p.length - 1];
    if (!last || !('lit' in last) || !last.lit.endsWith(text) || p.slice(0, -1).some((x) => 'lit' in x)) return null;
    prefixed = true;
  }
  return { text, prefixed };
}
