/**
 * Evaluates symbolic expressions across modules: constants, imports and re-exports, object members,
 * class attribute defaults (Pydantic settings), simple function returns, env vars with fallbacks, the
 * parameters of wrapper functions and of closures' enclosing functions. Modules come from a {@link Program}.
 *
 * This is the evaluator's core (dispatch, memoised bindings, calls, parameter substitution); member
 * access is in `members.ts`, imports and exports in `imports.ts`, string parts in `parts.ts`, instances
 * seen through their external bases in `classes.ts`, the value types in `value.ts` (re-exported here).
 */
import { symText, THIS_PARAM, type Sym } from './sym';
import { ReadLog } from './reads';
import { fallbackValue } from './fallback';
import { exportedValue, importedValue, requiredModule, wholeModule } from './imports';
import { memberOf } from './members';
import { contextValue } from './contexts';
import { stringPart } from './stores';
import { externalConstructions, keywordArg } from './classes';
import { mergeParts, paramValue, partsOf } from './parts';
import { globalCall, isStringMethod, stringMethod } from './urls';
import { classOfFunction, constructorParams, isThisParam, staticReceiver } from './receivers';
import { followsReturns, returnedValue } from './returns';
import { enclosing, globalValue, isAbsentValue, stripGlobal, unknown, withOrigin, type Ctx, type EvalHost, type FnRef, type Part, type Program, type Value } from './value';

export type { Ctx, EvalHost, FnRef, Part, Program, Value } from './value';
export { extName, stripGlobal, unknown } from './value';
export { isLiteral, literalText, mergeParts } from './parts';

const MAX_DEPTH = 40;
/** How many modules a re-export chain (`export * from`) is followed through. */
const MAX_REEXPORT_CHAIN = 256;

export class Evaluator implements EvalHost {
  private readonly memo = new Map<string, Value>();
  private readonly inProgress = new Set<string>();
  private readonly exporting = new Set<string>();
  /** Exported names looked up from the top (`file#name`): kept when their answer did not depend on where it was asked. */
  private readonly exports = new Map<string, Value | null>();
  /** What each remembered answer read (see {@link ReadLog}). */
  private readonly reads: ReadLog;
  /** Answers that depend on the evaluation in progress (self-reference, a re-export cycle, the depth limit). */
  private contextual = 0;
  private depth = 0;

  constructor(readonly program: Program) {
    this.reads = new ReadLog(program);
  }

  evaluate(sym: Sym, ctx: Ctx): Value {
    if (this.depth > MAX_DEPTH) {
      this.contextual++;
      return unknown(sym, 'too deeply nested');
    }
    this.depth++;
    try {
      return this.eval(sym, ctx);
    } finally {
      this.depth--;
    }
  }

