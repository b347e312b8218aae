/**
 * The extractor plugin interface. An extractor is a plain object, default-exported from a file named
 * after its id. It declares a cheap project gate (`detect`), a cheap per-file gate (`accepts`), and a
 * pure `extract` from one parsed file to serialisable declarations. Cross-file work happens in `link`
 * (backends: router prefixes and mounts) or `resolve` (frontends: URLs, instances, wrappers), both of
 * which get an evaluator over every module's facts. Extractors never read files.
 */
import type { StubContribution } from '../fixes/stubText';
import type { Evaluator, FnRef, Value } from '../resolve/evaluate';
import type { Sym } from '../resolve/sym';
import type { Span } from '../types';
import type { JsFileFacts } from '../lang/js/facts';
import type { PyFileFacts } from '../lang/python/facts';
import type { GoFileFacts } from '../lang/go/facts';
import type { RsFileFacts } from '../lang/rust/facts';
import { hasDependency, type Project } from '../project/projects';
import type { MarkupElement, MarkupKind } from '../lang/markup/elements';
import { canonicalSyntax, type PathSyntax } from '../match/path';
import type { DocDecl, EventDecl, EventFact } from './contractDecls';
import type { SchemaDecl } from './schemas';

/** The language whose facts a contribution reads (a markup file offers its script blocks as `js`). */
export type Language = 'python' | 'js' | 'markup' | 'rust' | 'go';
export type Capability = 'pathParams' | 'prefixes' | 'mounts' | 'websocket' | 'crossModule' | 'envBase' | 'instances' | 'wrappers';

export interface FileRef {
  /** Root-relative POSIX path. */
  readonly path: string;
  /** Lower-case extension with the dot (`.py`, `.tsx`, `.vue`). */
  readonly ext: string;
  readonly project: Project;
  /** Path relative to the project's root. */
  readonly inProject: string;
  /** Id of the language pack that reads the file (`js`, `python`, `markup`). */
  readonly language: string;
}

export interface ParsedFile {
  readonly ref: FileRef;
  readonly text: string;
  readonly js?: JsFileFacts;
  readonly py?: PyFileFacts;
  readonly rs?: RsFileFacts;
  readonly go?: GoFileFacts;
  /** The markup of `.html`/`.vue`/`.svelte`/`.astro` files (their scripts are in `js`). */
  readonly markup?: MarkupFacts;
}

/** Markup facts: every start tag with its attributes, outside scripts, styles and comments. */
export interface MarkupFacts {
  readonly kind: MarkupKind;
  readonly elements: readonly MarkupElement[];
}

export interface ExtractContext {
  /** Record an observation about the file (a dynamic path, an unresolved prefix); never throws. */
  note(message: string, span?: Span): void;
}

/** What every contribution has: a cheap per-file gate and a pure extraction from one parsed file. */
interface Contribution<Decl> {
  /** The languages whose facts `extract` reads. */
  readonly languages: readonly Language[];
  /** Extension, path and marker-regex gate, no parsing. */
  accepts(file: FileRef, text: string): boolean;
  /** Pure; a throw is recorded as a note on the file and the framework's other files still count. */
  extract(file: ParsedFile, ctx: ExtractContext): Decl[];
}

// ------------------------------------------------------------------ backends

export type { RouteDecl, MountDecl, PortDecl, ConfDecl, ViewDecl, PassDecl, BackendDecl, LinkedRoute, DocumentedAs } from './backendDecls';
import type { BackendDecl, LinkedRoute } from './backendDecls';

export interface LinkContext {
  readonly evaluator: Evaluator;
  /** String parts of a symbol evaluated in `file` (inside function `fn`); unknown pieces become `{name}`. */
  pathText(sym: Sym, file: string, fn: string | null, params?: readonly Value[] | null): { text: string; unresolved: string[]; variants?: readonly string[] };
  /** The same for a value already evaluated (`sym`, its source, names a part that is not a string). */
  valueText(v: Value, sym?: Sym): { text: string; unresolved: string[] };
  /** `params`: argument values for `fn`'s parameters (a helper instantiated at a call). */
  value(sym: Sym, file: string, fn: string | null, params?: readonly Value[] | null): Value;
}

/** Routes a framework serves: per-file declarations, linked across files into absolute routes. */
export interface RoutesContribution extends Contribution<BackendDecl> {
  /** Cross-file pass: prefixes and mounts → absolute routes. Gets the declarations of every file. */
  link(decls: readonly BackendDecl[], ctx: LinkContext): LinkedRoute[];
  /** Also read files its gate rejects that import and call one of its route helpers (engine/routeHelpers.ts). */
  readonly helperCallers?: boolean;
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
  /** Not a call: a base set for requests made elsewhere (`callee`: the client, `args[0]`: the value), read by `setting`. */
  readonly setting?: true;
  /** For a setting: the name it gives a client on every component of the project (`this.$http`). */
  readonly global?: string;
}

/**
 * A base URL set in one place for a client's requests made in other files: `axios.defaults.baseURL = …`,
 * `api.defaults.baseURL = …`, an Angular interceptor that prefixes `req.url`. The engine applies it to
 * the requests whose `sharedBase.key` names that client.
 */
