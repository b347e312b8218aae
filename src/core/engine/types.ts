/**
 * The engine's shared shapes: options, progress, cancellation, and the per-file cache entry that
 * carries a file from loading (gate) through facts (parse + extract) between runs.
 */
import type { Config } from '../config';
import type { FileSystem } from '../fs';
import type { BackendDecl, ClientDecl, ContributionKind, DocDecl, EventDecl, SchemaDecl } from '../frameworks/types';
import type { JsParser } from '../lang/js/parser';
import type { FactsStore } from './factsCache';
import type { Project } from '../project/projects';
import type { TsConfigPaths } from '../resolve/modules';
import type { ModuleFacts } from '../resolve/sym';
import type { AnalysisNote, SkippedFile } from '../types';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export interface Progress {
  readonly phase: 'listing' | 'parsing' | 'linking' | 'matching';
  readonly done: number;
  readonly total: number;
}

export interface AnalyzeOptions {
  /** Absolute path of the workspace root (used only for the result's `root`). */
  readonly root: string;
  readonly fs: FileSystem;
  readonly config?: Config;
  /** Root-relative path of the config file in use, for notes. */
  readonly configFile?: string | null;
  readonly signal?: AbortSignal;
  readonly log?: Logger;
  readonly onProgress?: (p: Progress) => void;
  readonly jsParser?: JsParser;
  /**
   * Root-relative paths whose content may have changed since this Analyzer's previous run, when
   * nothing else did (no file created or deleted; no manifest, tsconfig, .gitignore or configuration
   * change): the file list and projects are reused and only these files are read again (the editor's
   * edits). Absent: everything is listed and checked again.
   */
  readonly changed?: readonly string[];
  /** Parse results kept between processes (the CLI's on-disk cache); written at the end of a run. */
  readonly factsCache?: FactsStore;
  /**
   * One-shot runs with a facts store keep their whole result with what the file system answered, and
   * return it while every answer is the same (engine/runMemo.ts); false turns that off. Default true.
   */
  readonly runMemo?: boolean;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'AnalysisCancelled';
  }
}

export const NOOP_LOG: Logger = { info() {}, warn() {}, debug() {} };

/** The declaration type of each contribution kind. */
export interface DeclOf {
  readonly routes: BackendDecl;
  readonly requests: ClientDecl;
  readonly events: EventDecl;
  readonly docsSource: DocDecl;
  readonly schemas: SchemaDecl;
}

/** A file's declarations: contribution kind → framework id → declarations. */
export type FileDecls = { readonly [K in ContributionKind]: Readonly<Record<string, readonly DeclOf[K][]>> };

/**
 * What parsing one file leaves for the passes: plain, JSON-serialisable data (the unit of the on-disk
 * facts cache). The language facts contributions read (calls, markup) are dropped after extraction;
 * only the module facts the evaluator reads are kept.
 */
export interface Parsed {
  readonly module: ModuleFacts;
  readonly decls: FileDecls;
  /** Notes on the file from parsing and its contributions (tolerated syntax errors …). */
  readonly notes: readonly AnalysisNote[];
  /** Workspace-level warnings (a contribution that threw), reported in every run that uses the file. */
  readonly warnings: readonly AnalysisNote[];
}

/**
 * One file's state, cached between runs while its size, mtime (or text) and gating are unchanged.
 * Loading (read, decode, gate) happens for every source file; parsing only for the files a run uses.
 */
export interface Entry {
  readonly key: string;
  readonly path: string;
  /** Id of the language pack that reads it. */
  readonly language: string;
  /** Decoded text (null when the file was skipped while loading). */
  readonly text: string | null;
  /** A digest of the file's bytes, when it was read with a facts store (the facts key's stand-in for the text). */
  readonly digest?: string;
  parsed: Parsed | null;
  /** Why parsing failed, when it did. */
  failed: SkippedFile | null;
  /** Contributions whose `accepts` passed, as `<kind>:<framework id>`. */
  readonly accepting: readonly string[];
  /** True when a non-lazy contribution accepts it: it is parsed in the first pass. */
  readonly eager: boolean;
  /** Why the file was not analysed at all (too large, undecodable, generated). */
  readonly skipped: SkippedFile | null;
  /** Notes from loading (encodings). */
  readonly notes: readonly AnalysisNote[];
  /** Whether the text mentions a wrapper, by search pattern: kept with the entry, so an edit run searches only changed files. */
  mentions?: Map<number, boolean>;
}

/** What the last run learnt about the workspace's layout (for quick fixes). */
export interface WorkspaceLayout {
  readonly projects: readonly Project[];
  readonly tsconfigs: ReadonlyMap<string, TsConfigPaths>;
  readonly files: ReadonlySet<string>;
}

/** The per-run services every pass may use. */
export interface RunContext {
  readonly opts: AnalyzeOptions;
  readonly config: Config;
  readonly log: Logger;
  readonly jsParser: JsParser;
  /** Workspace-level notes (per-file notes live on entries). */
  readonly notes: AnalysisNote[];
  /** Folders the listing left out (per-file skipped records live on entries). */
  readonly skipped: SkippedFile[];
  /** Throws {@link AnalysisCancelled} when the run was cancelled. */
  check(): void;
  /**
   * A cooperative pause point for long loops: once a slice of synchronous work has run (a few tens of
   * milliseconds), yields to the event loop (so an editor's hover or a cancellation gets in) and then
   * checks for cancellation; otherwise resolves at once.
   */
  pause(): Promise<void>;
  progress(phase: Progress['phase'], done: number, total: number): void;
}
