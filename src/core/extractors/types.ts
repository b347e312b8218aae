/**
 * The extractor plugin interface. An extractor is a plain object, default-exported from a file named
 * after its id. It declares a cheap project gate (`detect`), a cheap per-file gate (`accepts`), and a
 * pure `extract` from one parsed file to serialisable declarations. Cross-file work happens in `link`
 * (backends: router prefixes and mounts) or `resolve` (frontends: URLs, instances, wrappers), both of
 * which get an evaluator over every module's facts. Extractors never read files.
 */
import type { Evaluator, FnRef, Value } from '../resolve/evaluate';
import type { Sym } from '../resolve/sym';
import type { EndpointKind, MethodOrAny, Span } from '../types';
import type { JsFileFacts } from '../lang/js/facts';
import type { PyFileFacts } from '../lang/python/facts';
import type { Project } from '../project/projects';

export type Language = 'python' | 'js';
export type Capability = 'pathParams' | 'prefixes' | 'mounts' | 'websocket' | 'crossModule' | 'envBase' | 'instances' | 'wrappers';

export interface FileRef {
  /** Root-relative POSIX path. */
  readonly path: string;
  /** Lower-case extension with the dot (`.py`, `.tsx`). */
  readonly ext: string;
  readonly project: Project;
  /** Path relative to the project's root. */
  readonly inProject: string;
}

export interface ParsedFile {
  readonly ref: FileRef;
  readonly text: string;
  readonly js?: JsFileFacts;
  readonly py?: PyFileFacts;
}

export interface ExtractContext {
  /** Record an observation about the file (a dynamic path, an unresolved prefix); never throws. */
  note(message: string, span?: Span): void;
}

interface ExtractorBase<Decl> {
  /** kebab-case, equal to the file name, stable: used in settings, fixtures and diagnostics' source. */
  readonly id: string;
  readonly title: string;
  readonly languages: readonly Language[];
  readonly docs?: string;
  readonly supports: Readonly<Partial<Record<Capability, boolean>>>;
  /** Manifest-level gate, no parsing. */
  detect(project: Project): boolean;
  /** Extension and marker-regex gate, no parsing. */
  accepts(file: FileRef, text: string): boolean;
  /** Pure; a throw marks the file skipped for this extractor and is recorded. */
  extract(file: ParsedFile, ctx: ExtractContext): Decl[];
}

// ------------------------------------------------------------------ backends

export interface RouteDecl {
  readonly t: 'route';
  readonly file: string;
  /** Enclosing function of the registration (its locals and params are in scope for `owner`/`path`). */
  readonly fn: string | null;
  readonly kind: EndpointKind;
  readonly methods: readonly MethodOrAny[];
  /** Path as written, relative to `owner`'s mount point. */
  readonly path: Sym;
  /** The app/router the route is registered on; null when the path is already absolute (file-system routes). */
  readonly owner: Sym | null;
  readonly handler: string | null;
  readonly span: Span;
}

/** `parent.include_router(child, prefix=...)`, `parent.use('/prefix', child)`. */
export interface MountDecl {
  readonly t: 'mount';
  readonly file: string;
  readonly fn: string | null;
  readonly parent: Sym;
  readonly child: Sym;
  readonly prefix: Sym | null;
  readonly span: Span;
}

/** A port the service listens on (`uvicorn.run(app, port=8000)`, `app.listen(3001)`). */
export interface PortDecl {
  readonly t: 'port';
  readonly file: string;
  readonly fn: string | null;
  readonly port: Sym;
}

export type BackendDecl = RouteDecl | MountDecl | PortDecl;

/** A route after linking: absolute path in the framework's syntax. */
export interface LinkedRoute {
  readonly file: string;
  readonly span: Span;
  readonly kind: EndpointKind;
  readonly method: MethodOrAny;
  readonly path: string;
  readonly handler: string | null;
  readonly confidence: 'exact' | 'partial';
  readonly notes: readonly string[];
}

export interface LinkContext {
  readonly evaluator: Evaluator;
  /** String parts of a symbol evaluated in `file` (inside function `fn`); unknown pieces become `{name}`. */
  pathText(sym: Sym, file: string, fn: string | null): { text: string; unresolved: string[] };
  value(sym: Sym, file: string, fn: string | null): Value;
}

export interface BackendExtractor extends ExtractorBase<BackendDecl> {
  readonly kind: 'backend';
  /** Cross-file pass: prefixes and mounts → absolute routes. Gets the declarations of every file. */
  link(decls: readonly BackendDecl[], ctx: LinkContext): LinkedRoute[];
  /** Port a service of this framework listens on when nothing says otherwise. */
  readonly defaultPort?: number;
}

// ------------------------------------------------------------------ frontends

/** A call that may issue a request; what it is is decided in `resolve`, with every module in view. */
export interface ClientDecl {
  readonly file: string;
  readonly fn: string | null;
  readonly span: Span;
  readonly anchor: Span;
  readonly callee: Sym;
  readonly args: readonly Sym[];
}

export interface RequestSpec {
  /** `fetch`, `axios`, `axios:api`, or a wrapper's name. */
  readonly client: string;
  readonly kind: EndpointKind;
  /** A string value (`GET`), or a method-less value resolved by the engine (default `defaultMethod`). */
  readonly method: Value | null;
  readonly defaultMethod: MethodOrAny;
  readonly url: Value;
  /** A base URL joined in front of `url` unless `url` is absolute (axios `baseURL`). */
  readonly base: Value | null;
  /** How the URL was built, outermost first (`apiCall`, `API_URL`). */
  readonly via: readonly string[];
  /** The wrapper function this request was instantiated from, for wrapper call sites. */
  readonly wrapper?: FnRef;
}

/** A function whose parameter shapes a request: its call sites are the calls. */
export interface WrapperTemplate {
  readonly fn: FnRef;
  readonly name: string;
  readonly spec: RequestSpec;
}

export interface ResolveContext {
  readonly evaluator: Evaluator;
  value(sym: Sym, decl: ClientDecl): Value;
  /** The wrapper template of a function, once the engine has found it to be one. */
  wrapper(fn: FnRef): WrapperTemplate | undefined;
}

export interface FrontendExtractor extends ExtractorBase<ClientDecl> {
  readonly kind: 'frontend';
  /** Decide whether a recorded call issues a request, and build it. Null: not a request. */
  resolve(decl: ClientDecl, ctx: ResolveContext): RequestSpec | null;
}

export type Extractor = BackendExtractor | FrontendExtractor;

export function defineBackendExtractor(e: Omit<BackendExtractor, 'kind'>): BackendExtractor {
  return { kind: 'backend', ...e };
}

export function defineFrontendExtractor(e: Omit<FrontendExtractor, 'kind'>): FrontendExtractor {
  return { kind: 'frontend', ...e };
}
