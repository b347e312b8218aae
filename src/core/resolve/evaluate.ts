/**
 * Evaluates symbolic expressions across modules: constants, imports and re-exports, object members,
 * class attribute defaults (Pydantic settings), simple function returns, env vars with fallbacks and
 * the parameters of wrapper functions. Language-neutral: modules come from a {@link Program}.
 */
import type { ModuleFacts, Sym } from './sym';
import { symText } from './sym';

/** One piece of a string value. */
export type Part =
  | { readonly lit: string }
  /** A run-time value; `text` is its source. */
  | { readonly dyn: string }
  | { readonly env: string; readonly fallback: readonly Part[] | null }
  /** A parameter of the function the value was built in (a wrapper's URL template). */
  | { readonly param: number; readonly name: string; readonly fn: string; readonly file: string; readonly path: readonly string[] };

/** A function, by module and id. */
export interface FnRef {
  readonly file: string;
  readonly id: string;
}

export interface Ctx {
  readonly file: string;
  /** Id of the function whose parameters `params` are; null at module level. */
  readonly fn: string | null;
  /** Argument values for the parameters of `fn`, when the function is being instantiated at a call site. */
  readonly params: readonly Value[] | null;
}

export type Value =
  | { readonly t: 'str'; readonly parts: readonly Part[] }
  | { readonly t: 'num'; readonly v: number }
  | { readonly t: 'obj'; readonly props: Readonly<Record<string, Sym>>; readonly spreads: readonly Sym[]; readonly ctx: Ctx; readonly origin?: string }
  | { readonly t: 'arr'; readonly items: readonly Sym[]; readonly ctx: Ctx }
  /** A module namespace (`import * as x`, `require('./x')`, Python `import pkg.mod`). */
  | { readonly t: 'module'; readonly file: string | null; readonly spec: string; readonly from: string }
  | { readonly t: 'class'; readonly file: string; readonly name: string }
  | { readonly t: 'instance'; readonly file: string; readonly cls: string; readonly origin?: string }
  | { readonly t: 'fn'; readonly file: string; readonly id: string; readonly origin?: string }
  /** Something from outside the workspace: a package export or a global (`axios.create`, `fastapi.APIRouter`, `fetch`). */
  | { readonly t: 'ext'; readonly path: string }
  /** The result of calling something we do not model further (`APIRouter(...)`, `express()`, `axios.create(...)`). */
  | {
      readonly t: 'call';
      readonly callee: Value;
      readonly args: readonly Sym[];
      readonly kw: Readonly<Record<string, Sym>>;
      readonly ctx: Ctx;
      readonly origin?: string;
    }
  | {
      readonly t: 'param';
      readonly fn: string;
      readonly file: string;
      readonly index: number;
      readonly name: string;
      readonly path: readonly string[];
    }
  /** `absent`: a member that is simply not set (so a default applies), as opposed to one not known. */
  | { readonly t: 'unknown'; readonly text: string; readonly why: string; readonly absent?: boolean };

export interface Program {
  module(file: string): ModuleFacts | undefined;
  /** The workspace file a specifier imported from `fromFile` refers to, or null (a package, or not found). */
  resolveImport(fromFile: string, specifier: string): string | null;
  /** True when the specifier names something in the workspace (relative, aliased) rather than a package. */
  isWorkspaceSpecifier(fromFile: string, specifier: string): boolean;
  /**
   * In languages where an imported name may be a submodule (Python's `from pkg import mod`), the
   * specifier of that submodule; null where imported names are never modules.
   */
  submoduleSpec(fromFile: string, specifier: string, name: string): string | null;
}

const MAX_DEPTH = 40;
const GLOBAL_PREFIXES = ['window.', 'globalThis.', 'self.'];

export class Evaluator {
  private readonly memo = new Map<string, Value>();
  private readonly inProgress = new Set<string>();
  private readonly exporting = new Set<string>();
  private depth = 0;

