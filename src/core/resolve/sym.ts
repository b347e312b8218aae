/**
 * Symbolic expressions: what a language helper records about an expression without evaluating it.
 * They are plain data (so per-file facts can be cached) and are evaluated later, across modules,
 * by {@link Evaluator}. Both the Python and the JS/TS helpers produce them.
 */

export type Sym =
  | { readonly k: 'str'; readonly v: string }
  | { readonly k: 'num'; readonly v: number }
  /** String concatenation: `a + b`, template literals, f-strings. */
  | { readonly k: 'concat'; readonly parts: readonly Sym[] }
  /** A name looked up in the module: a top-level binding, an import, or (qualified `fn::x`) a function local. */
  | { readonly k: 'ref'; readonly name: string }
  | { readonly k: 'member'; readonly obj: Sym; readonly prop: string }
  /** `kwSpreads`: keyword arguments spread into the call (Python `**options`), later ones winning. */
  | { readonly k: 'call'; readonly callee: Sym; readonly args: readonly Sym[]; readonly kw?: Readonly<Record<string, Sym>>; readonly kwSpreads?: readonly Sym[] }
  /**
   * An object literal; `assigned`: values given to its properties after it was built (`o.p = v`, on any
   * path, in source order), when it is bound to a name. Each of them is a value the property may have.
   */
  | { readonly k: 'obj'; readonly props: Readonly<Record<string, Sym>>; readonly spreads: readonly Sym[]; readonly assigned?: Readonly<Record<string, readonly Sym[]>> }
  | { readonly k: 'arr'; readonly items: readonly Sym[] }
  /**
   * A parameter of the enclosing function `fn` (its id in the module). `path` reads members of it.
   * Index {@link THIS_PARAM} is a JS method's receiver, `this`.
   */
  | { readonly k: 'param'; readonly fn: string; readonly index: number; readonly name: string }
  /** An environment variable: `process.env.X`, `import.meta.env.X`, `os.getenv("X")`. */
  | { readonly k: 'env'; readonly name: string }
  /** `c ? a : b`, `a if c else b`: any one of the options, depending on a run-time condition. */
  | { readonly k: 'alt'; readonly options: readonly Sym[] }
  /** `a ?? b`, `a || b`, `os.getenv("X", b)`: the first option that has a value. */
  | { readonly k: 'fallback'; readonly options: readonly Sym[] }
  /** A function defined in this module (by id). */
  | { readonly k: 'func'; readonly id: string }
  /** A class defined in this module (by name). */
  | { readonly k: 'class'; readonly name: string }
  /**
   * A list built item by item (Python's `[item for v in over]`): `item` reads the loop variable as
   * parameter 0 of the pseudo-function `fn` (other names as where the comprehension is written).
   */
  | { readonly k: 'each'; readonly fn: string; readonly item: Sym; readonly over: Sym }
  /** `item` of an {@link each} with its loop variable bound to `arg`: one item of such a list. */
  | { readonly k: 'apply'; readonly fn: string; readonly item: Sym; readonly arg: Sym }
  /** A value only known at run time; `text` is its source, for messages. */
  | { readonly k: 'dyn'; readonly text: string };

export interface ImportFact {
  /** Module specifier as written: `./api`, `@/lib/api`, `axios`, `app.core.config`, `..routes`. */
  readonly specifier: string;
  /** Imported name; `default` for a default import, `*` for a namespace import. */
  readonly name: string;
}

export interface ParamFact {
  readonly name: string;
  readonly default?: Sym;
  /** Only passed by keyword (after Python's `*` or `*args`). */
  readonly keywordOnly?: boolean;
  /** Collects the keyword arguments no other parameter takes (Python `**kwargs`); always the last one. */
  readonly restKeywords?: boolean;
  /** Its declared type, where the language has one (Go: `github.com/acme/shop/config.Config`, pointers stripped). */
  readonly type?: string;
  /** TS parameter decorators by name, `Name(…)` when given arguments (NestJS `@Body()` → `Body`, `@Body('x')` → `Body(…)`). */
  readonly decorators?: readonly string[];
}

/** The arguments of a call, as written. */
export interface CallArgs {
  readonly args: readonly Sym[];
  readonly kw: Readonly<Record<string, Sym>>;
  readonly kwSpreads: readonly Sym[];
}

export interface FunctionFact {
  readonly id: string;
  /** Human name: `apiCall`, `UsersService.get`, `<anonymous>`. */
  readonly name: string;
  readonly params: readonly ParamFact[];
  /** Expressions returned, when the function returns a value in a simple way. */
  readonly returns: readonly Sym[];
  readonly line: number;
  /** The body's directive prologue (JS `'use server'`), when it has one. */
  readonly directives?: readonly string[];
}

