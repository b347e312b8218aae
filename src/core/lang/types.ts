/**
 * The language layer: one pack per language under `lang/<language>/`, behind one registry. A pack
 * says which files it reads, parses each once into facts (module bindings and imports for the
 * evaluator, plus the per-language facts that framework contributions read), and resolves its module
 * specifiers. The engine never branches on a language by name.
 */
import type { JsParser } from './js/parser';
import type { JsFileFacts } from './js/facts';
import type { PyFileFacts } from './python/facts';
import type { GoFileFacts } from './go/facts';
import type { RsFileFacts } from './rust/facts';
import type { GrammarName, TsParser } from '../parse/treeSitter';
import type { ModuleFacts } from '../resolve/sym';
import type { TsConfigPaths } from '../resolve/modules';
import type { Language, MarkupFacts } from '../frameworks/types';
import type { Project } from '../project/projects';

/** What parsing one file yields. */
export interface LanguageFacts {
  readonly module: ModuleFacts;
  readonly js?: JsFileFacts;
  readonly py?: PyFileFacts;
  readonly rs?: RsFileFacts;
  readonly go?: GoFileFacts;
  readonly markup?: MarkupFacts;
  /** Observations worth a note on the file (tolerated syntax errors, skipped blocks). */
  readonly notes: readonly string[];
}

/** What a pack may use while parsing. */
export interface ParseEnv {
  readonly jsParser: JsParser;
  /**
   * A tree-sitter parser for one of the pack's grammars. The engine loads a pack's grammars before it
   * parses the pack's first file, so parsing itself is synchronous (modules are parsed on demand, in
   * the middle of an evaluation); throws when the grammar could not be loaded.
   */
  grammar(name: GrammarName): TsParser;
  /**
   * True when no contribution accepts the file: only the evaluator reads it (its `module` facts, for an
   * imported value), so a pack may skip the facts only contributions read (calls, decorators).
   */
  readonly valuesOnly?: boolean;
}

/** Why a file could not be parsed at all; the file becomes a skipped record with this reason. */
export class ParseFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ParseFailure';
  }
}

/** Module resolution for one language, over the workspace's files. */
export interface ModuleResolver {
  /** The workspace file a specifier imported from `from` names, or null (a package, or not found). */
  resolve(from: string, specifier: string): string | null;
  /** Is the specifier meant to be a workspace module (relative, aliased, a local package)? */
  isWorkspaceSpecifier(from: string, specifier: string): boolean;
  /**
   * Languages whose `from pkg import name` may name a submodule (Python): the specifier of that
   * submodule. Absent where imported names are never modules.
   */
  submodule?(specifier: string, name: string): string;
}

export interface ResolverEnv {
  readonly files: ReadonlySet<string>;
  readonly tsconfigs: ReadonlyMap<string, TsConfigPaths>;
  /** Is a path a source file of any language pack (for extension probing)? */
  isSource(path: string): boolean;
  /** The workspace's own packages (a monorepo's `@scope/pkg`): package name → its root folder. */
  readonly packages?: ReadonlyMap<string, string>;
  /** Rust package names (`-` read as `_`) → the folder of their `Cargo.toml`, for `my_crate::…` paths. */
  readonly crates?: ReadonlyMap<string, string>;
  /** The workspace's projects (their manifests' module paths, for Go imports). */
  readonly projects?: readonly Project[];
}

export interface LanguageSupport {
  /** Folder name under `lang/`, stable (`js`, `python`, `markup`). */
  readonly id: string;
  readonly title: string;
  /** Lower-case extensions with the dot. */
  readonly extensions: readonly string[];
  /** The contribution languages whose facts this pack offers (a markup file offers its scripts as `js`). */
  readonly offers: readonly Language[];
  /** tree-sitter grammars the build must ship (`dist/wasm/tree-sitter-<name>.wasm`). */
  readonly grammars: readonly GrammarName[];
  /** The pack whose module resolver serves this pack's files (default: its own). */
  readonly modulesOf?: string;
  /** A reason to skip a file as generated (minified bundles), or null. */
  generated?(path: string, text: string): string | null;
  /** Parse once and build facts (synchronously); throws {@link ParseFailure} when nothing can be read. */
  parse(path: string, text: string, env: ParseEnv): LanguageFacts;
  /** Module resolution, when the language has modules the evaluator should follow. */
  createResolver?(env: ResolverEnv): ModuleResolver;
}
