/**
 * The index of the workspace's system (server/system.ts: its folders as one). Owns the folder's Analyzer (per-file cache) and its last complete
 * snapshot. Re-analysis is debounced; each run gets a new AbortController and a run id, and a run that
 * is no longer the latest is dropped, so answers always come from the last complete snapshot.
 *
 * The index remembers what changed since its last completed run: edits to files (re-read alone, on the
 * file list of the last run) or something structural (a file created or deleted, a manifest, tsconfig,
 * .gitignore or configuration change; settings; the first run), after which everything is listed again.
 * A change is forgotten only once a run that saw it completes.
 */
import type { OpenedSystem } from './system';
import { AnalysisCancelled, Analyzer, applyBaseline, ConfigurationError, decodeText, openFactsCache, parseBaseline, type AnalysisResult, type FactsStore, type FileSystem, type Gap, type Logger, type Progress } from '../core';

export interface IndexHost {
  readonly log: Logger;
  /** The folder's files (open, edited documents over the disk) and its configuration. */
  open(folder: FolderIndex): Promise<OpenedSystem>;
  /** A run finished (with a result or an error). */
  published(folder: FolderIndex): void;
  /** Indexing started or stopped somewhere. */
  statusChanged(): void;
  /** How findings in the config's baseline are shown in this folder (the `apiParity.baseline` setting). */
  baselineMode(folder: FolderIndex): Promise<'dim' | 'hide' | 'show'>;
  beginProgress(title: string): Promise<{ report(message: string, percentage?: number): void; done(): void } | null>;
}

export class FolderIndex {
  readonly analyzer = new Analyzer();
  snapshot: AnalysisResult | null = null;
  /** Findings of the last run that the config's baseline accepts (left out of the snapshot's gaps). */
  baselined: readonly Gap[] = [];
  /** An error that prevented the last run from producing a result. */
  error: string | null = null;
  /** A configuration problem: the run used defaults, and the problem is shown on the config file. */
  configError: ConfigurationError | null = null;
  durationMs: number | null = null;
  running = false;
  enabled = true;
  private controller: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private runId = 0;
  private wantProgress = false;
  private loggedWarnings = new Set<string>();
  /** Bumped by each structural change; `listedAt` is the value the last completed run saw. */
  private structure = 1;
  private listedAt = 0;
  /** Files edited since the last completed run that saw them: path → change number. */
  private readonly edited = new Map<string, number>();
  private editSeq = 0;
  /**
   * The on-disk facts cache (as the CLI's), used by runs that list the workspace: the first index of a
   * folder parses only what changed since any earlier run. Edit runs do without (they parse the edited,
   * often unsaved, file alone).
   */
  private readonly factsCache: FactsStore | null = openFactsCache(process.env);
  /** Files edited that the last listing did not have, which already asked for a new listing. */
  private readonly unlisted = new Set<string>();

  constructor(
    readonly uri: string,
    readonly root: string,
    readonly name: string,
    private readonly host: IndexHost,
  ) {}

  /**
   * A file's content changed (an edit, a save): the next run reads it again. A file the last listing did
   * not have (a quick fix created it, and the watcher's "created" event is late or lost) makes the next run
   * list the workspace again, once per such file (an excluded file must not re-list on every keystroke).
   */
  contentChanged(rel: string): void {
    this.edited.set(rel, ++this.editSeq);
    const listed = this.analyzer.layout()?.files;
    if (listed && !listed.has(rel) && !this.unlisted.has(rel)) {
      this.unlisted.add(rel);
      this.structure++;
    }
  }

  /** Files were created or deleted, or a manifest, tsconfig, .gitignore or the configuration changed. */
  structureChanged(): void {
    this.structure++;
    this.unlisted.clear();
  }