  constructor(readonly program: Program) {}

  evaluate(sym: Sym, ctx: Ctx): Value {
    if (this.depth > MAX_DEPTH) return unknown(sym, 'too deeply nested');
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
        for (const p of sym.parts) parts.push(...this.partsOf(this.evaluate(p, ctx), p));
        return { t: 'str', parts: mergeParts(parts) };
      }
      case 'ref':
        return this.ref(sym.name, ctx, sym);
      case 'member':
        return this.member(this.evaluate(sym.obj, ctx), sym.prop, sym);
      case 'call':
        return this.call(sym, ctx);
      case 'obj':
        return { t: 'obj', props: sym.props, spreads: sym.spreads, ctx };
      case 'arr':
        return { t: 'arr', items: sym.items, ctx };
      case 'param': {
        if (ctx.params && ctx.fn === sym.fn) {
          const v = ctx.params[sym.index];
          if (v) return v;
          const fn = this.program.module(ctx.file)?.functions[sym.fn];
          const def = fn?.params[sym.index]?.default;
          if (def) return this.evaluate(def, { file: ctx.file, fn: sym.fn, params: ctx.params });
          return unknown(sym, `argument \`${sym.name}\` not given`);
        }
        return { t: 'param', fn: sym.fn, file: ctx.file, index: sym.index, name: sym.name, path: [] };
      }
      case 'env':
        return { t: 'str', parts: [{ env: sym.name, fallback: null }] };
      case 'fallback':
        return this.fallback(sym.options, ctx);
      case 'func':
        return { t: 'fn', file: ctx.file, id: sym.id };
      case 'class':
        return { t: 'class', file: ctx.file, name: sym.name };
      case 'dyn':
        return { t: 'unknown', text: sym.text, why: `\`${sym.text}\` is only known at run time` };
    }
  }

  private fallback(options: readonly Sym[], ctx: Ctx): Value {
    for (let i = 0; i < options.length; i++) {
      const v = this.evaluate(options[i]!, ctx);
      if (v.t === 'unknown') continue;
      if (v.t === 'str' && v.parts.length === 1 && 'env' in v.parts[0]! && !v.parts[0].fallback) {
        // `process.env.X ?? 'http://localhost:8000'`: the env var, with what it falls back to.
        const rest = options.slice(i + 1);
        const fb = rest.length ? this.fallback(rest, ctx) : null;
        const fbParts = fb && (fb.t === 'str' || fb.t === 'num') ? this.partsOf(fb) : null;
        return { t: 'str', parts: [{ env: v.parts[0].env, fallback: fbParts }] };
      }
      return v;
    }
    return unknown({ k: 'fallback', options }, 'no option could be evaluated');
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
    return globalValue(name);
  }

  private binding(file: string, name: string, bound: Sym): Value {
    const key = `${file}\0${name}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    if (this.inProgress.has(key)) return { t: 'unknown', text: name, why: `\`${name}\` refers to itself` };
    this.inProgress.add(key);
    try {
      const v = withOrigin(this.evaluate(bound, { file, fn: null, params: null }), `${file}#${name}`);
      this.memo.set(key, v);
      return v;
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** The value of `name` imported from `specifier` in `fromFile`. */
  importValue(fromFile: string, specifier: string, name: string): Value {
    const target = this.program.resolveImport(fromFile, specifier);
    if (target === null) {
      if (this.program.isWorkspaceSpecifier(fromFile, specifier)) {
        // `from pkg import submodule` where pkg has no __init__ we indexed.
        const subSpec = this.program.submoduleSpec(fromFile, specifier, name);
        const sub = subSpec === null ? null : this.program.resolveImport(fromFile, subSpec);
        if (sub !== null) return { t: 'module', file: sub, spec: subSpec!, from: fromFile };
        return { t: 'unknown', text: `${specifier}:${name}`, why: `module \`${specifier}\` was not found in the workspace` };
      }
      return { t: 'ext', path: name === 'default' || name === '*' ? specifier : `${specifier}.${name}` };
    }
    if (name === '*') return { t: 'module', file: target, spec: specifier, from: fromFile };
    const subSpec = this.program.submoduleSpec(fromFile, specifier, name);
    if (target === fromFile && subSpec !== null) {
      // `from . import admin` inside a package's __init__: a submodule, not the package importing itself.
      const sub = this.program.resolveImport(fromFile, subSpec);
      if (sub !== null && sub !== target) return { t: 'module', file: sub, spec: subSpec, from: fromFile };
    }
    const v = this.exported(target, name, new Set());
    if (v) return v;
    const mod = this.program.module(target);
    if (subSpec !== null) {
      // `from app.api.routes import users`: users may be a submodule.
      const sub = this.program.resolveImport(fromFile, subSpec);
      if (sub !== null && sub !== target) return { t: 'module', file: sub, spec: subSpec, from: fromFile };
    }
    if (name === 'default' && mod) return { t: 'module', file: target, spec: specifier, from: fromFile };
    return { t: 'unknown', text: name, why: `\`${name}\` is not exported by ${target}` };
  }

  /** An exported name of a module, following re-exports. */
  exported(file: string, name: string, seen: Set<string>): Value | null {
    if (seen.has(file)) return null;
    seen.add(file);
    // Import cycles (`a` re-exports from `b`, which imports from `a`) end here rather than in a stack overflow.
    const key = `${file}#${name}`;
    if (this.exporting.has(key)) return null;
    this.exporting.add(key);
    try {
      return this.exportedUnguarded(file, name, seen);
    } finally {
      this.exporting.delete(key);
    }
  }

  private exportedUnguarded(file: string, name: string, seen: Set<string>): Value | null {
    const mod = this.program.module(file);
    if (!mod) return null;
    const local = mod.exports === null ? name : mod.exports[name];
    if (local !== undefined) {
      if (mod.bindings[local] !== undefined || mod.imports[local]) return this.ref(local, { file, fn: null, params: null }, { k: 'ref', name: local });
    }
    for (const re of mod.reexports) {
      if (re.names === null) {
        if (name === 'default') continue;
        const target = this.program.resolveImport(file, re.specifier);
        if (target === null) continue;
        const v = this.exported(target, name, seen);
        if (v) return v;
      } else if (re.names[name] !== undefined) {
        return this.importValue(file, re.specifier, re.names[name]!);
      }
    }
    return null;
  }

  member(obj: Value, prop: string, sym?: Sym): Value {
    const text = sym ? symText(sym) : prop;
    switch (obj.t) {
      case 'obj': {
        const p = obj.props[prop];
        if (p) return this.evaluate(p, obj.ctx);
        let absent = true;
        for (let i = obj.spreads.length - 1; i >= 0; i--) {
          const v = this.member(this.evaluate(obj.spreads[i]!, obj.ctx), prop);
          if (v.t !== 'unknown') return v;
          if (!v.absent) absent = false;
        }
        return { t: 'unknown', text, why: `\`${prop}\` is not set`, absent };
      }
      case 'module': {
        if (obj.file) {
          const v = this.exported(obj.file, prop, new Set());
          if (v) return v;
          // CommonJS: `module.exports = { a, b }` read as `require(x).a`.
          const def = this.exported(obj.file, 'default', new Set());
          if (def && def.t === 'obj') return this.member(def, prop, sym);
        }
        // Python `import app.api` then `app.api.routes`: a submodule.
        const subSpec = this.program.submoduleSpec(obj.from, obj.spec, prop);
        const sub = subSpec === null ? null : this.program.resolveImport(obj.from, subSpec);
        if (sub !== null) return { t: 'module', file: sub, spec: subSpec!, from: obj.from };
        return { t: 'unknown', text, why: `\`${prop}\` is not defined in ${obj.file ?? obj.spec}` };
      }
      case 'class':
      case 'instance': {
        const cls = obj.t === 'class' ? obj.name : obj.cls;
        const v = this.classAttr(obj.file, cls, prop, new Set());
        return v ?? { t: 'unknown', text, why: `\`${prop}\` has no default in class ${cls}` };
      }
      case 'ext': {
        const path = `${obj.path}.${prop}`;
        if (obj.path === 'process.env' || obj.path === 'os.environ') return { t: 'str', parts: [{ env: prop, fallback: null }] };
        return { t: 'ext', path };
      }
      case 'param':
        return { ...obj, path: [...obj.path, prop] };
      case 'fn':
      case 'call':
      case 'str':
      case 'num':
      case 'arr':
        return { t: 'unknown', text, why: `\`${text}\` is computed at run time` };
      case 'unknown':
        return obj;
    }
  }

  private classAttr(file: string, cls: string, prop: string, seen: Set<string>): Value | null {
    const key = `${file}#${cls}`;
    if (seen.has(key)) return null;
    seen.add(key);
    const c = this.program.module(file)?.classes[cls];
    if (!c) return null;
    const a = c.attrs[prop];
    if (a) return this.evaluate(a, { file, fn: null, params: null });
    for (const b of c.bases) {
      const base = this.evaluate(b, { file, fn: null, params: null });
      if (base.t === 'class') {
        const v = this.classAttr(base.file, base.name, prop, seen);
        if (v) return v;
      }
    }
    return null;
  }

  private call(sym: Extract<Sym, { k: 'call' }>, ctx: Ctx): Value {
    const callee = this.evaluate(sym.callee, ctx);
    const kw = sym.kw ?? {};
    if (callee.t === 'ext') {
      const path = stripGlobal(callee.path);
      if ((path === 'require' || path === 'import') && sym.args[0]?.k === 'str') {
        const spec = sym.args[0].v;
        const target = this.program.resolveImport(ctx.file, spec);
        if (target !== null) return { t: 'module', file: target, spec, from: ctx.file };
        if (this.program.isWorkspaceSpecifier(ctx.file, spec)) return { t: 'unknown', text: spec, why: `module \`${spec}\` was not found` };
        return { t: 'ext', path: spec };
      }
      if (path === 'os.getenv' || path === 'os.environ.get') {
        const name = sym.args[0];
        const def = sym.args[1] ?? kw['default'];
        if (name?.k === 'str') return this.fallback(def ? [{ k: 'env', name: name.v }, def] : [{ k: 'env', name: name.v }], ctx);
      }
      if (path === 'String' || path === 'str' || path === 'encodeURIComponent' || path === 'encodeURI') {
        const a = sym.args[0];
        if (a) {
          const v = this.evaluate(a, ctx);
          if (v.t === 'str' || v.t === 'num' || v.t === 'param') return v;
        }
      }
    }
    if (callee.t === 'class') return { t: 'instance', file: callee.file, cls: callee.name };
    if (callee.t === 'fn') {
      const fn = this.program.module(callee.file)?.functions[callee.id];
      if (fn && fn.returns.length === 1) {
        const args = sym.args.map((a) => this.evaluate(a, ctx));
        return this.evaluate(fn.returns[0]!, { file: callee.file, fn: fn.id, params: args });
      }
    }
    if (callee.t === 'unknown') return { t: 'unknown', text: symText(sym), why: callee.why };
    return { t: 'call', callee, args: sym.args, kw, ctx };
  }

  /** Argument `i` (or keyword `name`) of an opaque call value. */
  arg(call: Extract<Value, { t: 'call' }>, i: number, name?: string): Value | null {
    const s = (name !== undefined ? call.kw[name] : undefined) ?? call.args[i];
    return s ? this.evaluate(s, call.ctx) : null;
  }

  /** The string parts of a value; anything that is not a string becomes a dynamic part. */
  partsOf(v: Value, sym?: Sym): Part[] {
    switch (v.t) {
      case 'str':
        return [...v.parts];
      case 'num':
        return [{ lit: String(v.v) }];
      case 'param':
        return [{ param: v.index, name: v.name, fn: v.fn, file: v.file, path: v.path }];
      case 'unknown':
        return [{ dyn: v.text }];
      case 'ext':
        return [{ dyn: v.path }];
      default:
        return [{ dyn: sym ? symText(sym) : v.t }];
    }
  }

  /** Replace the parameters of function `fn` inside a value by the given argument values. */
  subst(v: Value, fn: FnRef, args: readonly Value[]): Value {
    switch (v.t) {
      case 'param': {
        if (v.fn !== fn.id || v.file !== fn.file) return v;
        const a = args[v.index] ?? this.defaultOf(v.file, fn.id, v.index, args);
        if (!a) return { t: 'unknown', text: v.name, why: `argument \`${v.name}\` not given` };
        return v.path.reduce<Value>((acc, p) => this.member(acc, p), a);
      }
      case 'str': {
        const parts: Part[] = [];
        for (const p of v.parts) {
          if ('param' in p && p.fn === fn.id && p.file === fn.file) {
            const pv: Value = { t: 'param', fn: p.fn, file: p.file, index: p.param, name: p.name, path: p.path };
            parts.push(...this.partsOf(this.subst(pv, fn, args)));
          }
          else parts.push(p);
        }
        return { t: 'str', parts: mergeParts(parts) };
      }
      case 'obj':
      case 'arr':
      case 'call': {
        const ctx = v.ctx;
        if (ctx.params) return { ...v, ctx: { ...ctx, params: ctx.params.map((p) => this.subst(p, fn, args)) } };
        if (ctx.fn === fn.id && ctx.file === fn.file) return { ...v, ctx: { ...ctx, params: args } };
        return v;
      }
      default:
        return v;
    }
  }

  /** The default value of parameter `index` of function `fnId`, evaluated with the other arguments. */
  private defaultOf(file: string, fnId: string, index: number, args: readonly Value[]): Value | null {
    const def = this.program.module(file)?.functions[fnId]?.params[index]?.default;
    return def ? this.evaluate(def, { file, fn: fnId, params: args }) : null;
  }

  /** Forget memoised values (after a module changed). */
  reset(): void {
    this.memo.clear();
  }
}

