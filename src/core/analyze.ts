/**
 * The engine: typed passes wired together. workspace → files (gate; parse once and extract the files
 * an eager contribution accepts) → routes → requests (wrapper discovery to a fixpoint) → services →
 * the http relation → rules and results. Imported modules are parsed on demand, when the evaluator
 * first reads them. Pure apart from the FileSystem it is given; per-file failures become records. An
 * {@link Analyzer} keeps per-file results between runs (keyed by size/mtime, or content for editor
 * buffers), so the language server re-parses only what changed.
 */
import { DEFAULT_CONFIG } from './config';
import { FileCache, FileStore } from './engine/files';
import { OutcomeMemo, RequestResolution, type RequestIndex, type RequestReuse } from './engine/requests';
import { editReusesOutcomes } from './engine/affected';
import { assembleResult } from './engine/results';
import { linkOrReuse, type LinkMemo } from './engine/routes';
import { buildServices } from './engine/services';
import { AnalysisCancelled, NOOP_LOG, type AnalyzeOptions, type Progress, type RunContext, type WorkspaceLayout } from './engine/types';
import { mapPool, timeSlicer } from './engine/pool';
import { parseWrapperCallers } from './engine/wrappers';
import { memoisedRun } from './engine/runMemo';
import { parseRouteHelperCallers } from './engine/routeHelpers';
import { withPageBases } from './engine/pageBases';
import { loadWorkspace, type Workspace } from './engine/workspace';
import { languageById, languageOf } from './lang/registry';
import type { ModuleResolver } from './lang/types';
import { estreeParser } from './lang/js/parser';
import { runRelations } from './relations/registry';
import { WorkspaceProgram } from './resolve/modules';
import type { ModuleFacts } from './resolve/sym';
import type { AnalysisResult } from './types';
import { pushTo } from './multimap';

export { AnalysisCancelled, type AnalyzeOptions, type Logger, type Progress, type WorkspaceLayout } from './engine/types';

const MAX_WRAPPER_ROUNDS = 5;
/**
 * Files loaded at once. The node file system reads synchronously (faster for many small files), so this
 * only matters for file systems that really wait; it bounds the reads in flight.
 */
const LOAD_CONCURRENCY = 16;

/** Is the path a file some language pack reads? */
export function isSourceFile(path: string): boolean {
  return languageOf(path) !== null;
}

/**
 * One-shot analysis. With a facts store, an unchanged workspace gets the stored result of its last run
 * (engine/runMemo.ts: every file-system answer is checked again first).
 */
export async function analyzeWorkspace(options: AnalyzeOptions): Promise<AnalysisResult> {
  return memoisedRun(options, (opts) => new Analyzer().analyze(opts), options.runMemo === false);
}

export class Analyzer {
  private readonly cache = new FileCache();
  private lastLayout: WorkspaceLayout | null = null;
  /**
   * The file list, projects and aliases of the last run, with the configuration they were read with, and
   * the module resolution over them (kept while they are reused).
   */
  private lastWorkspace: { readonly ws: Workspace; readonly config: string; readonly resolution: Resolution } | null = null;
  /** Each relation's state from the last run (the http relation's memoised match outcomes). */
  private readonly relationStates = new Map<string, unknown>();
  /** Each request declaration's outcome in the last run, reused by edit runs where nothing it reads changed. */
  private readonly lastRequests = new OutcomeMemo();
  /** The last run's link and what it read: an edit run that cannot have changed the routes reuses it. */
  private lastLink: LinkMemo | null = null;
  /**
   * The files the last run used (parsed, or read from the cache): an edit run that reuses outcomes uses
   * them too. They are also the next run's prefetch: the link and the evaluator parse imported modules
   * on demand, synchronously (plane: one request's import chain parsed 100+ modules in one 0.7 s step,
   * a Django link 108 modules in 0.8 s); the next run parses them first, between pauses. Only a hint: a
   * prefetched module is not counted as used unless the run reads it again. Kept by {@link clear}, which
   * forgets results, not the layout's habits.
   */
  private lastUsed: readonly string[] = [];

  /** Projects, tsconfig aliases and files seen by the last completed analysis. */
  layout(): WorkspaceLayout | null {
    return this.lastLayout;
  }

  /** Every parsed module under a folder. */
  modulesUnder(root: string): ModuleFacts[] {
    const out: ModuleFacts[] = [];
    for (const e of this.cache.values()) if (e.parsed && (root === '.' || e.path.startsWith(root + '/'))) out.push(e.parsed.module);
    return out.sort((a, b) => a.file.localeCompare(b.file));
  }