  /** (Re)analyse after `delayMs`; calls within the delay coalesce. */
  schedule(delayMs: number, withProgress = false): void {
    if (!this.enabled) return;
    this.wantProgress ||= withProgress;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      const progress = this.wantProgress;
      this.wantProgress = false;
      void this.run(progress);
    }, delayMs);
  }

  /** Warning notes (a framework that failed on a file, a backend not indexed) are logged once each. */
  private logWarnings(notes: AnalysisResult['notes']): void {
    const now = new Set<string>();
    for (const n of notes) {
      if (n.level !== 'warning') continue;
      const text = `${this.name}: ${n.file ? `${n.file}: ` : ''}${n.message}`;
      now.add(text);
      if (!this.loggedWarnings.has(text)) this.host.log.warn(text);
    }
    this.loggedWarnings = now;
  }

  /** Analyse now and resolve when this run (or a newer one) has finished. */
  async run(withProgress: boolean): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const id = ++this.runId;
    this.running = true;
    this.host.statusChanged();
    const started = Date.now();
    const progress = withProgress ? await this.host.beginProgress(`Indexing ${this.name}`) : null;
    try {
      const opened = await this.host.open(this);
      const { fs, config, configFile } = opened;
      if (opened.configError && opened.configError.message !== this.configError?.message) this.host.log.warn(`${this.name}: ${opened.configError.message} (using default settings until it is fixed)`);
      this.configError = opened.configError;
      const onProgress = progress
        ? (p: Progress) => progress.report(`${p.phase} ${p.total > 1 ? `${p.done}/${p.total}` : ''}`.trim(), p.phase === 'parsing' && p.total ? Math.round((p.done / p.total) * 90) : undefined)
        : undefined;
      const structure = this.structure;
      const edits = new Map(this.edited);
      const changed = structure === this.listedAt ? { changed: [...edits.keys()] } : this.factsCache ? { factsCache: this.factsCache } : {};
      const result = await this.analyzer.analyze({ root: this.root, fs, config, configFile, signal: controller.signal, log: this.host.log, ...changed, ...(onProgress ? { onProgress } : {}) });
      this.listedAt = structure;
      for (const [rel, seq] of edits) if (this.edited.get(rel) === seq) this.edited.delete(rel);
      if (id !== this.runId) return;
      const { kept, baselined } = await this.applyBaseline(result, fs, config.baseline);
      if (id !== this.runId) return;
      this.snapshot = kept;
      this.baselined = baselined;
      this.error = null;
      this.durationMs = Date.now() - started;
      this.host.log.info(`${this.name}: ${result.summary.endpoints} endpoints, ${result.summary.calls} calls, ${result.gaps.length} gaps in ${this.durationMs} ms (${result.summary.filesParsed}/${result.summary.filesScanned} files parsed)`);
      this.logWarnings(result.notes);
      this.host.published(this);
    } catch (e) {
      if (e instanceof AnalysisCancelled || id !== this.runId) return;
      this.error = (e as Error).message;
      this.host.log.warn(`${this.name}: analysis failed: ${(e as Error).stack ?? e}`);
      this.host.published(this);
    } finally {
      progress?.done();
      if (id === this.runId) {
        this.running = false;
        this.host.statusChanged();
      }
    }
  }

  /**
   * The config's baseline (unless the setting shows everything): its findings leave the snapshot, kept
   * apart for faded diagnostics. A baseline that cannot be read is a warning note, and nothing is left out.
   */
  private async applyBaseline(result: AnalysisResult, fs: FileSystem, file: string | null): Promise<{ kept: AnalysisResult; baselined: readonly Gap[] }> {
    if (!file || (await this.host.baselineMode(this)) === 'show') return { kept: result, baselined: [] };
    try {
      const decoded = decodeText(await fs.read(file));
      if (!('text' in decoded)) throw new Error(decoded.skip);
      const { result: kept, baselined } = applyBaseline(result, parseBaseline(decoded.text));
      return { kept, baselined };
    } catch (e) {
      const message = `the baseline ${file} could not be used (${(e as Error).message}); every finding is shown`;
      return { kept: { ...result, notes: [...result.notes, { level: 'warning', code: 'baseline-unreadable', message }] }, baselined: [] };
    }
  }

  disable(): void {
    this.enabled = false;
    this.dispose();
    this.snapshot = null;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.controller?.abort();
    this.runId++;
    this.running = false;
  }
}
