/**
 * Pass 2, files → facts: stat, read, decode and gate each source file (which contributions of the
 * project's detected frameworks accept it); parse a file once with its language pack, when a run first
 * uses it, and run every accepting contribution's `extract`. Entries are cached on the
 * {@link FileCache} between runs. Every failure becomes a skipped record or a note, never an exception.
 */
import { CONTRIBUTION_KINDS, type ContributionKind, type FileRef, type Framework, type ParsedFile } from '../frameworks/types';
import { frameworks } from '../frameworks/registry';
import { languageById, languageOf, languages } from '../lang/registry';
import { ParseFailure, type LanguageFacts, type ParseEnv } from '../lang/types';
import { createParser, type GrammarName, type TsParser } from '../parse/treeSitter';
import { extname, relativeTo } from '../path';
import { projectOf, type Project } from '../project/projects';
import { decodeText, hashText } from '../text';
import type { AnalysisNote } from '../types';
import type { ModuleFacts } from '../resolve/sym';
import { decodeOutcome, encodeOutcome, factsKey, textDigest, type FactsStore, type ParseOutcome } from './factsCache';
import { contentDigest, gate, GateMemo } from './gates';
import { placeIn, sortedIndex } from './order';
import type { DeclOf, Entry, FileDecls, Parsed, RunContext } from './types';
import type { Workspace } from './workspace';

/** The per-file results kept between runs (owned by the Analyzer), and the loaded grammars. */
export class FileCache {
  private readonly entries = new Map<string, Entry>();
  private readonly grammars = new Map<GrammarName, TsParser | Error>();
  /** Copies of entries read by more contributions than their gate accepted (see {@link FileStore.addSourceFor}). */
  private readonly widened = new WeakMap<Entry, Entry>();

  get(path: string): Entry | undefined {
    return this.entries.get(path);
  }
  set(e: Entry): void {
    this.entries.set(e.path, e);
  }
  values(): IterableIterator<Entry> {
    return this.entries.values();
  }
  /** Forget files that are gone. */
  prune(keep: ReadonlySet<string>): void {
    for (const k of this.entries.keys()) if (!keep.has(k)) this.entries.delete(k);
  }
  clear(): void {
    this.entries.clear();
  }
  /** The entry read by `accepting` (its own and more): a copy kept as long as the entry, parsed on its own. */
  widen(e: Entry, accepting: readonly string[]): Entry {
    let w = this.widened.get(e);
    if (w?.accepting.join() !== accepting.join()) this.widened.set(e, (w = { ...e, accepting, eager: true, parsed: null, failed: null, mentions: undefined }));
    return w!;
  }
  /** Load tree-sitter grammars (once per process; a failure is kept and reported by the parses that need it). */
  async loadGrammars(names: Iterable<GrammarName>): Promise<void> {
    for (const name of names) {
      if (this.grammars.has(name)) continue;
      try {
        this.grammars.set(name, await createParser(name));
      } catch (err) {
        this.grammars.set(name, err instanceof Error ? err : new Error(String(err)));
      }
    }
  }
  /** Has the grammar been loaded (or failed to load)? */
  hasGrammar(name: GrammarName): boolean {
    return this.grammars.has(name);
  }
  /** A loaded grammar's parser; throws when it is not loaded or could not be. */
  grammar(name: GrammarName): TsParser {
    const p = this.grammars.get(name);
    if (p instanceof Error) throw p;
    if (!p) throw new Error(`the ${name} grammar is not loaded`);
    return p;
  }
}

/**
 * Loads and parses files for one run. Every source file is loaded (read, decoded, gated); a file is
 * parsed only when the run uses it: as a source of declarations (an eager contribution accepts it, or
 * the wrapper pass picked it) or as a module the evaluator reads (see {@link FileStore.module}).
 */
export class FileStore {
  private readonly detectedByProject = new Map<string, readonly Framework[]>();
  private readonly env: ParseEnv;
  /** Files whose declarations this run reads. */
  private readonly declSources = new Set<Entry>();
  /** Files this run parsed or took from the cache (their notes and failures are reported). */
  private readonly usedFiles = new Set<Entry>();
  /** The files this run used, in the order it first used them. */
  private readonly usedOrder: string[] = [];
  private sourceList: Array<Entry & { parsed: Parsed }> | null = null;
  private entryList: Entry[] | null = null;
  private sourcesFrom: readonly Entry[] | null = null; // the entry list `sourceList` was made from
  private readonly accepted = new Map<string, Entry[]>();
  private readonly keys = new WeakMap<Entry, string>();
  private readonly notCached = new WeakSet<Entry>();
  /** This run's widened entries by path: they stand for the cached ones everywhere (see {@link addSourceFor}). */
  private readonly widened = new Map<string, Entry>();
  /**
   * Grammars a parse needed that were not loaded: grammars are loaded only for a file whose facts are not
   * in the facts cache, so a warm run loads none; when a module read on demand then misses the cache,
   * it is left unparsed, its grammar is named here, and the run starts again (see `Analyzer.analyze`).
   */
  readonly missingGrammars = new Set<GrammarName>();

