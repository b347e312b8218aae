/**
 * The engine: list → projects → gate → parse once → extract → import closure → link backends →
 * resolve frontend calls (wrappers to a fixpoint) → services → match → gaps. Pure apart from the
 * FileSystem it is given; per-file failures become skipped-file records. An {@link Analyzer} keeps
 * per-file results between runs (keyed by size/mtime, or content for editor buffers), so the language
 * server re-parses only what changed.
 */
import type { Config, ServiceConfig } from './config';
import { DEFAULT_CONFIG, ruleMatches, severityOf } from './config';
import type { FileSystem } from './fs';
import { decodeText, hashText } from './text';
import { extname, join, normalize, relativeTo } from './path';
import { buildProjects, hasDependency, isManifest, projectOf, type Project } from './project/projects';
import { backendExtractors, frontendExtractors, KNOWN_BACKEND_FRAMEWORKS } from './extractors/registry';
import type { BackendDecl, BackendExtractor, ClientDecl, Extractor, FileRef, FrontendExtractor, LinkContext, ParsedFile, PortDecl, RequestSpec, ResolveContext, WrapperTemplate } from './extractors/types';
import { estreeParser, JsSyntaxError, jsxFor, type JsParser } from './lang/js/parser';
import { buildJsFacts } from './lang/js/facts';
import { buildPyFacts } from './lang/python/facts';
import { createParser, type TsParser } from './parse/treeSitter';
import { Evaluator, isLiteral, literalText, type Ctx, type Part, type Value } from './resolve/evaluate';
import type { ModuleFacts } from './resolve/sym';
import { WorkspaceProgram, type TsConfigPaths } from './resolve/modules';
import { formatPath, parseCallPath, parseRoutePath, joinTemplates } from './match/path';
import { displayParts, interpretUrl, isQueryPart, joinBase, type UrlTarget } from './match/url';
import { matchCall, serviceOrigin, type EndpointRec, type MatchOutcome, type ServiceRec } from './match/matcher';
import { buildGaps } from './rules';
import { parse as parseJsonc } from 'jsonc-parser';
import type { AnalysisNote, AnalysisResult, Call, Endpoint, MethodOrAny, Service, SkippedFile, Summary } from './types';
import { HTTP_METHODS } from './types';

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
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'AnalysisCancelled';
  }
}

const SOURCE_EXT = new Set(['.py', '.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts']);
const MAX_CLOSURE_FILES = 5000;
const MAX_WRAPPER_ROUNDS = 5;
const NOOP_LOG: Logger = { info() {}, warn() {}, debug() {} };

interface Parsed {
  readonly module: ModuleFacts;
  /** Declarations by extractor id. */
  readonly decls: Readonly<Record<string, readonly unknown[]>>;
}

interface Entry {
  readonly key: string;
  readonly path: string;
  /** Decoded text, kept only while the file is not parsed (for wrapper-name prefiltering). */
  text: string | null;
  parsed: Parsed | null;
  /** The extractors whose `accepts` passed (non-lazy ones trigger parsing). */
  readonly accepting: readonly string[];
  skipped: SkippedFile | null;
  readonly notes: AnalysisNote[];
}

export function isSourceFile(path: string): boolean {
  return SOURCE_EXT.has(extname(path).toLowerCase()) && !path.endsWith('.d.ts');
}

/** One-shot analysis. */
export async function analyzeWorkspace(options: AnalyzeOptions): Promise<AnalysisResult> {
  return new Analyzer().analyze(options);
}

/** What the last run learnt about the workspace's layout (for quick fixes). */
export interface WorkspaceLayout {
  readonly projects: readonly Project[];
  readonly tsconfigs: ReadonlyMap<string, TsConfigPaths>;
  readonly files: ReadonlySet<string>;
}

export class Analyzer {
  private readonly cache = new Map<string, Entry>();
  private pyParser: Promise<TsParser> | null = null;
  private lastLayout: WorkspaceLayout | null = null;
  /** Match outcomes of the last run, valid while the services and their endpoints are the same. */
  matchMemo: MatchMemo = new MatchMemo('');

  /** Projects, tsconfig aliases and files seen by the last completed analysis. */
  layout(): WorkspaceLayout | null {
    return this.lastLayout;
  }

  /** Module facts of a file parsed by the last analysis (exports, bindings), if it was parsed. */
  moduleFacts(path: string): ModuleFacts | null {
    return this.cache.get(path)?.parsed?.module ?? null;
  }

  /** Every parsed module under a folder. */
  modulesUnder(root: string): ModuleFacts[] {
    const out: ModuleFacts[] = [];
    for (const e of this.cache.values()) if (e.parsed && (root === '.' || e.path.startsWith(root + '/'))) out.push(e.parsed.module);
    return out.sort((a, b) => a.file.localeCompare(b.file));
  }

  /** @internal */
  setLayout(layout: WorkspaceLayout): void {
    this.lastLayout = layout;
  }

  /** Forget cached results (after a config change that alters gating). */
  clear(): void {
    this.cache.clear();
  }

  async analyze(options: AnalyzeOptions): Promise<AnalysisResult> {
    const run = new Run(this, options);
    return run.execute();
  }

  /** @internal */
  entry(path: string): Entry | undefined {
    return this.cache.get(path);
  }

  /** @internal */
  setEntry(e: Entry): void {
    this.cache.set(e.path, e);
  }