  /** Forget cached results (after a config change that alters gating). */
  clear(): void {
    this.cache.clear();
    this.lastWorkspace = null;
    this.lastLink = null;
    this.lastRequests.forget();
  }

  /**
   * Start the run again once the grammars it missed are loaded: a warm run loads none (its files come
   * from the facts cache) until a module read on demand is not in the cache (FileStore.missingGrammars).
   * The files read so far keep their facts; only requests resolved in the abandoned run are forgotten.
   */
  private async again(opts: AnalyzeOptions, store: FileStore): Promise<AnalysisResult> {
    await this.cache.loadGrammars(store.missingGrammars);
    this.lastLink = null;
    this.lastRequests.forget();
    return this.analyze(opts);
  }

  async analyze(opts: AnalyzeOptions): Promise<AnalysisResult> {
    const ctx = runContext(opts);
    const { ws, resolution, reused } = await this.workspace(ctx);
    const store = new FileStore(ctx, ws, this.cache);
    const moduleReads = new Set<string>();
    const load = (file: string) => {
      moduleReads.add(file);
      return store.module(file);
    };
    const program = new WorkspaceProgram(resolution.resolverOf, load, resolution.resolved, folderIndex(ws.files));
    const sources = await this.parseFiles(ctx, ws, store, reused ? new Set(opts.changed) : null);
    for (const file of this.lastUsed) if (await store.prefetch(file)) await ctx.pause();
    await parseRouteHelperCallers(ctx, store, program);
    ctx.progress('linking', 0, 1);
    this.lastLink = linkOrReuse(ctx, store, program, ws.projects, moduleReads, reused ? (opts.changed ?? []) : null, this.lastLink);
    const routes = this.lastLink.index;
    if (store.missingGrammars.size) return this.again(opts, store);
    ctx.check();
    const changed = opts.changed ?? [];
    const reuse = { memo: this.lastRequests, changed: reused && editReusesOutcomes(changed, store) ? new Set(changed) : null };
    this.lastRequests.begin();
    const { index: requests, reusedReads } = await discoverRequests(ctx, store, program, ws, reuse);
    // A reused outcome read modules this run did not evaluate again: they count as used (their parse notes
    // are reported), as in a full run.
    for (const file of reusedReads) store.module(file);
    if (store.missingGrammars.size) return this.again(opts, store);
    this.lastRequests.commit();
    ctx.check();
    ctx.progress('matching', 0, 1);
    const services = await buildServices(ctx, routes, ws.projects);
    const relations = await runRelations({ ctx, store, program, projects: ws.projects, services, requests }, this.relationStates);
    if (store.missingGrammars.size) return this.again(opts, store);
    const result = assembleResult(ctx, store, services, relations, sources, ws.projects);
    this.lastLayout = { projects: ws.projects, tsconfigs: ws.tsconfigs, files: new Set(ws.files) };
    this.lastUsed = store.usedPaths();
    await opts.factsCache?.flush();
    ctx.progress('matching', 1, 1);
    return result;
  }

  /** The workspace: the last run's when only file contents changed since (`changed`), else listed again. */
  private async workspace(ctx: RunContext): Promise<{ ws: Workspace; resolution: Resolution; reused: boolean }> {
    const config = JSON.stringify(ctx.config);
    const last = this.lastWorkspace;
    if (ctx.opts.changed && last && last.config === config) return { ...last, reused: true };
    const ws = await loadWorkspace(ctx);
    this.lastWorkspace = { ws, config, resolution: resolution(ws) };
    return { ...this.lastWorkspace, reused: false };
  }

  /**
   * Load and gate every source file (reads run concurrently, a few at a time; only the `changed` ones
   * when the file list was reused), then parse those an eager contribution accepts, in file order:
   * they are the run's first sources. Returns how many files were scanned.
   */
  private async parseFiles(ctx: RunContext, ws: Workspace, store: FileStore, changed: ReadonlySet<string> | null): Promise<number> {
    const { sources, sourceSet } = sourceFiles(ws);
    let loaded = 0;
    const tick = () => {
      if (++loaded % 200 === 0) ctx.progress('parsing', Math.floor(loaded / 2), sources.length);
    };
    const loadOne = async (path: string) => {
      const e = await store.load(path);
      tick();
      await ctx.pause();
      return e;
    };
    // After an edit (`changed`), only the changed files are read again (one by one: a few); the others keep
    // their entries, taken without an await each (plane: 4,000 awaits per edit).
    const entries = changed ? [] : await mapPool(sources, LOAD_CONCURRENCY, loadOne);
    if (changed) {
      for (const path of sources) {
        const kept = changed.has(path) ? undefined : this.cache.get(path);
        if (kept) tick();
        entries.push(kept ?? (await loadOne(path)));
      }
    }
    const eager = entries.filter((e) => e?.eager);
    for (let i = 0; i < eager.length; i++) {
      if (!eager[i]!.parsed) await store.prepareGrammars(eager[i]!);
      store.addSource(eager[i]!);
      if (i % 20 === 19) ctx.progress('parsing', Math.round(sources.length / 2 + (i / eager.length) * (sources.length / 2)), sources.length);
      await ctx.pause();
    }
    ctx.progress('parsing', sources.length, sources.length);
    this.cache.prune(sourceSet);
    store.saveGates(sourceSet);
    return sources.length;
  }
}

