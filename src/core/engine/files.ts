/**
 * Pass 2, files → facts: stat, read, decode and gate each source file (which contributions of the
 * project's detected frameworks accept it), then parse it once with its language pack and run every
 * accepting contribution's `extract`. Entries are cached on the {@link FileCache} between runs.
 * Every failure becomes a skipped record or a note on the file, never an exception.
 */
import { CONTRIBUTION_KINDS, type ContributionKind, type FileRef, type Framework, type ParsedFile } from '../frameworks/types';
import { frameworks } from '../frameworks/registry';
import { languageById, languageOf } from '../lang/registry';
import { ParseFailure, type ParseEnv } from '../lang/types';
import { createParser, type GrammarName, type TsParser } from '../parse/treeSitter';
import { extname, relativeTo } from '../path';
import { projectOf, type Project } from '../project/projects';
import { decodeText, hashText } from '../text';
import type { AnalysisNote } from '../types';
import type { DeclOf, Entry, FileDecls, RunContext } from './types';
import type { Workspace } from './workspace';

/** The per-file results kept between runs (owned by the Analyzer). */
export class FileCache {
  private readonly entries = new Map<string, Entry>();
  private readonly grammars = new Map<GrammarName, Promise<TsParser>>();

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
  /** A tree-sitter parser per grammar, loaded once. */
  grammar(name: GrammarName): Promise<TsParser> {
    let p = this.grammars.get(name);
    if (!p) {
      p = createParser(name);
      this.grammars.set(name, p);
    }
    return p;
  }
}

/** Loads and parses files for one run. */
export class FileStore {
  private readonly detectedByProject = new Map<string, readonly Framework[]>();
  private readonly env: ParseEnv;

  constructor(
    private readonly ctx: RunContext,
    private readonly ws: Workspace,
    readonly cache: FileCache,
  ) {
    this.env = { jsParser: ctx.jsParser, grammar: (name) => cache.grammar(name) };
  }

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

  /** Every cached entry of a listed file, in file order. */
  *entries(): Iterable<Entry> {
    for (const f of this.ws.files) {
      const e = this.cache.get(f);
      if (e) yield e;
    }
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
    const skip = (reason: string, notes: AnalysisNote[] = []): Entry => this.remember({ key, path, language: lang.id, text: null, parsed: null, accepting: [], eager: false, skipped: { file: path, reason }, notes });
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
    const generated = lang.generated?.(path, decoded.text) ?? null;
    if (generated) return skip(generated, notes);
    const { accepting, eager } = this.gate(ref, decoded.text, detected, lang.offers);
    return this.remember({ key, path, language: lang.id, text: decoded.text, parsed: null, accepting, eager, skipped: null, notes });
  }

  private remember(e: Entry): Entry {
    this.cache.set(e);
    return e;
  }

  /** Which contributions accept the file (cheap: extension, path and marker checks, no parsing). */
  private gate(ref: FileRef, text: string, detected: readonly Framework[], offers: readonly string[]): { accepting: string[]; eager: boolean } {
    const accepting: string[] = [];
    let eager = false;
    for (const fw of detected) {
      for (const kind of CONTRIBUTION_KINDS) {
        const c = fw[kind];
        if (!c || !c.languages.some((l) => offers.includes(l))) continue;
        try {
          if (!c.accepts(ref, text)) continue;
        } catch {
          continue; // a gate that throws simply does not accept
        }
        accepting.push(`${kind}:${fw.id}`);
        if (!(kind === 'requests' && fw.requests?.lazy)) eager = true;
      }
    }
    return { accepting, eager };
  }

  /** Parse once, build facts, run every accepting contribution. Failures become records. */
  async parse(e: Entry): Promise<void> {
    if (e.parsed || e.skipped || e.text === null) return;
    const lang = languageById(e.language)!;
    const ref = this.fileRef(e.path);
    const text = e.text;
    let file: ParsedFile;
    let facts;
    try {
      facts = await lang.parse(e.path, text, this.env);
      file = { ref, text, ...(facts.js ? { js: facts.js } : {}), ...(facts.py ? { py: facts.py } : {}), ...(facts.markup ? { markup: facts.markup } : {}) };
    } catch (err) {
      e.skipped = { file: e.path, reason: err instanceof ParseFailure ? err.reason : `could not be parsed: ${(err as Error).message}` };
      e.text = null;
      return;
    }
    for (const message of facts.notes) e.notes.push({ level: 'info', message, file: e.path });
    e.parsed = { facts, decls: this.extract(e, file) };
    e.text = null;
  }

  private extract(e: Entry, file: ParsedFile): FileDecls {
    const decls = Object.fromEntries(CONTRIBUTION_KINDS.map((k) => [k, {}])) as { [K in ContributionKind]: Record<string, DeclOf[K][]> };
    for (const fw of this.detected(file.ref.project)) {
      for (const kind of CONTRIBUTION_KINDS) {
        const c = fw[kind];
        if (!c || !e.accepting.includes(`${kind}:${fw.id}`)) continue;
        try {
          (decls[kind] as Record<string, unknown[]>)[fw.id] = c.extract(file, { note: (message) => e.notes.push({ level: 'info', message: `${fw.title}: ${message}`, file: e.path }) });
        } catch (err) {
          this.ctx.notes.push({ level: 'warning', code: 'framework-failed', message: `${fw.title} failed on this file and skipped it: ${(err as Error).message}`, file: e.path });
          e.notes.push({ level: 'warning', message: `${fw.id}: ${(err as Error).message}`, file: e.path });
        }
      }
    }
    return decls;
  }
}

function fmtBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;
}