  private eval(sym: Sym, ctx: Ctx): Value {
    switch (sym.k) {
      case 'str':
        return { t: 'str', parts: [{ lit: sym.v }] };
      case 'num':
        return { t: 'num', v: sym.v };
      case 'concat': {
        const parts: Part[] = [];
        for (const p of sym.parts) parts.push(...stringPart(this, p, ctx));
        return { t: 'str', parts: mergeParts(parts) };
      }
      case 'ref':
        return this.ref(sym.name, ctx, sym);
      case 'member':
        return this.member(this.evaluate(sym.obj, ctx), sym.prop, sym);
      case 'call':
        return this.call(sym, ctx);
      case 'obj':
        return sym.assigned ? { t: 'obj', props: sym.props, spreads: sym.spreads, assigned: sym.assigned, ctx } : { t: 'obj', props: sym.props, spreads: sym.spreads, ctx };
      case 'arr':
        return { t: 'arr', items: sym.items, ctx };
      case 'param': {
        if (ctx.fn !== sym.fn && ctx.outer) return this.evaluate(sym, enclosing(ctx.outer, sym.fn) ?? { file: ctx.file, fn: null, params: null });
        if (sym.index === THIS_PARAM) return ctx.self && ctx.fn === sym.fn ? ctx.self : { t: 'param', fn: sym.fn, file: ctx.file, index: THIS_PARAM, name: 'this', path: [] };
        if (ctx.params && ctx.fn === sym.fn) {
          const v = ctx.params[sym.index];
          if (v && !isAbsentValue(v)) return v;
          const fn = this.program.module(ctx.file)?.functions[sym.fn];
          const def = fn?.params[sym.index]?.default;
          if (def) return this.evaluate(def, { ...ctx, fn: sym.fn });
          return v ?? { t: 'unknown', text: symText(sym), why: `argument \`${sym.name}\` not given`, absent: true };
        }
        return { t: 'param', fn: sym.fn, file: ctx.file, index: sym.index, name: sym.name, path: [] };
      }
      case 'env':
        return { t: 'str', parts: [{ env: sym.name, fallback: null }] };
      case 'fallback':
        return fallbackValue(this, sym.options, ctx);
      case 'alt':
        return { t: 'alt', options: sym.options.flatMap((o) => { const v = this.evaluate(o, ctx); return v.t === 'alt' ? v.options : [v]; }) };
      case 'func':
        return ctx.params || ctx.outer ? { t: 'fn', file: ctx.file, id: sym.id, env: ctx } : { t: 'fn', file: ctx.file, id: sym.id };
      case 'class':
        return { t: 'class', file: ctx.file, name: sym.name };
      case 'dyn':
        return { t: 'unknown', text: sym.text, why: `\`${sym.text}\` is only known at run time` };
      case 'apply': // the loop variable is the pseudo-function's parameter; other names read as where the list is written
        return this.evaluate(sym.item, { file: ctx.file, fn: sym.fn, params: [this.evaluate(sym.arg, ctx)], outer: ctx });
      case 'each': return unknown(sym, 'a list built by a comprehension is only followed where a route helper rewrites its URLs');
    }
  }

  /** Look a name up in a module: memoised at module level, since most lookups have no parameters. */
  private ref(name: string, ctx: Ctx, sym: Sym): Value {
    const mod = this.program.module(ctx.file);
    if (!mod) return unknown(sym, 'module not indexed');
    const isLocal = name.includes('::');
    const bound = mod.bindings[name];
    if (bound !== undefined) {
      // Function locals may read the function's parameters, so they are evaluated in ctx; module-level
      // bindings never do, and are memoised.
      if (isLocal) return withOrigin(this.evaluate(bound, ctx), `${ctx.file}#${name}`);
      return this.binding(ctx.file, name, bound);
    }
    const imp = mod.imports[name];
    if (imp) return this.importValue(ctx.file, imp.specifier, imp.name);
    if (isLocal) return unknown(sym, 'local value not tracked');
    const owner = this.program.sharedGlobal?.(ctx.file, name);
    const shared = owner ? this.program.module(owner)?.bindings[name] : undefined;
    if (owner && shared !== undefined) return this.binding(owner, name, shared);
    return globalValue(name);
  }