export interface ClassFact {
  readonly name: string;
  readonly bases: readonly Sym[];
  /** Class-level attribute defaults (Pydantic settings fields, static fields). */
  readonly attrs: Readonly<Record<string, Sym>>;
  /** Python: the names annotated in the class body (`access_token: str`), in order (model fields). */
  readonly fields?: readonly string[];
  /** Function id of the constructor (`__init__`); absent when the class inherits its base's. */
  readonly ctor?: string;
  /** Methods defined directly in the class body: method name → function id (inherited ones are not here). */
  readonly methods?: Readonly<Record<string, string>>;
  /**
   * The arguments the constructor passes to its base's (`super().__init__(…)`), in the constructor's
   * scope; absent when it has no such call that can be read.
   */
  readonly baseInit?: CallArgs;
  /**
   * JS: values the constructor gives the instance's fields (`this.http = axios.create(…)`), in the
   * constructor's scope (its `this` is the instance); the first assignment of each field wins.
   */
  readonly selfAssigned?: Readonly<Record<string, Sym>>;
  /** 1-based line of the class statement (Python), for locations at a model. */
  readonly line?: number;
  /** Python: classes defined in the class body (a DRF serializer's `class Meta`), by name. */
  readonly inner?: Readonly<Record<string, ClassFact>>;
  /**
   * Rust: the attributes of a struct (key `''`) and of its fields (by field name), as plain data:
   * `#[serde(rename_all = "camelCase", default)]` → `{ name: 'serde', args: { rename_all: 'camelCase', default: true } }`.
   */
  readonly annotations?: Readonly<Record<string, readonly Annotation[]>>;
}

/** An attribute: each argument `key = "text"` (a string), a bare `key` (true), or anything else (null: not read). */
export interface Annotation {
  readonly name: string;
  readonly args: Readonly<Record<string, string | true | null>>;
}

export interface ReexportFact {
  readonly specifier: string;
  /** exported name → imported name; null for `export * from`. */
  readonly names: Readonly<Record<string, string>> | null;
}

/** What one module defines and imports; the unit the evaluator works on. */
export interface ModuleFacts {
  readonly file: string;
  /** Id of the language pack that built these facts. */
  readonly language: string;
  /** Top-level bindings and (as `fnId::name`) function locals. */
  readonly bindings: Readonly<Record<string, Sym>>;
  readonly imports: Readonly<Record<string, ImportFact>>;
  readonly functions: Readonly<Record<string, FunctionFact>>;
  readonly classes: Readonly<Record<string, ClassFact>>;
  /** exported name → local binding name (JS). Python modules export every top-level name. */
  readonly exports: Readonly<Record<string, string>> | null;
  readonly reexports: readonly ReexportFact[];
  /** Every module specifier the module may load (imports, re-exports, `require`, Python submodules). */
  readonly deps: readonly string[];
  /** The module's directive prologue (JS `'use server'`, `'use client'`), when it has one. */
  readonly directives?: readonly string[];
  /**
   * An HTML page's classic `<script src>`, in document order, as written: the scripts whose globals its
   * inline scripts see (see `Program.sharedGlobal`).
   */
  readonly scripts?: readonly string[];
}

/** The parameter index of a method's receiver (`this`). */
export const THIS_PARAM = -1;

export const str = (v: string): Sym => ({ k: 'str', v });
export const dyn = (text: string): Sym => ({ k: 'dyn', text });

/** Source-like text for a symbol, for messages and `via` chains. */
export function symText(s: Sym, max = 60): string {
  const t = render(s);
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

function render(s: Sym): string {
  switch (s.k) {
    case 'str':
      return JSON.stringify(s.v);
    case 'num':
      return String(s.v);
    case 'concat':
      return s.parts.map(render).join(' + ');
    case 'ref':
      return s.name.includes('::') ? s.name.slice(s.name.indexOf('::') + 2) : s.name;
    case 'member':
      return `${render(s.obj)}.${s.prop}`;
    case 'call':
      return `${render(s.callee)}(…)`;
    case 'obj':
      return '{…}';
    case 'arr':
      return '[…]';
    case 'param':
      return s.name;
    case 'env':
      return `env.${s.name}`;
    case 'fallback':
      return s.options.map(render).join(' ?? ');
    case 'alt':
      return s.options.map(render).join(' | ');
    case 'each':
      return `[${render(s.item)} for … in ${render(s.over)}]`;
    case 'apply':
      return render(s.item);
    case 'func':
      return 'function';
    case 'class':
      return s.name;
    case 'dyn':
      return s.text;
  }
}