/** The source files of a workspace, listed once per file list (edit runs reuse the list). */
const sourcesOf = new WeakMap<Workspace, { sources: readonly string[]; sourceSet: ReadonlySet<string> }>();

function sourceFiles(ws: Workspace): { sources: readonly string[]; sourceSet: ReadonlySet<string> } {
  let hit = sourcesOf.get(ws);
  if (!hit) {
    const sources = ws.files.filter(isSourceFile);
    sourcesOf.set(ws, (hit = { sources, sourceSet: new Set(sources) }));
  }
  return hit;
}

/** Requests, with wrapper discovery pulling in (and parsing) files that call a wrapper. */
async function discoverRequests(ctx: RunContext, store: FileStore, program: WorkspaceProgram, ws: Workspace, reuse: RequestReuse): Promise<{ index: RequestIndex; reusedReads: Set<string> }> {
  const resolution = new RequestResolution(ctx, store, program, reuse);
  await resolution.settle();
  for (let round = 0; round < MAX_WRAPPER_ROUNDS; round++) {
    if ((await parseWrapperCallers(ctx, store, program, resolution.wrappers)) === 0) break;
    await resolution.settle();
  }
  const index = await resolution.finish(ws.env);
  resolution.rememberInert();
  // `api/x` is read against the `<base href>` of the pages that run it (see pageBases.ts).
  const drafts = await withPageBases(ctx, ws.files, ws.projects, index.drafts);
  return { index: { ...index, drafts }, reusedReads: resolution.reusedReads() };
}

function runContext(opts: AnalyzeOptions): RunContext {
  const check = () => {
    if (opts.signal?.aborted) throw new AnalysisCancelled();
  };
  return {
    opts,
    config: opts.config ?? DEFAULT_CONFIG,
    log: opts.log ?? NOOP_LOG,
    jsParser: opts.jsParser ?? estreeParser,
    notes: [],
    skipped: [],
    check,
    pause: timeSlicer(check),
    progress(phase: Progress['phase'], done: number, total: number) {
      opts.onProgress?.({ phase, done, total });
    },
  };
}

/** Module resolution over a workspace's files and aliases: each file's resolver, and the specifiers resolved so far. */
interface Resolution {
  readonly resolverOf: (file: string) => { readonly id: string; readonly resolver: ModuleResolver } | null;
  readonly resolved: Map<string, Map<string, string | null>>;
}

/** The evaluator's module resolution: by the pack that owns the importing file. */
function resolution(ws: Workspace): Resolution {
  const packages = new Map(ws.projects.flatMap((p) => (p.packageName ? [[p.packageName, p.root] as const] : [])));
  const crates = new Map(ws.projects.flatMap((p) => (p.crateName ? [[p.crateName.replace(/-/g, '_'), p.root] as const] : [])));
  const env = { files: ws.fileSet, tsconfigs: ws.tsconfigs, isSource: isSourceFile, packages, crates, projects: ws.projects };
  const resolvers = new Map<string, ModuleResolver | null>();
  const resolverOf = (file: string) => {
    const lang = languageOf(file);
    if (!lang) return null;
    const id = lang.modulesOf ?? lang.id;
    if (!resolvers.has(id)) resolvers.set(id, languageById(id)?.createResolver?.(env) ?? null);
    const resolver = resolvers.get(id);
    return resolver ? { id, resolver } : null;
  };
  return { resolverOf, resolved: new Map() };
}

/** The files directly in each folder, indexed on first use (for the shared scope of classic scripts). */
function folderIndex(files: readonly string[]): (dir: string) => readonly string[] {
  let byDir: Map<string, string[]> | null = null;
  return (dir) => {
    if (!byDir) {
      byDir = new Map();
      for (const f of files) {
        const i = f.lastIndexOf('/');
        pushTo(byDir, i < 0 ? '.' : f.slice(0, i), f);
      }
    }
    return byDir.get(dir) ?? [];
  };
}