export function unknown(sym: Sym, why: string): Value {
  return { t: 'unknown', text: symText(sym), why };
}

function withOrigin(v: Value, origin: string): Value {
  if ((v.t === 'call' || v.t === 'obj' || v.t === 'instance' || v.t === 'fn') && v.origin === undefined) return { ...v, origin };
  return v;
}

function globalValue(name: string): Value {
  return { t: 'ext', path: name };
}

export function stripGlobal(path: string): string {
  for (const p of GLOBAL_PREFIXES) if (path.startsWith(p)) return path.slice(p.length);
  return path;
}

export function mergeParts(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if ('lit' in p && prev && 'lit' in prev) out[out.length - 1] = { lit: prev.lit + p.lit };
    else if (!('lit' in p && p.lit === '')) out.push(p);
  }
  return out;
}

/** True when every part is literal text. */
export function isLiteral(parts: readonly Part[]): boolean {
  return parts.every((p) => 'lit' in p);
}

export function literalText(parts: readonly Part[]): string | null {
  return isLiteral(parts) ? parts.map((p) => (p as { lit: string }).lit).join('') : null;
}

/** The last dotted segment of an external path: `fastapi.APIRouter` → `APIRouter`. */
export function extName(v: Value): string | null {
  if (v.t !== 'ext') return null;
  const p = stripGlobal(v.path);
  return p.slice(p.lastIndexOf('.') + 1);
}
