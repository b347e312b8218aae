import type { Sym } from '../resolve/sym';
import type { Span } from '../types';

/**
 * Payload shapes (relations/payload). `response`: what a route answers, by its registration (`route`, the
 * span its endpoint is reported at): each body it sends (`bodies`, evaluated in `fn`), or `open` when some
 * answer cannot be seen (a value passed on, a stream). `read`: a field code reads off an awaited call's result (see lang/js/payloads).
 * `unwrap`: the file makes an HTTP client hand back bodies instead of responses (an axios interceptor).
 */
export type SchemaDecl =
  | {
      readonly t: 'response';
      readonly file: string;
      readonly fn: string | null;
      readonly route: Span;
      readonly bodies: readonly Sym[];
      /** Why some answer of the route cannot be seen (a value passed on, a stream); its shape is then unknown. */
      readonly open: string | null;
      /** The handler, when it is a function of another module: its answer is that function's `answer` (evaluated in `fn`). */
      readonly handler?: Sym;
      readonly body?: RequestBody;
      /** The model the request body is validated with (FastAPI: the one parameter annotated with a class). */
      readonly bodyModel?: Sym;
    }
  /** What a function that may be a route handler answers (an Express controller), by its id. */
  | { readonly t: 'answer'; readonly file: string; readonly fn: string; readonly bodies: readonly Sym[]; readonly open: string | null; readonly body?: RequestBody }
  | { readonly t: 'read'; readonly file: string; readonly fn: string | null; readonly call: Span; readonly via: 'result' | 'json' | 'data'; readonly field: string; readonly span: Span }
  | { readonly t: 'unwrap'; readonly file: string; readonly fn: string | null }
  /** A TS module's top-level types (name → required properties, or why they are not plain) and its imports (type-only too), to follow a type name across modules. */
  | { readonly t: 'types'; readonly file: string; readonly fn: null; readonly decls: Readonly<Record<string, TypeShape>>; readonly imports: Readonly<Record<string, { readonly specifier: string; readonly name: string }>> }
  /** A request's answer given a declared type by name (`axios.get<User>(…)`, `const u: User = await res.json()`); `typed`: the call's type argument. */
  | { readonly t: 'typed'; readonly file: string; readonly fn: string | null; readonly call: Span; readonly via: 'result' | 'json' | 'data' | 'typed'; readonly type: string; readonly span: Span }
  /** A class that may be a view (DRF): the relation reads its answer per action for the routes whose handler names it. */
  | { readonly t: 'view'; readonly file: string; readonly fn: null; readonly cls: string }
  /**
   * A function that may be a route handler (Rust): the struct its JSON body is read into (`Json<T>`), and
   * the structs its answers serialize (`success`; `open`: why some answer cannot be seen), `errors` when
   * answers with an error status were left out. The relation reads them for the routes whose handler it is.
   */
  | { readonly t: 'handler'; readonly file: string; readonly fn: string; readonly request: Sym | null; readonly success: readonly Sym[]; readonly open: string | null; readonly errors: boolean }
  /** The file's project renders and parses JSON keys in camelCase (djangorestframework-camel-case). */
  | { readonly t: 'case'; readonly file: string; readonly fn: null; readonly style: 'camel' };


/** A declared TS object type: its required properties with where each is declared, or why it is not plain. */
export interface TypeShape {
  readonly fields: readonly { readonly name: string; readonly span: Span }[] | null;
  readonly why: string | null;
}

/** The fields a handler reads off its request body (`req.body.name`), or why they cannot all be seen. */
export interface RequestBody {
  readonly fields: readonly string[];
  readonly open: string | null;
}