  /** @internal */
  prune(keep: ReadonlySet<string>): void {
    for (const k of this.cache.keys()) if (!keep.has(k)) this.cache.delete(k);
  }

  /** @internal */
  python(): Promise<TsParser> {
    this.pyParser ??= createParser('python');
    return this.pyParser;
  }
}

class Run {
  private readonly config: Config;
  private readonly log: Logger;
  private readonly jsParser: JsParser;
  private readonly notes: AnalysisNote[] = [];
  private projects: Project[] = [];
  private files: string[] = [];
  private program!: WorkspaceProgram;
  private tsconfigs = new Map<string, TsConfigPaths>();
  private readonly detectedByProject = new Map<string, readonly Extractor[]>();

  constructor(
    private readonly analyzer: Analyzer,
    private readonly opts: AnalyzeOptions,
  ) {
    this.config = opts.config ?? DEFAULT_CONFIG;
    this.log = opts.log ?? NOOP_LOG;
    this.jsParser = opts.jsParser ?? estreeParser;
  }

  private check(): void {
    if (this.opts.signal?.aborted) throw new AnalysisCancelled();
  }

  private progress(phase: Progress['phase'], done: number, total: number): void {
    this.opts.onProgress?.({ phase, done, total });
  }

  async execute(): Promise<AnalysisResult> {
    const fs = this.opts.fs;
    this.progress('listing', 0, 1);
    this.files = await fs.list({ include: this.config.include, exclude: this.config.exclude, respectGitignore: this.config.respectGitignore });
    this.check();

    await this.loadProjects();
    await this.loadTsconfigs();
    const sources = this.files.filter(isSourceFile);
    this.program = new WorkspaceProgram(this.files, this.tsconfigs);

    // 1. Gate every source file; parse those a non-lazy extractor accepts.
    let i = 0;
    for (const path of sources) {
      this.check();
      const e = await this.load(path);
      if (e && !e.parsed && !e.skipped && e.accepting.some((id) => !isLazy(id))) await this.parse(e);
      if (++i % 50 === 0) this.progress('parsing', i, sources.length);
    }
    this.progress('parsing', sources.length, sources.length);
    this.analyzer.prune(new Set(sources));
    await this.closeOverImports();

    // 2. Backends.
    this.progress('linking', 0, 1);
    const { endpoints, ports } = this.linkBackends();
    this.check();

    // 3. Frontends, with wrapper discovery pulling in files that call a wrapper.
    let resolved = this.resolveFrontends();
    for (let round = 0; round < MAX_WRAPPER_ROUNDS; round++) {
      const added = await this.parseWrapperCallers(resolved.wrappers);
      if (added === 0) break;
      await this.closeOverImports();
      resolved = this.resolveFrontends();
    }
    this.check();

    // 4. Services, matching, gaps.
    this.progress('matching', 0, 1);
    const result = this.assemble(endpoints, ports, resolved.calls);
    this.analyzer.setLayout({ projects: this.projects, tsconfigs: this.tsconfigs, files: new Set(this.files) });
    this.progress('matching', 1, 1);
    return result;
  }

  // ---------------------------------------------------------------- projects and config files

  private async loadProjects(): Promise<void> {
    const manifests = [];
    for (const path of this.files.filter(isManifest)) {
      manifests.push({ path, text: await this.readSmall(path) });
    }
    const rootName = this.opts.root.split(/[\\/]/).filter(Boolean).pop() ?? 'workspace';
    this.projects = buildProjects(manifests, rootName);
    // Configured service roots are projects too, so their files group under them.
    for (const s of this.config.services) {
      const root = normalize(s.root);
      if (!this.projects.some((p) => p.root === root)) {
        const parent = projectOf(this.projects, root === '.' ? 'x' : `${root}/x`);
        this.projects.push({ ...parent, root, name: s.name, manifests: [] });
      }
    }
  }