export interface SharedBase {
  readonly key: string;
  /** The base; null when it cannot be evaluated or is set on some paths only (`why` says which). */
  readonly value: Value | null;
  readonly why?: string;
  /** `project`: applies in the setter's project only (a global client); `client`: wherever the client is used (an instance). */
  readonly scope: 'project' | 'client';
  /**
   * `join`: axios-style (one slash between); `concat`: text put in front (`environment.apiUrl + req.url`);
   * `same`: no base, a value the request's client must be (a context's provider: the client read from it);
   * `store`: the value of a store's key (`config.set("url", …)`), filling the URL's reads of it.
   */
  readonly mode: 'join' | 'concat' | 'same' | 'store';
  /** How the setting is named in reasons and `via` (`axios.defaults.baseURL`, `ApiInterceptor`). */
  readonly label: string;
}

export type { RequestSpec, WrapperTemplate } from './requestSpec';
import type { RequestSpec, WrapperTemplate } from './requestSpec';

export interface ResolveContext {
  readonly evaluator: Evaluator;
  value(sym: Sym, decl: ClientDecl): Value;
  /** The wrapper template of a function, once the engine has found it to be one. */
  wrapper(fn: FnRef): WrapperTemplate | undefined;
  /** The request a call of `fn` (its client {@link RequestSpec.deferred}) makes with these arguments, receiver and closure; null: none. */
  bound?(fn: Extract<Value, { t: 'fn' }>, args: readonly Value[]): RequestSpec | null;
  /** The values `this.<name>` is given on every component of the file's project (`Vue.prototype.$http = …`), with where. */
  globalClients?(file: string, name: string): ReadonlyArray<{ readonly value: Value; readonly file: string }>;
}

/** Requests a client library (or a pattern such as wrapper functions) makes. */
export interface RequestsContribution extends Contribution<ClientDecl> {
  /** Decide whether a recorded call issues a request, and build it. Null: not a request. */
  resolve(decl: ClientDecl, ctx: ResolveContext): RequestSpec | null;
  /**
   * Files accepted only by a lazy contribution are parsed on demand: by the wrapper pass, when they
   * mention a function found to wrap a request.
   */
  readonly lazy?: boolean;
  /** The base a `setting` declaration sets (null: none after all). */
  setting?(decl: ClientDecl, ctx: ResolveContext): SharedBase | null;
}

// ------------------------------------------------------------------ events, docs, schemas

export type { ArgShape, DocDecl, EventDecl, EventFact } from './contractDecls';
export type { SchemaDecl, TypeShape } from './schemas';

export interface EventsContribution extends Contribution<EventDecl> {
  link(decls: readonly EventDecl[], ctx: LinkContext): EventFact[];
}

export interface DocsContribution extends Contribution<DocDecl> {
  link(decls: readonly DocDecl[]): DocDecl[];
}

export interface SchemasContribution extends Contribution<SchemaDecl> {
  link?(decls: readonly SchemaDecl[]): SchemaDecl[];
}

// ------------------------------------------------------------------ the plugin

/** How a framework is recognised in a project's manifests. */
export interface Detection {
  /** Manifest dependencies (package.json, pyproject/requirements, Cargo.toml, go.mod, …). */
  readonly deps: readonly string[];
  /** The framework's usual development port, for telling its URLs from other local servers. */
  readonly defaultPort?: number;
  /**
   * Note a project that depends on the framework but has none of its routes (default true). Off for
   * frameworks that frontends depend on without serving an API (Next.js).
   */
  readonly noteWhenNoRoutes?: boolean;
}

/**
 * A framework plugin: one folder under `frameworks/<language>/<id>/`. It owns its detection, the path
 * syntax of its routes, and what it contributes. A plugin with no contribution is recognised but not
 * indexed: its projects get a note, and calls that may target them are not reported missing.
 */
export interface Framework {
  /** kebab-case, equal to the folder name, stable: used in settings, fixtures and reports. */
  readonly id: string;
  readonly title: string;
  /** The language folder the plugin lives in. */
  readonly language: 'python' | 'js' | 'markup' | 'rust' | 'go' | 'ruby' | 'java';
  readonly docs?: string;
  readonly supports: Readonly<Partial<Record<Capability, boolean>>>;
  readonly detection: Detection;
  /** Manifest-level gate, no parsing (default: one of `detection.deps` is a dependency). */
  detect(project: Project): boolean;
  /** Reads a linked route's path (in this framework's syntax) into the shared template model. */
  readonly pathSyntax: PathSyntax;
  readonly routes?: RoutesContribution;
  readonly requests?: RequestsContribution;
  readonly events?: EventsContribution;
  readonly docsSource?: DocsContribution;
  readonly schemas?: SchemasContribution;
  /** Quick fixes: a "not implemented" handler for a new route, written in this framework's style (`<id>/stub.ts`). */
  readonly stub?: StubContribution;
}

export type ContributionKind = 'routes' | 'requests' | 'events' | 'docsSource' | 'schemas';
export const CONTRIBUTION_KINDS: readonly ContributionKind[] = ['routes', 'requests', 'events', 'docsSource', 'schemas'];

/** Is the framework indexed (does it contribute anything)? */
export function isIndexed(f: Framework): boolean {
  return CONTRIBUTION_KINDS.some((k) => f[k] !== undefined);
}

type FrameworkInput = Omit<Framework, 'detect' | 'pathSyntax'> & { detect?: Framework['detect']; pathSyntax?: PathSyntax };

export function defineFramework(f: FrameworkInput): Framework {
  return {
    ...f,
    detect: f.detect ?? ((p: Project) => f.detection.deps.some((d) => hasDependency(p, d))),
    pathSyntax: f.pathSyntax ?? canonicalSyntax,
  };
}