  constructor(
    private readonly ctx: RunContext,
    private readonly ws: Workspace,
    readonly cache: FileCache,
  ) {
    this.env = { jsParser: ctx.jsParser, grammar: (name) => cache.grammar(name) };
    this.gates = new GateMemo(ctx.opts.factsCache, ctx.opts.root);
  }

  /** Keep this run's gate decisions in the facts store (the files listed in `keep`). */
  saveGates(keep: ReadonlySet<string>): void {
    this.gates.save(keep);
  }

  /** The run's facts store and root, for per-file answers kept between runs (see {@link FileMemo}). */
  get memoPlace(): { readonly store: FactsStore | undefined; readonly root: string } {
    return { store: this.ctx.opts.factsCache, root: this.ctx.opts.root };
  }

  /** The gate decisions of earlier runs (in the facts store), and this run's. */
  private readonly gates: GateMemo;

  /** The frameworks a project uses (their `detect` passed). */
  detected(project: Project): readonly Framework[] {
    let list = this.detectedByProject.get(project.root);
    if (!list) {
      list = frameworks.filter((f) => {
        try {
          return f.detect(project);
        } catch {
          return false;
        }
      });
      this.detectedByProject.set(project.root, list);
    }
    return list;
  }

  fileRef(path: string): FileRef {
    const project = projectOf(this.ws.projects, path);
    return { path, ext: extname(path).toLowerCase(), project, inProject: relativeTo(project.root, path), language: languageOf(path)?.id ?? 'unknown' };
  }

  /** Every listed file of the run, sorted (source files or not: API documents, manifests). */
  get files(): readonly string[] {
    return this.ws.files;
  }

  /** Every cached entry of a listed file, in file order (listed once loading is over). */
  entries(): readonly Entry[] {
    if (!this.entryList) {
      this.entryList = [];
      for (const f of this.ws.files) {
        const e = this.widened.get(f) ?? this.cache.get(f);
        if (e) this.entryList.push(e);
      }
    }
    return this.entryList;
  }

  /** The parsed files whose declarations this run reads, in file order. */
  sources(): ReadonlyArray<Entry & { parsed: Parsed }> {
    if (!this.sourceList) {
      this.sourceList = [];
      this.sourcesFrom = this.entries();
      for (const e of this.entries()) if (e.parsed && this.declSources.has(e)) this.sourceList.push(e as Entry & { parsed: Parsed });
    }
    return this.sourceList;
  }

  /** Loaded files some of the given contributions (`<kind>:<framework id>`) accept, in file order; computed once per run. */
  acceptedBy(ids: readonly string[]): readonly Entry[] {
    const key = ids.join(' ');
    let list = this.accepted.get(key);
    if (!list) {
      list = [];
      for (const e of this.entries()) if (e.text !== null && ids.some((id) => e.accepting.includes(id))) list.push(e);
      this.accepted.set(key, list);
    }
    return list;
  }

  isSource(e: Entry): boolean {
    return this.declSources.has(e);
  }

  /** The files this run used, in the order it first used them. */
  usedPaths(): readonly string[] {
    return this.usedOrder;
  }

  /** Did this run use the file (parse it, or take its parse from the cache)? */
  used(e: Entry): boolean {
    return this.usedFiles.has(e);
  }

  /**
   * Parse a listed file ahead of need, without counting it as used (a module the run never reads adds
   * nothing to the result); false when there is nothing to parse.
   */
  async prefetch(path: string): Promise<boolean> {
    const e = this.cache.get(path);
    if (!e || !this.ws.fileSet.has(path) || e.parsed || e.failed || e.skipped || e.text === null) return false;
    await this.prepareGrammars(e);
    this.parse(e);
    return true;
  }

