/**
 * What the {@link Evaluator} produces: values (string parts, numbers, objects, modules, classes, opaque
 * calls, parameters, unknowns), the evaluation context, the {@link Program} it reads modules from, and
 * the few helpers that build or read values without evaluating anything.
 */
import type { CallArgs, ModuleFacts, Sym } from './sym';
import { symText } from './sym';

/** One piece of a string value. */
export type Part =
  | { readonly lit: string }
  /** A run-time value; `dyn` is its source, `why` why it could not be known statically (when known). */
  | { readonly dyn: string; readonly why?: string; /** `config.get("url")` on a shared store: its key (`stores.ts`), for a value set elsewhere. */ readonly store?: string }
  /** `dropSuffix`: the text `value.replace(/suffix$/, "")` takes off the end of the variable's value, when it ends so. */
  | { readonly env: string; readonly fallback: readonly Part[] | null; readonly dropSuffix?: string }
  /** One of several part lists, chosen at run time (`cond ? '/a' : '/b'`); see `expandParts`. */
  | { readonly alt: readonly (readonly Part[])[] }
  /** A parameter of the function the value was built in (a wrapper's URL template). */
  | { readonly param: number; readonly name: string; readonly fn: string; readonly file: string; readonly path: readonly string[]; readonly orElse?: readonly Part[] };

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
  /** What `this` is in `fn` (a JS method's receiver), when known. */
  readonly self?: Value;
  /** The context of the function `fn` was defined in (a closure's), when it was instantiated there. */
  readonly outer?: Ctx;
}

export type Value =
  /** A string; `url`: a URL object built from it (`new URL(…)`), whose `href`/`pathname` are read. */
  | { readonly t: 'str'; readonly parts: readonly Part[]; readonly url?: true }
  | { readonly t: 'num'; readonly v: number }
  /** An object literal (`assigned`: later property assignments, see the `obj` symbol). */
  | {
      readonly t: 'obj';
      readonly props: Readonly<Record<string, Sym>>;
      readonly spreads: readonly Sym[];
      readonly assigned?: Readonly<Record<string, readonly Sym[]>>;
      readonly ctx: Ctx;
      readonly origin?: string;
    }
  | { readonly t: 'arr'; readonly items: readonly Sym[]; readonly ctx: Ctx }
  /** A module namespace (`import * as x`, `require('./x')`, Python `import pkg.mod`). */
  | { readonly t: 'module'; readonly file: string | null; readonly spec: string; readonly from: string }
  | { readonly t: 'class'; readonly file: string; readonly name: string }
  /** An instance of a workspace class; `init` is the call that constructed it, when it was seen. */
  | { readonly t: 'instance'; readonly file: string; readonly cls: string; readonly init?: Construction; readonly origin?: string; /** Read from a React-style context (`useContext(Ctx)`): its key (`contexts.ts`). */ readonly context?: string }
  /** A function; `self`: the receiver it was read from (`service.list`, `this.get`), for a method. */
  | {
      readonly t: 'fn';
      readonly file: string;
      readonly id: string;
      readonly origin?: string;
      readonly self?: Value;
      /** Where a closure was made: the instantiated context whose parameters its body reads (`axiosInstance` of `getRequests(axiosInstance)`). */
      readonly env?: Ctx;
    }
  /** Something from outside the workspace: a package export or a global (`axios.create`, `fastapi.APIRouter`, `fetch`). */
  | { readonly t: 'ext'; readonly path: string }
  /** The result of calling something we do not model further (`APIRouter(...)`, `express()`, `axios.create(...)`). */
  | {
      readonly t: 'call';
      readonly callee: Value;
      readonly args: readonly Sym[];
      readonly kw: Readonly<Record<string, Sym>>;
      /** `**options` spread into the call, later ones winning (see `Evaluator.keyword`). */
      readonly kwSpreads?: readonly Sym[];
      /** Why the call may get more keywords than it shows (a constructor passes on what we cannot read). */
      readonly opaque?: string;
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
      /** `param || x`: what applies when the argument turns out not to be given (or unknown). */
      readonly orElse?: Value;
      /**
       * The default of the parameter this one was passed on to (`get(path, options) => fetch(path, options)`
       * where `fetch(…, options = {})`), its path applied: what applies when this argument is not given.
       */
      readonly orDefault?: Value;
    }
  /** One of several values, chosen at run time (a conditional expression). */
  | { readonly t: 'alt'; readonly options: readonly Value[] }
  /** `absent`: a member that is simply not set (so a default applies), as opposed to one not known. */
  | { readonly t: 'unknown'; readonly text: string; readonly why: string; readonly absent?: boolean };