  private async loadTsconfigs(): Promise<void> {
    const found = this.files.filter((f) => /(^|\/)(tsconfig|jsconfig)\.json$/.test(f));
    const raw = new Map<string, { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> }; extends?: string }>();
    for (const f of found) {
      const text = await this.readSmall(f);
      if (text === null) continue;
      const json = parseJsonc(text) as unknown;
      if (json && typeof json === 'object') raw.set(f, json as never);
    }
    for (const [f, json] of raw) {
      const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '.';
      let opts = json.compilerOptions ?? {};
      let optsDir = dir;
      // Follow one relative `extends` for paths/baseUrl defined in a shared base config.
      if ((!opts.paths || !opts.baseUrl) && typeof json.extends === 'string' && json.extends.startsWith('.')) {
        const target = normalize(join(dir, json.extends.endsWith('.json') ? json.extends : `${json.extends}.json`));
        const base = raw.get(target);
        if (base?.compilerOptions) {
          const baseDir = target.includes('/') ? target.slice(0, target.lastIndexOf('/')) : '.';
          if (!opts.paths && base.compilerOptions.paths) {
            opts = { ...opts, paths: base.compilerOptions.paths, baseUrl: opts.baseUrl ?? base.compilerOptions.baseUrl };
            optsDir = opts.baseUrl === json.compilerOptions?.baseUrl && json.compilerOptions?.baseUrl ? dir : baseDir;
          }
        }
      }
      const paths: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(opts.paths ?? {})) if (Array.isArray(v)) paths[k] = v.filter((x) => typeof x === 'string');
      const baseUrl = typeof opts.baseUrl === 'string' ? normalize(join(optsDir, opts.baseUrl)) : null;
      this.tsconfigs.set(dir, { dir: optsDir, baseUrl, paths });
    }
  }

  private async readSmall(path: string): Promise<string | null> {
    try {
      const st = await this.opts.fs.stat(path);
      if (!st || st.size > this.config.maxFileSize) return null;
      const d = decodeText(await this.opts.fs.read(path));
      return 'text' in d ? d.text : null;
    } catch {
      return null;
    }
  }

  private detected(project: Project): readonly Extractor[] {
    let list = this.detectedByProject.get(project.root);
    if (!list) {
      list = [...backendExtractors, ...frontendExtractors].filter((x) => {
        try {
          return x.detect(project);
        } catch {
          return false;
        }
      });
      this.detectedByProject.set(project.root, list);
    }
    return list;
  }

  // ---------------------------------------------------------------- files

  private fileRef(path: string): FileRef {
    const project = projectOf(this.projects, path);
    return { path, ext: extname(path).toLowerCase(), project, inProject: relativeTo(project.root, path) };
  }

  /** Stat, read, decode and gate a file; reuse the cached entry when the file is unchanged. */
  private async load(path: string): Promise<Entry | null> {
    const ref = this.fileRef(path);
    const detected = this.detected(ref.project);
    const sig = detected.map((x) => x.id).join(',');
    const st = await this.opts.fs.stat(path);
    if (!st) return null;
    let key = `${st.size}:${st.mtimeMs}:${sig}:${ref.project.root}:${this.config.maxFileSize}`;
    const cached = this.analyzer.entry(path);
    if (cached && cached.key === key && st.mtimeMs !== 0) return cached;
    if (st.size > this.config.maxFileSize) {
      const e: Entry = { key, path, text: null, parsed: null, accepting: [], skipped: { file: path, reason: `larger than the ${fmtBytes(this.config.maxFileSize)} size cap (${fmtBytes(st.size)}); raise "maxFileSize" to include it` }, notes: [] };
      this.analyzer.setEntry(e);
      return e;
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.opts.fs.read(path);
    } catch (err) {
      const e: Entry = { key, path, text: null, parsed: null, accepting: [], skipped: { file: path, reason: `could not be read: ${(err as Error).message}` }, notes: [] };
      this.analyzer.setEntry(e);
      return e;
    }
    const decoded = decodeText(bytes);
    if (st.mtimeMs === 0 && 'text' in decoded) key += `:${hashText(decoded.text)}`;
    if (cached && cached.key === key) return cached;
    if ('skip' in decoded) {
      const e: Entry = { key, path, text: null, parsed: null, accepting: [], skipped: { file: path, reason: decoded.skip }, notes: [] };
      this.analyzer.setEntry(e);
      return e;
    }
    const notes: AnalysisNote[] = decoded.note ? [{ level: 'info', message: decoded.note, file: path }] : [];
    const lang = ref.ext === '.py' ? 'python' : 'js';
    if (lang === 'js' && looksMinified(decoded.text)) {
      const e: Entry = { key, path, text: null, parsed: null, accepting: [], skipped: { file: path, reason: 'looks minified or generated (very long lines); not analysed' }, notes };
      this.analyzer.setEntry(e);
      return e;
    }
    const accepting: string[] = [];
    for (const x of detected) {
      if (!x.languages.includes(lang)) continue;
      try {
        if (x.accepts(ref, decoded.text)) accepting.push(x.id);
      } catch {
        // a gate that throws simply does not accept
      }
    }
    const e: Entry = { key, path, text: decoded.text, parsed: null, accepting, skipped: null, notes };
    this.analyzer.setEntry(e);
    return e;
  }

  /** Parse once, build facts, run every accepting extractor. Failures become skipped records. */
  private async parse(e: Entry): Promise<void> {
    if (e.parsed || e.skipped || e.text === null) return;
    const ref = this.fileRef(e.path);
    const text = e.text;
    let file: ParsedFile;
    try {
      if (ref.ext === '.py') {
        const parser = await this.analyzer.python();
        const tree = parser.parse(text);
        if (!tree) throw new Error('the Python parser returned no tree');
        try {
          file = { ref, text, py: buildPyFacts(tree, e.path) };
        } finally {
          tree.delete();
        }
        if (file.py!.hasErrors) e.notes.push({ level: 'info', message: 'has Python syntax errors; routes were read from the parts that parse', file: e.path });
      } else {
        const program = this.jsParser.parse(text, { jsx: jsxFor(e.path), file: e.path });
        file = { ref, text, js: buildJsFacts(program, e.path, text) };
      }
    } catch (err) {
      const reason = err instanceof JsSyntaxError ? `syntax error at line ${err.line}: ${err.message.split('\n')[0]}` : `could not be parsed: ${(err as Error).message}`;
      e.skipped = { file: e.path, reason };
      e.text = null;
      return;
    }
    const decls: Record<string, unknown[]> = {};
    const detected = this.detected(ref.project);
    for (const x of detected) {
      if (!e.accepting.includes(x.id)) continue;
      try {
        decls[x.id] = x.extract(file, { note: (message) => e.notes.push({ level: 'info', message: `${x.title}: ${message}`, file: e.path }) });
      } catch (err) {
        this.notes.push({ level: 'warning', message: `${x.title} failed on this file and skipped it: ${(err as Error).message}`, file: e.path });
        e.notes.push({ level: 'warning', message: `${x.id}: ${(err as Error).message}`, file: e.path });
      }
    }
    e.parsed = { module: (file.js?.module ?? file.py?.module)!, decls };
    e.text = null;
  }

  /** Parse the modules parsed files import (for constants, instances and wrappers defined there). */
  private async closeOverImports(): Promise<void> {
    const seen = new Set<string>();
    let queue: string[] = [];
    for (const e of this.entries()) if (e.parsed) queue.push(e.path);
    let extra = 0;
    while (queue.length && extra < MAX_CLOSURE_FILES) {
      const next: string[] = [];
      for (const path of queue) {
        if (seen.has(path)) continue;
        seen.add(path);
        const e = this.analyzer.entry(path);
        if (!e?.parsed) continue;
        this.program.setModule(e.parsed.module);
        for (const spec of e.parsed.module.deps) {
          const target = this.program.resolveImport(path, spec);
          if (!target || seen.has(target) || !isSourceFile(target)) continue;
          let te = this.analyzer.entry(target);
          if (!te) {
            te = (await this.load(target)) ?? undefined;
          }
          if (te && !te.parsed && !te.skipped) {
            await this.parse(te);
            extra++;
          }
          if (te?.parsed) next.push(target);
        }
      }
      queue = next;
      this.check();
    }
    for (const e of this.entries()) if (e.parsed) this.program.setModule(e.parsed.module);
  }

  private *entries(): Iterable<Entry> {
    for (const f of this.files) {
      const e = this.analyzer.entry(f);
      if (e) yield e;
    }
  }

  // ---------------------------------------------------------------- backends

  private linkBackends(): { endpoints: Array<{ ex: BackendExtractor; route: ReturnType<BackendExtractor['link']>[number] }>; ports: Map<string, number[]> } {
    const evaluator = new Evaluator(this.program);
    const ctx = this.linkContext(evaluator);
    const out: Array<{ ex: BackendExtractor; route: ReturnType<BackendExtractor['link']>[number] }> = [];
    const ports = new Map<string, number[]>();
    for (const ex of backendExtractors) {
      const decls: BackendDecl[] = [];
      for (const e of this.entries()) {
        const d = e.parsed?.decls[ex.id];
        if (d) decls.push(...(d as BackendDecl[]));
      }
      if (decls.length === 0) continue;
      try {
        for (const route of ex.link(decls, ctx)) out.push({ ex, route });
      } catch (err) {
        this.notes.push({ level: 'warning', message: `${ex.title}: linking routes failed (${(err as Error).message}); its routes are missing from this report` });
        this.log.warn(`link ${ex.id}: ${(err as Error).stack ?? err}`);
      }
      for (const d of decls) {
        if (d.t !== 'port') continue;
        const v = evaluator.evaluate((d as PortDecl).port, { file: d.file, fn: d.fn, params: null });
        const n = portValue(v);
        if (n !== null) {
          const root = projectOf(this.projects, d.file).root;
          ports.set(root, [...(ports.get(root) ?? []), n]);
        }
      }
    }
    return { endpoints: out, ports };
  }

  private linkContext(evaluator: Evaluator): LinkContext {
    return {
      evaluator,
      value: (sym, file, fn) => evaluator.evaluate(sym, { file, fn, params: null }),
      pathText: (sym, file, fn) => routePathText(evaluator.partsOf(evaluator.evaluate(sym, { file, fn, params: null }), sym)),
    };
  }

  // ---------------------------------------------------------------- frontends

  private resolveFrontends(): { calls: DraftCall[]; wrappers: Map<string, WrapperTemplate> } {
    const evaluator = new Evaluator(this.program);
    const wrappers = new Map<string, WrapperTemplate>();
    /** The request inside each wrapper (a declaration, stable across rounds). */
    const wrapperDecls = new Map<string, ClientDecl>();
    const wrapperKey = (f: { file: string; id: string }) => `${f.file}#${f.id}`;
    const rctx: ResolveContext = {
      evaluator,
      value: (sym, decl) => evaluator.evaluate(sym, ctxOf(decl)),
      wrapper: (fn) => wrappers.get(wrapperKey(fn)),
    };
    const all: Array<{ ex: FrontendExtractor; decl: ClientDecl }> = [];
    for (const ex of frontendExtractors) {
      for (const e of this.entries()) {
        const d = e.parsed?.decls[ex.id];
        if (d) for (const decl of d as ClientDecl[]) all.push({ ex, decl });
      }
    }
    // Resolve until no new wrapper appears: a wrapper's callers may themselves be wrappers.
    let results = new Map<ClientDecl, { ex: FrontendExtractor; spec: RequestSpec }>();
    for (let round = 0; round < 8; round++) {
      results = new Map();
      let added = false;
      for (const { ex, decl } of all) {
        let spec: RequestSpec | null = null;
        try {
          spec = ex.resolve(decl, rctx);
        } catch (err) {
          this.log.debug(`${ex.id} resolve ${decl.file}:${decl.span.line}: ${(err as Error).message}`);
        }
        if (!spec) continue;
        results.set(decl, { ex, spec });
        if (decl.fn !== null) {
          const key = wrapperKey({ file: decl.file, id: decl.fn });
          if (!wrappers.has(key) && this.isWrapping(spec, decl, evaluator)) {
            const fn = this.program.module(decl.file)?.functions[decl.fn];
            wrappers.set(key, { fn: { file: decl.file, id: decl.fn }, name: fn?.name ?? '<anonymous>', spec });
            wrapperDecls.set(key, decl);
            added = true;
          }
        }
      }
      if (!added) break;
    }
    // Calls: every resolved request that is not the inside of a wrapper; a wrapper nobody calls keeps
    // its inner request, unresolved, with the reason.
    const calledWrappers = new Set<string>();
    for (const [, r] of results) if (r.spec.wrapper) calledWrappers.add(wrapperKey(r.spec.wrapper));
    const calls: DraftCall[] = [];
    for (const [decl, { ex, spec }] of results) {
      const wrapperKeyOfDecl = decl.fn !== null ? wrapperKey({ file: decl.file, id: decl.fn }) : null;
      const w = wrapperKeyOfDecl ? wrappers.get(wrapperKeyOfDecl) : undefined;
      // Every request inside a wrapper that is shaped by its parameters (a retry is a second one) is
      // represented by the wrapper's call sites.
      if (w && (wrapperDecls.get(wrapperKeyOfDecl!) === decl || this.isWrapping(spec, decl, evaluator))) {
        if (calledWrappers.has(wrapperKeyOfDecl!)) continue;
        calls.push(this.draftCall(decl, ex, spec, evaluator, `the URL is built from parameters of \`${w.name}\`, which is never called with arguments in this workspace`));
        continue;
      }
      calls.push(this.draftCall(decl, ex, spec, evaluator, null));
    }
    return { calls, wrappers };
  }

  /** Does a request depend on its enclosing function's parameters for its URL structure or method? */
  private isWrapping(spec: RequestSpec, decl: ClientDecl, evaluator: Evaluator): boolean {
    const own = (p: Part) => 'param' in p && p.fn === decl.fn && p.file === decl.file;
    const parts = this.urlParts(spec, evaluator);
    let inQuery = false;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (('lit' in p && /[?#]/.test(p.lit)) || isQueryPart(p)) inQuery = true;
      // A parameter in the query string or filling a whole path segment is data, not URL structure.
      if (!own(p) || inQuery) continue;
      const prev = parts[i - 1];
      const next = parts[i + 1];
      const segmentBefore = !!prev && 'lit' in prev && prev.lit.endsWith('/');
      const segmentAfter = !next || ('lit' in next && /^[/?#]/.test(next.lit)) || isQueryPart(next);
      if (!(segmentBefore && segmentAfter)) return true;
    }
    const m = spec.method;
    if (m && (m.t === 'param' ? m.fn === decl.fn && m.file === decl.file : m.t === 'str' && m.parts.some(own))) return true;
    return false;
  }

  private urlParts(spec: RequestSpec, evaluator: Evaluator): Part[] {
    const url = evaluator.partsOf(spec.url);
    if (!spec.base) return url;
    return joinBase(evaluator.partsOf(spec.base), url);
  }

  private draftCall(decl: ClientDecl, ex: FrontendExtractor, spec: RequestSpec, evaluator: Evaluator, forcedReason: string | null): DraftCall {
    const parts = this.urlParts(spec, evaluator);
    const target = forcedReason ? ({ kind: 'dynamic', why: forcedReason } as UrlTarget) : interpretUrl(parts);
    const method = methodOf(spec, evaluator);
    const envs = parts.filter((p): p is Extract<Part, { env: string }> => 'env' in p).map((p) => `env ${p.env}`);
    return { decl, extractor: ex.id, spec, parts, target, method, via: [...spec.via, ...envs] };
  }

  /** Parse not-yet-parsed files that mention a wrapper's name, so its call sites are found. */
  private async parseWrapperCallers(wrappers: Map<string, WrapperTemplate>): Promise<number> {
    if (wrappers.size === 0) return 0;
    const names = new Set<string>();
    for (const w of wrappers.values()) {
      const short = w.name.slice(w.name.lastIndexOf('.') + 1);
      if (/^[A-Za-z_$][\w$]*$/.test(short) && short.length > 2) names.add(short);
      // Exported under another name (or as default): callers may not mention the function's name.
      const mod = this.program.module(w.fn.file);
      if (mod?.exports) {
        for (const [exported, local] of Object.entries(mod.exports)) {
          const b = mod.bindings[local];
          if (b?.k === 'func' && b.id === w.fn.id) names.add(exported === 'default' ? baseName(w.fn.file) : exported);
        }
      }
    }
    if (names.size === 0) return 0;
    const re = new RegExp(`\\b(?:${[...names].map(escapeRe).join('|')})\\b`);
    let added = 0;
    for (const e of this.entries()) {
      if (e.parsed || e.skipped || e.text === null || !e.accepting.includes('wrappers')) continue;
      if (re.test(e.text)) {
        await this.parse(e);
        if (e.parsed) added++;
      }
    }
    return added;
  }

  // ---------------------------------------------------------------- assembly

  private assemble(linked: Array<{ ex: BackendExtractor; route: ReturnType<BackendExtractor['link']>[number] }>, ports: Map<string, number[]>, drafts: DraftCall[]): AnalysisResult {
    const serviceConfigs = new Map<string, ServiceConfig>();
    for (const s of this.config.services) serviceConfigs.set(normalize(s.root), s);
    const serviceOfFile = (file: string): Project => projectOf(this.projects, file);

    // Endpoints, grouped into services by project.
    const services = new Map<string, { project: Project; frameworks: Set<string>; endpoints: Endpoint[]; defaultPorts: Set<number> }>();
    const svc = (p: Project) => {
      let s = services.get(p.root);
      if (!s) {
        s = { project: p, frameworks: new Set(), endpoints: [], defaultPorts: new Set() };
        services.set(p.root, s);
      }
      return s;
    };
    // Service names are unique: a name two projects share (`apps/a/backend`, `apps/b/backend`) becomes
    // the project's folder path.
    const nameCounts = new Map<string, number>();
    const projectsWithRoutes = new Set(linked.map(({ route }) => serviceOfFile(route.file)));
    const baseName = (p: Project) => serviceConfigs.get(p.root)?.name ?? p.name;
    for (const p of projectsWithRoutes) nameCounts.set(baseName(p), (nameCounts.get(baseName(p)) ?? 0) + 1);
    const serviceName = (p: Project) => (serviceConfigs.get(p.root)?.name ?? ((nameCounts.get(p.name) ?? 0) > 1 ? p.root : p.name));
    const endpointIds = new Map<string, number>();
    for (const { ex, route } of linked) {
      const project = serviceOfFile(route.file);
      const s = svc(project);
      const name = serviceName(project);
      const prefix = serviceConfigs.get(project.root)?.pathPrefix;
      const template = prefix ? joinTemplates(parseRoutePath(prefix), parseRoutePath(route.path)) : parseRoutePath(route.path);
      const path = formatPath(template);
      const baseId = `${name}:${route.method} ${path}`;
      const n = (endpointIds.get(baseId) ?? 0) + 1;
      endpointIds.set(baseId, n);
      const rule = this.config.ignore.find((r) => ruleMatches(r, route.method, path));
      s.frameworks.add(ex.id);
      if (ex.defaultPort) s.defaultPorts.add(ex.defaultPort);
      s.endpoints.push({
        id: n === 1 ? baseId : `${baseId}#${n}`,
        service: name,
        kind: route.kind,
        method: route.method,
        path,
        framework: ex.id,
        source: 'code',
        file: route.file,
        ...route.span,
        handler: route.handler,
        confidence: route.confidence,
        notes: route.notes,
        ignored: rule ? rule.reason : null,
        callers: [],
      });
    }

    // Service records for matching.
    const recs: ServiceRec[] = [];
    const recByRoot = new Map<string, ServiceRec>();
    const outServices: Service[] = [];
    for (const [root, s] of [...services.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const cfg = serviceConfigs.get(root);
      const name = serviceName(s.project);
      const portSet = new Set<number>([...(cfg?.ports ?? []), ...(ports.get(root) ?? []), ...s.project.scriptPorts]);
      const origin = serviceOrigin(cfg?.baseUrl);
      if (origin?.port) portSet.add(origin.port);
      if (portSet.size === 0) for (const p of s.defaultPorts) portSet.add(p);
      const rec: ServiceRec = { name, root, ports: [...portSet].sort((a, b) => a - b), origin, endpoints: [] };
      for (const ep of s.endpoints) rec.endpoints.push({ ep, template: parseRoutePath(ep.path), service: rec });
      recs.push(rec);
      recByRoot.set(root, rec);
      outServices.push({ name, root, framework: [...s.frameworks].sort().join('+'), ...(cfg?.baseUrl ? { baseUrl: cfg.baseUrl } : {}), ...(cfg?.pathPrefix ? { pathPrefix: cfg.pathPrefix } : {}), ports: rec.ports });
    }

    // Projects whose backend framework we do not index: their routes are invisible to us.
    const unindexed: string[] = [];
    const unindexedPorts = new Set<number>();
    for (const p of this.projects) {
      for (const fw of KNOWN_BACKEND_FRAMEWORKS) {
        if (!fw.deps.some((d) => hasDependency(p, d))) continue;
        const supported = backendExtractors.some((x) => x.id === fw.id);
        if (!supported) {
          unindexed.push(`${fw.title} (${p.root === '.' ? 'workspace root' : p.root})`);
          for (const port of [fw.port, ...p.scriptPorts]) unindexedPorts.add(port);
          this.notes.push({ level: 'warning', message: `${fw.title} backend in ${p.root === '.' ? 'the workspace root' : p.root} is not indexed yet: API Parity does not read ${fw.title} routes, so calls that may target it are not reported missing` });
        } else if (!services.get(p.root)?.frameworks.has(fw.id)) {
          this.notes.push({ level: 'info', message: `${p.root === '.' ? 'The workspace root' : p.root} depends on ${fw.title}, but no ${fw.title} routes were found in it` });
        }
      }
    }

    // Calls. Outcomes are reused while the services and endpoints are unchanged (an edit to a frontend
    // file re-matches only that file's calls).
    const envKey = hashText(JSON.stringify([recs.map((r) => [r.name, r.root, r.ports, r.origin?.text ?? '', r.endpoints.map((e) => [e.ep.id, e.ep.path, e.ep.method, e.ep.kind])]), [...unindexedPorts]]));
    if (this.analyzer.matchMemo.envKey !== envKey) this.analyzer.matchMemo = new MatchMemo(envKey);
    const memo = this.analyzer.matchMemo.bind(recs);
    const calls: Call[] = [];
    const callIds = new Set<string>();
    const matches: Array<{ call: Call; outcome: MatchOutcome | null }> = [];
    for (const d of drafts.sort((a, b) => a.decl.file.localeCompare(b.decl.file) || a.decl.span.line - b.decl.span.line || a.decl.span.column - b.decl.span.column)) {
      let id = `${d.decl.file}:${d.decl.span.line}:${d.decl.span.column}`;
      if (callIds.has(id)) id += `:${d.spec.client}`;
      if (callIds.has(id)) continue;
      callIds.add(id);
      const t = d.target;
      const url = displayParts(d.parts);
      const own = recByRoot.get(serviceOfFile(d.decl.file).root) ?? null;
      const base = { id, kind: d.spec.kind, method: d.method, file: d.decl.file, ...d.decl.anchor, client: d.spec.client, url, via: d.via };
      if (t.kind === 'dynamic') {
        const call: Call = { ...base, path: null, resolved: false, reason: t.why, external: false, origin: null, endpoint: null, status: 'unresolved' };
        calls.push(call);
        matches.push({ call, outcome: null });
        continue;
      }
      const template = parseCallPath(t.path);
      const outcome = memo.get(d, t, own, () => matchCall({ kind: d.spec.kind, method: d.method, target: t, template, own }, { services: recs, unindexedPorts }));
      const resolved = t.kind !== 'unknown-base';
      const reasonBase = t.kind === 'unknown-base' ? `the base URL \`${t.base}\` could not be evaluated` : null;
      const callPath = formatPath(template).replace(/\{[^}]*\}/g, '{}');
      let call: Call;
      switch (outcome.status) {
        case 'matched':
          call = { ...base, path: callPath, resolved, reason: reasonBase ?? outcome.assumption, external: false, origin: null, endpoint: outcome.endpoint.ep.id, status: 'matched' };
          outcome.endpoint.ep.callers.push(id);
          break;
        case 'external':
          call = { ...base, path: callPath, resolved: true, reason: outcome.reason, external: true, origin: outcome.origin, endpoint: null, status: 'external' };
          break;
        case 'no-services': {
          const why = unindexed.length ? `it may target ${unindexed.join(', ')}, whose routes are not indexed` : outcome.reason;
          call = { ...base, path: callPath, resolved, reason: reasonBase ?? `not checked: ${why}`, external: false, origin: null, endpoint: null, status: resolved ? 'unchecked' : 'unresolved' };
          break;
        }
        case 'method-mismatch':
          call = { ...base, path: callPath, resolved, reason: reasonBase, external: false, origin: null, endpoint: null, status: resolved ? 'method-mismatch' : 'unresolved' };
          break;
        case 'missing': {
          const status = !resolved ? 'unresolved' : unindexed.length ? 'unchecked' : 'missing';
          const reason = reasonBase ?? (status === 'unchecked' ? `not checked: it may target ${unindexed.join(', ')}, whose routes are not indexed` : null);
          call = { ...base, path: callPath, resolved, reason, external: false, origin: null, endpoint: null, status };
          break;
        }
      }
      if ((call.status === 'missing' || call.status === 'method-mismatch') && call.path) {
        const rule = this.config.ignore.find((r) => ruleMatches(r, call.method, call.path!));
        if (rule) call = { ...call, status: 'ignored', reason: `ignored: ${rule.reason}` };
      }
      calls.push(call);
      matches.push({ call, outcome });
    }

    const allEndpoints = recs.flatMap((r) => r.endpoints.map((e) => e.ep));
    allEndpoints.sort((a, b) => a.service.localeCompare(b.service) || a.path.localeCompare(b.path) || methodOrder(a.method) - methodOrder(b.method) || a.file.localeCompare(b.file) || a.line - b.line);
    const gaps = buildGaps({ endpoints: allEndpoints, matches, severity: (k) => severityOf(this.config, k) });

    const skipped: SkippedFile[] = [];
    const fileNotes: AnalysisNote[] = [];
    for (const e of this.entries()) {
      if (e.skipped) skipped.push(e.skipped);
      fileNotes.push(...e.notes);
    }
    const used = allEndpoints.filter((e) => e.callers.length > 0).length;
    const ignored = allEndpoints.filter((e) => e.ignored !== null && e.callers.length === 0).length;
    const unused = allEndpoints.filter((e) => e.callers.length === 0 && e.ignored === null).length;
    const denominator = allEndpoints.length - ignored;
    const summary: Summary = {
      endpoints: allEndpoints.length,
      used,
      unused,
      ignored,
      calls: calls.length,
      resolvedCalls: calls.filter((c) => c.resolved).length,
      external: calls.filter((c) => c.external).length,
      missing: calls.filter((c) => c.status === 'missing').length,
      methodMismatch: calls.filter((c) => c.status === 'method-mismatch').length,
      coverage: denominator > 0 ? Math.round((used / denominator) * 1000) / 1000 : 1,
      filesScanned: this.files.filter(isSourceFile).length,
      filesParsed: [...this.entries()].filter((e) => e.parsed).length,
    };
    return {
      schemaVersion: 1,
      root: this.opts.root,
      services: outServices,
      endpoints: allEndpoints,
      calls,
      gaps,
      skipped: skipped.sort((a, b) => a.file.localeCompare(b.file)),
      notes: [...this.notes, ...fileNotes],
      summary,
    };
  }
}

interface DraftCall {
  readonly decl: ClientDecl;
  readonly extractor: string;
  readonly spec: RequestSpec;
  readonly parts: readonly Part[];
  readonly target: UrlTarget;
  readonly method: MethodOrAny;
  readonly via: readonly string[];
}

function ctxOf(decl: ClientDecl): Ctx {
  return { file: decl.file, fn: decl.fn, params: null };
}

function isLazy(id: string): boolean {
  return id === 'wrappers';
}

/** The HTTP method of a request: literal, else inferred from a wrapper's name, else any. */
function methodOf(spec: RequestSpec, evaluator: Evaluator): MethodOrAny {
  const v: Value | null = spec.method;
  if (v === null || (v.t === 'unknown' && v.absent)) return spec.defaultMethod;
  const parts = evaluator.partsOf(v);
  const text = literalText(parts);
  if (text !== null) {
    const m = text.toUpperCase();
    return (HTTP_METHODS as readonly string[]).includes(m) ? (m as MethodOrAny) : '*';
  }
  const name = spec.via[0] ?? '';
  if (/^(post|create|add|submit|send|upload|login|register)/i.test(name)) return 'POST';
  if (/^(put|replace|set)/i.test(name)) return 'PUT';
  if (/^patch/i.test(name)) return 'PATCH';
  if (/^(delete|remove|destroy)/i.test(name)) return 'DELETE';
  if (/^(get|fetch|load|list|find|read)/i.test(name)) return 'GET';
  return '*';
}

/** Route path text from parts: unknown pieces become `{expr}` parameters and are reported. */
function routePathText(parts: readonly Part[]): { text: string; unresolved: string[] } {
  const unresolved: string[] = [];
  let text = '';
  for (const p of parts) {
    if ('lit' in p) text += p.lit;
    else if ('env' in p) {
      if (p.fallback && isLiteral(p.fallback)) text += literalText(p.fallback);
      else {
        text += `{${p.env}}`;
        unresolved.push(`\`${p.env}\` (env)`);
      }
    } else {
      const label = 'param' in p ? p.name : p.dyn;
      text += `{${label.replace(/[{}/]/g, '')}}`;
      unresolved.push(`\`${label}\``);
    }
  }
  return { text, unresolved };
}

function portValue(v: Value): number | null {
  if (v.t === 'num') return v.v;
  if (v.t === 'str') {
    for (const p of v.parts) {
      if ('lit' in p && /^\d{2,5}$/.test(p.lit)) return Number(p.lit);
      if ('env' in p && p.fallback) {
        const t = literalText(p.fallback);
        if (t && /^\d{2,5}$/.test(t)) return Number(t);
      }
    }
  }
  return null;
}

function methodOrder(m: MethodOrAny): number {
  const i = (HTTP_METHODS as readonly string[]).indexOf(m);
  return i < 0 ? 99 : i;
}

function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return text.length / lines > 500;
}

function fmtBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;
}

function baseName(file: string): string {
  const b = file.slice(file.lastIndexOf('/') + 1);
  return b.replace(/\.[^.]+$/, '');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Match outcomes keyed by what a call's match depends on (its target, path, method, kind and own
 * service), stored by endpoint id so they survive the rebuilding of endpoint records between runs.
 */
export class MatchMemo {
  private readonly store = new Map<string, StoredOutcome>();

  constructor(readonly envKey: string) {}

  bind(recs: readonly ServiceRec[]): { get(d: DraftCall, t: UrlTarget, own: ServiceRec | null, compute: () => MatchOutcome): MatchOutcome } {
    const byId = new Map<string, EndpointRec>();
    const byRoot = new Map<string, ServiceRec>();
    for (const r of recs) {
      byRoot.set(r.root, r);
      for (const e of r.endpoints) byId.set(e.ep.id, e);
    }
    const ep = (id: string) => byId.get(id)!;
    return {
      get: (d, t, own, compute) => {
        const key = JSON.stringify([t, d.method, d.spec.kind, own?.root ?? null]);
        const hit = this.store.get(key);
        if (hit) {
          switch (hit.status) {
            case 'matched':
              return { status: 'matched', endpoint: ep(hit.endpoint), assumption: hit.assumption };
            case 'method-mismatch':
              return { status: 'method-mismatch', samePath: hit.samePath.map(ep) };
            case 'missing':
              return { status: 'missing', searched: hit.searched.map((n) => byRoot.get(n)!), nearest: hit.nearest.map(ep) };
            default:
              return hit;
          }
        }
        const o = compute();
        const stored: StoredOutcome =
          o.status === 'matched'
            ? { status: 'matched', endpoint: o.endpoint.ep.id, assumption: o.assumption }
            : o.status === 'method-mismatch'
              ? { status: 'method-mismatch', samePath: o.samePath.map((e) => e.ep.id) }
              : o.status === 'missing'
                ? { status: 'missing', searched: o.searched.map((s) => s.root), nearest: o.nearest.map((e) => e.ep.id) }
                : o;
        this.store.set(key, stored);
        return o;
      },
    };
  }
}

type StoredOutcome =
  | { readonly status: 'matched'; readonly endpoint: string; readonly assumption: string | null }
  | { readonly status: 'method-mismatch'; readonly samePath: readonly string[] }
  | { readonly status: 'missing'; readonly searched: readonly string[]; readonly nearest: readonly string[] }
  | Extract<MatchOutcome, { status: 'external' | 'no-services' }>;