  /** Read the file's declarations in this run (parsing it first if needed); put in its place in the source list (file order) while the file list is the one that was made from. */
  addSource(e: Entry): Parsed | null {
    const known = this.declSources.has(e);
    this.declSources.add(e);
    const parsed = this.use(e);
    const list = this.entryList && this.entryList === this.sourcesFrom ? this.sourceList : null;
    const at = list && !known && parsed ? placeIn(this.entryList!, e) : undefined;
    if (at !== undefined) list!.splice(sortedIndex(list!, (x) => placeIn(this.entryList!, x)! < at), 0, e as Entry & { parsed: Parsed });
    this.sourceList = list && (known || !parsed || at !== undefined) ? list : null;
    return parsed;
  }

  /**
   * Read the file's declarations for contributions its gate did not accept too (`ids`: a pass found it calls a
   * route helper of theirs), parsed as a copy of its entry that stands for it for the rest of the run.
   */
  async addSourceFor(e: Entry, ids: readonly string[]): Promise<Parsed | null> {
    const more = ids.filter((id) => !e.accepting.includes(id));
    const w = more.length ? this.cache.widen(e, [...e.accepting, ...more]) : e;
    if (w !== e) this.widened.set(e.path, w);
    this.entryList = null;
    this.accepted.clear();
    await this.prepareGrammars(w);
    return this.addSource(w);
  }

  /**
   * A module the evaluator needs, parsed on demand: the facts of a listed, loaded source file, or
   * undefined (not a source file, skipped, or failed to parse).
   */
  module(path: string): ModuleFacts | undefined {
    const e = this.widened.get(path) ?? this.cache.get(path);
    if (!e || !this.ws.fileSet.has(path)) return undefined;
    return this.use(e)?.module;
  }

  /** Parse the file if needed and count it as used; its workspace warnings are reported once per run. */
  private use(e: Entry): Parsed | null {
    if (e.skipped) return null;
    if (!e.parsed && !e.failed) this.parse(e);
    if (!this.usedFiles.has(e)) {
      this.usedFiles.add(e);
      this.usedOrder.push(e.path);
      if (e.parsed) this.ctx.notes.push(...e.parsed.warnings);
    }
    return e.parsed;
  }

  /**
   * Load the grammars a file's parse may need: those of every language in its module group (the
   * modules it imports are parsed on demand, synchronously, in the middle of an evaluation).
   */
  async prepareGrammars(e: Entry): Promise<void> {
    if (this.fromCache(e)) return;
    const group = moduleGroup(e.language);
    await this.cache.loadGrammars(languages.filter((l) => moduleGroup(l.id) === group).flatMap((l) => l.grammars));
  }

  /** Stat, read, decode and gate a file; reuse the cached entry when the file is unchanged. */
  async load(path: string): Promise<Entry | null> {
    const lang = languageOf(path);
    if (!lang) return null;
    const ref = this.fileRef(path);
    const detected = this.detected(ref.project);
    const st = await this.ctx.opts.fs.stat(path);
    if (!st) return null;
    const max = this.ctx.config.maxFileSize;
    let key = `${st.size}:${st.mtimeMs}:${detected.map((x) => x.id).join(',')}:${ref.project.root}:${max}`;
    const cached = this.cache.get(path);
    if (cached && cached.key === key && st.mtimeMs !== 0) return cached;
    const base = { path, language: lang.id, parsed: null, failed: null };
    const skip = (reason: string, notes: AnalysisNote[] = []): Entry => this.remember({ ...base, key, text: null, accepting: [], eager: false, skipped: { file: path, reason }, notes });
    if (st.size > max) return skip(`larger than the ${fmtBytes(max)} size cap (${fmtBytes(st.size)}); raise "maxFileSize" to include it`);
    let bytes: Uint8Array;
    try {
      bytes = await this.ctx.opts.fs.read(path);
    } catch (err) {
      return skip(`could not be read: ${(err as Error).message}`);
    }
    const decoded = decodeText(bytes);
    if (st.mtimeMs === 0 && 'text' in decoded) key += `:${hashText(decoded.text)}`;
    if (cached && cached.key === key) return cached;
    if ('skip' in decoded) return skip(decoded.skip);
    const notes: AnalysisNote[] = decoded.note ? [{ level: 'info', message: decoded.note, file: path }] : [];
    const digest = this.ctx.opts.factsCache ? `b${contentDigest(bytes)}` : undefined;
    const { generated, accepting, eager } = this.gates.get(path, digest ?? null, digest ? this.gates.scopeOf(ref.project, detected) : null, () => gate(ref, decoded.text, detected, lang));
    if (generated) return skip(generated, notes);
    return this.remember({ ...base, key, text: decoded.text, digest, accepting, eager, skipped: null, notes });
  }

  private remember(e: Entry): Entry {
    this.entryList = null;
    this.cache.set(e);
    return e;
  }