  private binding(file: string, name: string, bound: Sym): Value {
    const key = `${file}\0${name}`;
    const hit = this.memo.get(key);
    if (hit) {
      this.reads.replay(key);
      return hit;
    }
    if (this.inProgress.has(key)) {
      this.contextual++;
      return { t: 'unknown', text: name, why: `\`${name}\` refers to itself` };
    }
    this.inProgress.add(key);
    try {
      const v = this.reads.record(key, () => withOrigin(this.evaluate(bound, { file, fn: null, params: null }), `${file}#${name}`));
      this.memo.set(key, v);
      return v;
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** The value of `name` imported from `specifier` in `fromFile`. */
  importValue(fromFile: string, specifier: string, name: string): Value {
    return importedValue(this, fromFile, specifier, name);
  }

  /**
   * An exported name of a module, following re-exports. A lookup from the top (nothing seen yet) is
   * remembered unless its answer depended on the evaluation in progress: asked again, it would be
   * computed from the same remembered bindings, so the answer is the same (and `export *` chains are
   * walked once per name).
   */
  exported(file: string, name: string, seen: Set<string>): Value | null {
    const key = `${file}#${name}`;
    const top = seen.size === 0;
    if (top) {
      const hit = this.exports.get(key);
      if (hit !== undefined) {
        this.reads.replay(key);
        return hit;
      }
    }
    if (seen.has(file)) return null;
    // A chain of thousands of `export * from` would overflow the stack: past a bound it is a reason.
    if (seen.size >= MAX_REEXPORT_CHAIN) return { t: 'unknown', text: name, why: `\`${name}\` is re-exported through more than ${MAX_REEXPORT_CHAIN} modules; the chain was not followed further` };
    seen.add(file);
    // Import cycles (`a` re-exports from `b`, which imports from `a`) end here rather than in a stack overflow.
    if (this.exporting.has(key)) {
      this.contextual++;
      return null;
    }
    this.exporting.add(key);
    const before = this.contextual;
    try {
      const v = top ? this.reads.record(key, () => exportedValue(this, file, name, seen)) : exportedValue(this, file, name, seen);
      if (top && this.contextual === before) this.exports.set(key, v);
      return v;
    } finally {
      this.exporting.delete(key);
    }
  }

  /**
   * What a module value stands for when it is used whole (mounted, called): its default export, through
   * CommonJS modules that re-export another one; any other value as it is.
   */
  wholeModule(v: Value): Value {
    return wholeModule(this, v);
  }

  /** A module-level name of `file`: one of its bindings or imports. */
  topLevel(file: string, name: string): Value {
    return this.ref(name, { file, fn: null, params: null }, { k: 'ref', name });
  }

  /** The value of `obj.prop`; `sym` is the member expression, for messages. */
  member(obj: Value, prop: string, sym?: Sym): Value {
    return memberOf(this, obj, prop, sym);
  }

  private call(sym: Extract<Sym, { k: 'call' }>, ctx: Ctx): Value {
    let callee: Value;
    if (sym.callee.k === 'member' && isStringMethod(sym.callee.prop)) {
      // `url.toString().replace("http://h", "")`: string methods on a known string.
      const obj = this.evaluate(sym.callee.obj, ctx);
      const done = stringMethod(sym, obj, sym.callee.prop, sym.args.map((a) => this.evaluate(a, ctx)));
      if (done) return done;
      callee = this.member(obj, sym.callee.prop, sym.callee);
    } else callee = this.evaluate(sym.callee, ctx);
    const kw = sym.kw ?? {};
    if (callee.t === 'ext') {
      const path = stripGlobal(callee.path);
      if ((path === 'require' || path === 'import') && sym.args[0]?.k === 'str') return requiredModule(this.program, ctx.file, sym.args[0].v);
      if (path === 'os.getenv' || path === 'os.environ.get') {
        const name = sym.args[0];
        const def = sym.args[1] ?? kw['default'];
        if (name?.k === 'str') return fallbackValue(this, def ? [{ k: 'env', name: name.v }, def] : [{ k: 'env', name: name.v }], ctx);
      }
      const builtin = globalCall(path, sym, (i) => (sym.args[i] ? this.evaluate(sym.args[i]!, ctx) : null));
      if (builtin) return builtin;
      const read = contextValue(this, path, () => (sym.args[0] ? this.evaluate(sym.args[0], ctx) : null));
      if (read) return read;
    }
    const kwSpreads = sym.kwSpreads ?? [];
    if (callee.t === 'class') return { t: 'instance', file: callee.file, cls: callee.name, init: { args: sym.args, kw, kwSpreads, ctx } };
    if (callee.t === 'fn') {
      const fn = this.program.module(callee.file)?.functions[callee.id];
      const ret = fn?.returns.length === 1 ? fn.returns[0]! : null;
      // A helper handing back the object it was given may have changed it (`cfg.proxy = …; return cfg`).
      if (ret?.k === 'param' && ret.fn === fn!.id && ret.index !== THIS_PARAM && sym.args[ret.index]?.k === 'obj') return { t: 'unknown', text: symText(sym), why: `\`${symText(sym)}\` returns the object it is given, which it may change` };
      if (fn && followsReturns(fn, callee.file)) {
        const args = sym.args.map((a) => this.evaluate(a, ctx));
        const at: Ctx = { file: callee.file, fn: fn.id, params: args, ...(callee.self ? { self: callee.self } : {}), ...(callee.env ? { outer: callee.env } : {}) };
        return returnedValue((r, c) => this.evaluate(r, c), fn, at);
      }
    }
    if (callee.t === 'unknown') return { t: 'unknown', text: symText(sym), why: callee.why };
    // `this.helper()` where the class has no such method: only known at run time.
    if (isThisParam(callee)) return { t: 'unknown', text: symText(sym), why: `\`${symText(sym)}\` is only known at run time` };
    return kwSpreads.length ? { t: 'call', callee, args: sym.args, kw, kwSpreads, ctx } : { t: 'call', callee, args: sym.args, kw, ctx };
  }

  /** Keyword argument `name` of an opaque call value, written out or from its `**options`; null when not passed. */
  keyword(call: Extract<Value, { t: 'call' }>, name: string): Value | null {
    return keywordArg(this, { args: call.args, kw: call.kw, kwSpreads: call.kwSpreads ?? [], opaque: call.opaque }, call.ctx, name);
  }

  /**
   * The constructor calls of the classes outside the workspace an instance's class derives from, with
   * the arguments that reach them through the constructors on the way (see `classes.ts`).
   */
  constructions(inst: Extract<Value, { t: 'instance' }>): Value[] {
    return externalConstructions(this, inst);
  }

  /** Argument `i` (or keyword `name`) of an opaque call value. */
  arg(call: Extract<Value, { t: 'call' }>, i: number, name?: string): Value | null {
    const s = (name !== undefined ? call.kw[name] : undefined) ?? call.args[i];
    return s ? this.evaluate(s, call.ctx) : null;
  }

  /** The string parts of a value; anything that is not a string becomes a dynamic part. */
  partsOf(v: Value, sym?: Sym): Part[] {
    return partsOf(v, sym);
  }

  private substParts(parts: readonly Part[], fn: FnRef, args: readonly Value[], self?: Value): Part[] {
    const out: Part[] = [];
    for (const p of parts) {
      if ('param' in p) {
        const pv = paramValue(p);
        const v = this.subst(pv, fn, args, self);
        out.push(...(v === pv ? [p] : partsOf(v)));
      } else if ('alt' in p) out.push({ alt: p.alt.map((a) => this.substParts(a, fn, args, self)) });
      else out.push(p);
    }
    return mergeParts(out);
  }

  /**
   * Replace the parameters of function `fn` inside a value by the given argument values; with `self`
   * (the receiver of a method called), its `this` too, and the parameters of the constructors of the
   * receiver's class chain by what that construction passes them (a parameter passed on keeps its default).
   */
  subst(v: Value, fn: FnRef, args: readonly Value[], self?: Value): Value {
    switch (v.t) {
      case 'param': {
        const own = v.fn === fn.id && v.file === fn.file;
        if (v.index === THIS_PARAM) return own && self ? this.along(self, v.path) : v;
        if (!own) return self ? (this.constructorArg(v, self) ?? v) : v;
        const [given, def] = [args[v.index], this.defaultOf(v.file, fn.id, v.index, args)];
        const a = (given && !isAbsentValue(given) ? given : def) ?? given;
        let val = a ? this.along(a, v.path) : null;
        if ((!val || isAbsentValue(val)) && v.orDefault) val = v.orDefault;
        if (v.orElse && (!val || val.t === 'unknown')) return this.subst(v.orElse, fn, args, self);
        if (val?.t === 'param' && a === given && (def || v.orElse)) val = { ...val, ...(def ? { orDefault: this.along(def, v.path) } : {}), ...(v.orElse && !val.orElse ? { orElse: this.subst(v.orElse, fn, args, self) } : {}) };
        return val ?? { t: 'unknown', text: v.name, why: `argument \`${v.name}\` not given`, absent: true };
      }
      case 'str':
        return { t: 'str', parts: this.substParts(v.parts, fn, args, self) };
      case 'alt':
        return { t: 'alt', options: v.options.map((o) => this.subst(o, fn, args, self)) };
      case 'obj':
      case 'arr':
      case 'call': {
        const ctx = v.ctx;
        const withSelf = self && ctx.fn === fn.id && ctx.file === fn.file ? { self } : {};
        if (ctx.params) return { ...v, ctx: { ...ctx, params: ctx.params.map((p) => this.subst(p, fn, args, self)), ...withSelf } };
        if (ctx.fn === fn.id && ctx.file === fn.file) return { ...v, ctx: { ...ctx, params: args, ...withSelf } };
        return v;
      }
      default:
        return v;
    }
  }

  /** `v.a.b` for a path `[a, b]`. */
  private along(v: Value, path: readonly string[]): Value {
    return path.reduce<Value>((acc, p) => this.member(acc, p), v);
  }

  /**
   * A parameter of a constructor of the receiver's class chain, as that construction passes it (a
   * receiver that is itself `this` of a method: an instance built out of sight); null when `p` is
   * none, or the construction is not known.
   */
  private constructorArg(p: Extract<Value, { t: 'param' }>, self: Value): Value | null {
    const cls = classOfFunction(this, p.file, p.fn);
    if (!cls || this.program.module(p.file)?.classes[cls]?.ctor !== p.fn) return null;
    const inst = isThisParam(self) ? staticReceiver(this, self.file, self.fn) : self.t === 'instance' ? self : null;
    const params = inst ? constructorParams(this, inst, p.file, cls) : null;
    if (!params) return null;
    const a = params[p.index] ?? this.defaultOf(p.file, p.fn, p.index, params);
    const val = a ? this.along(a, p.path) : null;
    if (p.orElse && (!val || val.t === 'unknown')) return this.subst(p.orElse, { file: p.file, id: p.fn }, params, inst ?? undefined);
    return val ? val : { t: 'unknown', text: p.name, why: `\`${cls}\` is constructed without \`${p.name}\``, absent: true };
  }

  /**
   * A value with no receiver left to bind: `this` of a method, and the parameters of constructors,
   * read from an instance of the class built out of sight (so defaults and fallbacks apply).
   */
  settle(v: Value): Value {
    switch (v.t) {
      case 'param': {
        const self = staticReceiver(this, v.file, v.fn);
        if (!self) return v;
        if (v.index === THIS_PARAM) return this.along(self, v.path);
        return this.constructorArg(v, self) ?? v;
      }
      case 'str': {
        if (!v.parts.some((p) => 'param' in p || 'alt' in p)) return v;
        const parts = v.parts.flatMap((p): Part[] => {
          if ('alt' in p) return [{ alt: p.alt.map((a) => this.partsOf(this.settle({ t: 'str', parts: a }))) }];
          if (!('param' in p)) return [p];
          const pv = paramValue(p);
          const x = this.settle(pv);
          return x === pv ? [p] : partsOf(x);
        });
        return { t: 'str', parts: mergeParts(parts) };
      }
      case 'alt':
        return { t: 'alt', options: v.options.map((o) => this.settle(o)) };
      default:
        return v;
    }
  }

  /** `this` of a method read without a call site (an instance of its class), for recognising clients. */
  concrete(v: Value): Value {
    if (!isThisParam(v)) return v;
    const cls = classOfFunction(this, v.file, v.fn);
    return cls ? this.along({ t: 'instance', file: v.file, cls }, v.path) : v;
  }

  /** The default value of parameter `index` of function `fnId`, evaluated with the other arguments. */
  private defaultOf(file: string, fnId: string, index: number, args: readonly Value[]): Value | null {
    const def = this.program.module(file)?.functions[fnId]?.params[index]?.default;
    return def ? this.evaluate(def, { file, fn: fnId, params: args }) : null;
  }

  /** Forget memoised values (after a module changed). */
  reset(): void {
    [this.memo, this.exports].forEach((m) => m.clear());
  }
}