/** The arguments of a constructor call, with the scope they are evaluated in. */
export interface Construction extends CallArgs {
  readonly ctx: Ctx;
  /** Why more keywords than these may be passed (a constructor whose call of its base's we cannot read). */
  readonly opaque?: string;
}

export interface Program {
  module(file: string): ModuleFacts | undefined;
  /**
   * When set, every module asked for (found or not) is added to it: what an evaluation read, so that an
   * edit run can tell which results an edited file may have changed (see the evaluator's memo deps).
   */
  readsInto?: Set<string> | null;
  /** The workspace file a specifier imported from `fromFile` refers to, or null (a package, or not found). */
  resolveImport(fromFile: string, specifier: string): string | null;
  /** True when the specifier names something in the workspace (relative, aliased) rather than a package. */
  isWorkspaceSpecifier(fromFile: string, specifier: string): boolean;
  /**
   * In languages where an imported name may be a submodule (Python's `from pkg import mod`), the
   * specifier of that submodule; null where imported names are never modules.
   */
  submoduleSpec(fromFile: string, specifier: string, name: string): string | null;
  /**
   * Classic browser scripts share one global scope: the file whose top-level binding `name` the classic
   * script (or page) `file` sees, or null. Optional: programs without browser scripts leave it out.
   */
  sharedGlobal?(file: string, name: string): string | null;
}

/** What the member-access and import helpers need from the evaluator (the {@link Evaluator} is one). */
export interface EvalHost {
  readonly program: Program;
  evaluate(sym: Sym, ctx: Ctx): Value;
  /** An exported name of a module, following re-exports (guarded against import cycles). */
  exported(file: string, name: string, seen: Set<string>): Value | null;
  /** A module-level name of `file`: one of its bindings or imports. */
  topLevel(file: string, name: string): Value;
}

const GLOBAL_PREFIXES = ['window.', 'globalThis.', 'self.'];

/** A value that could not be evaluated, with the reason. */
export function unknown(sym: Sym, why: string): Value {
  return { t: 'unknown', text: symText(sym), why };
}

/** Tag a value with the binding it came from (`file#name`), which identifies apps and routers. */
export function withOrigin(v: Value, origin: string): Value {
  if ((v.t === 'call' || v.t === 'obj' || v.t === 'instance' || v.t === 'fn') && v.origin === undefined) return { ...v, origin };
  return v;
}

/** A name no module defines: a global such as `fetch` or `window`. */
export function globalValue(name: string): Value {
  return { t: 'ext', path: name };
}

/** An external path without its global object: `window.fetch` → `fetch`. */
export function stripGlobal(path: string): string {
  for (const p of GLOBAL_PREFIXES) if (path.startsWith(p)) return path.slice(p.length);
  return path;
}

/** The last dotted segment of an external path: `fastapi.APIRouter` → `APIRouter`. */
export function extName(v: Value): string | null {
  if (v.t !== 'ext') return null;
  const p = stripGlobal(v.path);
  return p.slice(p.lastIndexOf('.') + 1);
}

/** A value for an argument or member that is simply not there (`undefined`): a parameter's default applies to it. */
export function isAbsentValue(v: Value): boolean {
  return v.t === 'unknown' && v.absent === true;
}

/** The context of function `fn` among a closure's enclosing contexts (where its parameters are read), or null. */
export function enclosing(ctx: Ctx | undefined, fn: string): Ctx | null {
  for (let c = ctx; c; c = c.outer) if (c.fn === fn) return c;
  return null;
}