  /**
   * Parse once, build facts, run every accepting contribution; or take all that from the facts cache.
   * Failures become records. A failure of the parser itself (not of the file) is not cached.
   */
  private parse(e: Entry): void {
    if (e.parsed || e.failed || e.text === null || this.fromCache(e)) return;
    const missing = languageById(e.language)!.grammars.filter((g) => !this.cache.hasGrammar(g));
    if (missing.length) {
      for (const g of missing) this.missingGrammars.add(g);
      return;
    }
    const outcome = this.parseNow(e, this.fileRef(e.path), e.text);
    if ('failed' in outcome) e.failed = { file: e.path, reason: outcome.failed };
    else e.parsed = outcome.parsed;
    const key = this.factsKeyOf(e);
    if (key !== null && outcome.cacheable) this.ctx.opts.factsCache!.set(key, encodeOutcome(outcome));
  }

  /** The file's key in the facts cache (computed once per entry text); null without a cache. */
  private factsKeyOf(e: Entry): string | null {
    if (!this.ctx.opts.factsCache || e.text === null) return null;
    const known = this.keys.get(e);
    if (known !== undefined) return known;
    const digest = e.digest ?? `t${textDigest(e.text)}`;
    const key = factsKey({ parser: this.ctx.jsParser.name, path: e.path, language: e.language, accepting: e.accepting, project: this.fileRef(e.path).project, digest });
    this.keys.set(e, key);
    return key;
  }

  /** Take the file's parse from the facts cache; false when it is not there (or there is no cache). */
  private fromCache(e: Entry): boolean {
    if (e.parsed || e.failed) return true;
    if (this.notCached.has(e)) return false;
    const key = this.factsKeyOf(e);
    const hit = key !== null ? this.ctx.opts.factsCache!.get(key) : null;
    const stored = hit !== null ? decodeOutcome(hit, e.path) : null;
    if (!stored) {
      this.notCached.add(e);
      return false;
    }
    if ('failed' in stored) e.failed = { file: e.path, reason: stored.failed };
    else e.parsed = stored.parsed;
    return true;
  }

  private parseNow(e: Entry, ref: FileRef, text: string): ParseOutcome & { readonly cacheable: boolean } {
    let facts: LanguageFacts;
    try {
      facts = languageById(e.language)!.parse(e.path, text, e.accepting.length ? this.env : { ...this.env, valuesOnly: true });
    } catch (err) {
      if (err instanceof ParseFailure) return { failed: err.reason, cacheable: true };
      return { failed: `could not be parsed: ${(err as Error).message}`, cacheable: false };
    }
    const file: ParsedFile = { ref, text, ...(facts.js ? { js: facts.js } : {}), ...(facts.py ? { py: facts.py } : {}), ...(facts.rs ? { rs: facts.rs } : {}), ...(facts.go ? { go: facts.go } : {}), ...(facts.markup ? { markup: facts.markup } : {}) };
    const notes: AnalysisNote[] = facts.notes.map((message) => ({ level: 'info', message, file: e.path }));
    const warnings: AnalysisNote[] = [];
    return { parsed: { module: facts.module, decls: this.extract(e, file, notes, warnings), notes, warnings }, cacheable: true };
  }

  private extract(e: Entry, file: ParsedFile, notes: AnalysisNote[], warnings: AnalysisNote[]): FileDecls {
    const decls = Object.fromEntries(CONTRIBUTION_KINDS.map((k) => [k, {}])) as { [K in ContributionKind]: Record<string, DeclOf[K][]> };
    for (const fw of this.detected(file.ref.project)) {
      for (const kind of CONTRIBUTION_KINDS) {
        const c = fw[kind];
        if (!c || !e.accepting.includes(`${kind}:${fw.id}`)) continue;
        try {
          (decls[kind] as Record<string, unknown[]>)[fw.id] = c.extract(file, { note: (message) => notes.push({ level: 'info', message: `${fw.title}: ${message}`, file: e.path }) });
        } catch (err) {
          warnings.push({ level: 'warning', code: 'framework-failed', message: `${fw.title} failed on this file and skipped it: ${(err as Error).message}`, file: e.path });
          notes.push({ level: 'warning', message: `${fw.id}: ${(err as Error).message}`, file: e.path });
        }
      }
    }
    return decls;
  }
}

/** Files of one module group resolve each other's imports (markup scripts import JS modules). */
function moduleGroup(languageId: string): string {
  const lang = languageById(languageId);
  return lang?.modulesOf ?? languageId;
}

function fmtBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;
}

