/**
 * Pass 5, requests: every framework's `requests.resolve` over the calls its `extract` recorded, with
 * wrapper discovery to a fixpoint (a function whose parameters shape a request becomes a template, and
 * its call sites become the requests). A `resolve` that throws is a recorded note, and the call is kept
 * as unresolved with the reason, never dropped.
 */
import type { ClientDecl, Framework, RequestSpec, ResolveContext, WrapperTemplate } from '../frameworks/types';
import { indexedFrameworks } from '../frameworks/registry';
import { Evaluator, type FnRef } from '../resolve/evaluate';
import type { Ctx } from '../resolve/evaluate';
import type { WorkspaceProgram } from '../resolve/modules';
import type { FileStore } from './files';
import type { RunContext } from './types';
import { NO_ENV_FILES, type EnvFiles } from './dotenv';
import { isWrapping, wrapperKey } from './wrappers';
import { finishDrafts, withEnvFiles, type DraftCall, type Tracked } from './drafts';
import { withSharedBase, type FoundBase } from './sharedBases';
import { fileRole } from '../project/roles';
import type { OutcomeMemo, RequestOutcome } from './outcomeMemo';

export { OutcomeMemo, type RequestOutcome } from './outcomeMemo';
import type { Value } from '../resolve/evaluate';

const spanKey = (d: ClientDecl): string => `${d.file}:${d.span.line}:${d.span.column}`;

export type { DraftCall } from './drafts';
import { pushTo } from '../multimap';

export interface RequestIndex {
  readonly drafts: readonly DraftCall[];
  readonly wrappers: ReadonlyMap<string, WrapperTemplate>;
}

const MAX_WRAPPER_DEPTH = 8;
/** The reads of a declaration not resolved yet (replaced when it is). */
const EMPTY_READS: Set<string> = new Set();


/**
 * What a run may take from the last one: the outcomes by declaration, for the declarations that read
 * none of the `changed` files (`changed` null: none is taken). A reused outcome is resolved again when a
 * wrapper it asked for is resolved again or appears.
 */
export interface RequestReuse {
  readonly memo: OutcomeMemo;
  readonly changed: ReadonlySet<string> | null;
}

/**
 * Requests resolved to a fixpoint of wrapper discovery, incrementally: `settle` resolves the
 * declarations of sources added since the last call (and those waiting for a wrapper that has appeared
 * since), so a discovery round that parses a few more files does not resolve every call again.
 * Each declaration's result depends only on the modules it reads (unchanged within a run) and on the
 * wrappers it asked for, so the outcome equals resolving everything at the end.
 */
export class RequestResolution {
  private readonly evaluator: Evaluator;
  readonly wrappers = new Map<string, WrapperTemplate>();
  /** The request inside each wrapper (a declaration, stable across rounds). */
  private readonly wrapperDecls = new Map<string, ClientDecl>();
  private readonly all: Array<{ fw: Framework; decl: ClientDecl }> = [];
  /**
   * Every declaration, in the order they were met: those of `all` and those of inert lists (see
   * {@link OutcomeMemo.takeInert}), which `all` leaves out since they make no request.
   */
  private readonly met: Array<{ fw: Framework; decl: ClientDecl }> = [];
  /** The declarations recorded at each call (`file:line:column`), by index in `met` (indexed on first use, up to `spanned`). */
  private readonly atSpan = new Map<string, number[]>();
  private spanned = 0;
  /** Each list of declarations resolved (or taken) one by one in this run: its first index in `all` and its length. */
  private readonly lists: Array<{ list: readonly ClientDecl[]; from: number; count: number }> = [];
  /** The modules the inert lists this run took read. */
  private readonly inertReads = new Set<string>();
  /** Bases set for requests made elsewhere (`setting` declarations), read again in every run. */
  private readonly settings: Array<{ fw: Framework; decl: ClientDecl }> = [];
  private readonly results: Array<{ fw: Framework; spec: RequestSpec } | undefined> = [];
  private readonly failures: Array<{ fw: Framework; error: string } | undefined> = [];
  private readonly stale: number[] = [];
  /** Missing wrapper → the declarations that asked for it. */
  private readonly waiting = new Map<string, number[]>();
  private readonly seen = new Set<object>();
  private current = 0;
  private readonly rctx: ResolveContext;
  /**
   * Per declaration: the modules its outcome read, and the wrappers it asked for (a reused outcome's own
   * lists, shared with the last run: drafting may add reads of the same declaration to them).
   */
  private readonly reads: Array<Set<string>> = [];
  private readonly asked: string[][] = [];
  /** Declarations whose outcome is the last run's (until resolved again): 1 by index in `all`. */
  private readonly reused: number[] = [];
  /** Wrapper key → the declarations with a reused outcome that asked for it. */
  private readonly reusedAskers = new Map<string, number[]>();
  /** Wrapper key → the declaration that is the wrapper. */
  private readonly wrapperIndex = new Map<string, number>();
  /** Something was marked stale since the round began (a new wrapper, a wrapper resolved again). */
  private restaled = false;

  constructor(
    private readonly ctx: RunContext,
    private readonly store: FileStore,
    private readonly program: WorkspaceProgram,
    private readonly reuse: RequestReuse,
  ) {
    const evaluator = (this.evaluator = new Evaluator(program));
    const wrapper = (fn: FnRef) => {
      const key = wrapperKey(fn);
      this.asked[this.current]!.push(key);
      const w = this.wrappers.get(key);
      if (w) {
        // The caller's outcome depends on what the wrapper's outcome read.
        const into = program.readsInto;
        const from = this.reads[this.wrapperIndex.get(key)!];
        if (into && from) for (const f of from) into.add(f);
      } else pushTo(this.waiting, key, this.current);
      return w;
    };
    const globalClients = (file: string, name: string) => this.globalClients(file, name);
    this.rctx = { evaluator, value: (sym, decl) => evaluator.evaluate(sym, { file: decl.file, fn: decl.fn, params: null }), wrapper, globalClients, bound: (fn, args) => this.bound(fn, args, 0) };
  }

  /** The values the project of `file` gives every component as `this.<name>` (`Vue.prototype.$http = …`), outside test files. */
  private globalClients(file: string, name: string): Array<{ value: Value; file: string }> {
    const project = this.store.fileRef(file).project.root;
    return this.settings
      .filter(({ decl }) => decl.global === name && fileRole(this.ctx.config, decl.file) !== 'test' && this.store.fileRef(decl.file).project.root === project)
      .map(({ decl }) => ({ value: this.rctx.value(decl.args[0]!, decl), file: decl.file }));
  }

  /**
   * The request a call of `fn` makes, when `fn` is a wrapper whose client is given per call
   * (`RequestSpec.deferred`): its request resolved again with `fn`'s parameters, receiver and closure bound.
   */
  private bound(fn: Extract<Value, { t: 'fn' }>, args: readonly Value[], depth: number): RequestSpec | null {
    const d = this.rctx.wrapper(fn)?.spec.deferred;
    if (!d || depth >= MAX_WRAPPER_DEPTH) return null;
    const at: Ctx = { file: fn.file, fn: fn.id, params: args, ...(fn.self ? { self: fn.self } : {}), ...(fn.env ? { outer: fn.env } : {}) };
    const ev = this.evaluator;
    const rctx: ResolveContext = { ...this.rctx, value: (sym, decl) => ev.evaluate(sym, decl.fn === d.decl.fn && decl.file === d.decl.file ? at : { file: decl.file, fn: decl.fn, params: null }), bound: (f, a) => this.bound(f, a, depth + 1) };
    // Every contribution that recorded the call, a client's before the wrappers' (as when drafting).
    for (; this.spanned < this.met.length; this.spanned++) pushTo(this.atSpan, spanKey(this.met[this.spanned]!.decl), this.spanned);
    const here = (this.atSpan.get(spanKey(d.decl)) ?? []).map((i) => this.met[i]!).sort((a, b) => Number(!!a.fw.requests!.lazy) - Number(!!b.fw.requests!.lazy));
    let still: RequestSpec | null = null;
    for (const { fw, decl } of here) {
      const spec = fw.requests!.resolve(decl, rctx);
      if (spec && !spec.deferred) return spec;
      still ??= spec;
    }
    return still;
  }

  /** Resolve the declarations of new sources, and everything they make stale, until no new wrapper appears. */
  async settle(): Promise<void> {
    const fresh = this.store.sources().filter((e) => !this.seen.has(e));
    for (const e of fresh) this.seen.add(e);
    const taken: number[] = [];
    // Each framework's declarations, in source order (a pass over the sources, not one per framework).
    const byFramework = new Map<string, Array<readonly ClientDecl[]>>();
    for (const e of fresh) {
      for (const id in e.parsed.decls.requests) {
        const list = e.parsed.decls.requests[id]!;
        if (list.length === 0) continue;
        pushTo(byFramework, id, list);
      }
    }
    for (const fw of indexedFrameworks) {
      if (!fw.requests) continue;
      for (const list of byFramework.get(fw.id) ?? []) {
        const inert = this.reuse.changed ? this.reuse.memo.takeInert(list, this.reuse.changed) : undefined;
        if (inert) {
          for (const f of inert) this.inertReads.add(f);
          for (const decl of list) this.met.push({ fw, decl });
          continue;
        }
        this.lists.push({ list, from: this.all.length, count: 0 });
        for (const decl of list) {
          if (decl.setting) {
            this.settings.push({ fw, decl });
            continue;
          }
          this.met.push({ fw, decl });
          this.lists[this.lists.length - 1]!.count++;
          const i = this.all.push({ fw, decl }) - 1;
          const last = this.lastOutcome(decl);
          this.asked.push(last ? (last.asked as string[]) : []);
          this.reads.push(last ? (last.reads as Set<string>) : EMPTY_READS);
          this.reused.push(last ? 1 : 0);
          this.stale.push(last ? 0 : 1);
          if (!last) continue;
          this.take(i, last);
          taken.push(i);
        }
      }
    }
    // Only now that every reused wrapper is back: a reused outcome that missed a wrapper waits for it.
    for (const i of taken) {
      for (const key of this.asked[i]!) {
        pushTo(this.reusedAskers, key, i);
        if (!this.wrappers.has(key)) pushTo(this.waiting, key, i);
      }
    }
    for (let round = 0; round < MAX_WRAPPER_DEPTH; round++) {
      this.restaled = false;
      for (let i = 0; i < this.all.length; i++) {
        if (!this.stale[i]) continue;
        await this.ctx.pause();
        this.stale[i] = 0;
        this.resolveOne(i);
      }
      if (!this.restaled) break;
    }
  }

  /** The last run's outcome of a declaration, when it read none of the files the edit changed. */
  private lastOutcome(decl: ClientDecl): RequestOutcome | undefined {
    const changed = this.reuse.changed;
    return changed ? this.reuse.memo.take(decl, changed) : undefined;
  }

  private markStale(list: readonly number[] | undefined): void {
    for (const j of list ?? []) {
      this.stale[j] = 1;
      this.restaled = true;
    }
  }

  /** Resolve declaration `i`, recording what it reads; a wrapper resolved again makes its reused callers stale. */
  private resolveOne(i: number): void {
    this.current = i;
    this.reused[i] = 0;
    const { fw, decl } = this.all[i]!;
    const reads = (this.reads[i] = new Set());
    this.asked[i] = [];
    this.program.readsInto = reads;
    try {
      let outcome: RequestOutcome;
      try {
        outcome = { spec: fw.requests!.resolve(decl, this.rctx), reads, asked: this.asked[i]! };
      } catch (err) {
        outcome = { error: (err as Error).message, reads, asked: this.asked[i]! };
      }
      this.take(i, outcome);
      this.reuse.memo.record(decl, outcome);
    } finally {
      this.program.readsInto = null;
    }
    if (decl.fn !== null) this.markStale(this.reusedAskers.get(wrapperKey({ file: decl.file, id: decl.fn }))?.filter((j) => this.reused[j] === 1));
  }

  /** Record declaration `i`'s outcome (resolved now, or the last run's); a new wrapper makes its waiters stale. */
  private take(i: number, outcome: RequestOutcome): void {
    const { fw, decl } = this.all[i]!;
    this.failures[i] = 'error' in outcome ? { fw, error: outcome.error } : undefined;
    const spec = 'spec' in outcome ? outcome.spec : null;
    this.results[i] = spec ? { fw, spec } : undefined;
    if (!spec || decl.fn === null) return;
    const key = wrapperKey({ file: decl.file, id: decl.fn });
    if (this.wrappers.has(key) || !isWrapping(spec, decl, this.evaluator)) return;
    const fn = this.program.module(decl.file)?.functions[decl.fn];
    this.wrappers.set(key, { fn: { file: decl.file, id: decl.fn }, name: fn?.name ?? '<anonymous>', spec });
    this.wrapperDecls.set(key, decl);
    this.wrapperIndex.set(key, i);
    this.markStale(this.waiting.get(key));
    this.waiting.delete(key);
  }

  /** The drafts, in the order of the frameworks and then of the sources (as if resolved in one go); `env`: values from `.env` files. */
  async finish(env: EnvFiles = NO_ENV_FILES): Promise<RequestIndex> {
    // By framework, then source file, then place in the file (declarations of one file and framework
    // were added together, in their order).
    const fwRank = new Map(indexedFrameworks.map((fw, i) => [fw, i] as const));
    const srcRank = new Map(this.store.sources().map((e, i) => [e.path, i] as const));
    const fwOf = this.all.map((a) => fwRank.get(a.fw)!);
    const srcOf = this.all.map((a) => srcRank.get(a.decl.file) ?? -1);
    const before = (a: number, b: number) => fwOf[a]! - fwOf[b]! || srcOf[a]! - srcOf[b]! || a - b;
    const order = this.all.map((_, i) => i);
    if (order.some((i) => i > 0 && before(i - 1, i) > 0)) order.sort(before);
    const pick = <V>(list: ReadonlyArray<V | undefined>) => order.map((i) => list[i]);
    // Only resolved requests are drafted.
    const indexOf = new Map<ClientDecl, number>();
    this.results.forEach((r, i) => r && indexOf.set(this.all[i]!.decl, i));
    // Drafting reads modules too (receivers, alternatives): those reads are the outcome's as well.
    const tracked: Tracked = (decl, compute) => {
      const reads = this.reads[indexOf.get(decl)!];
      this.program.readsInto = reads && reads !== EMPTY_READS ? reads : null;
      try {
        return compute();
      } finally {
        this.program.readsInto = null;
      }
    };
    const bases = await this.sharedBases();
    const withBases = (spec: RequestSpec, decl: ClientDecl) => withSharedBase(spec, this.store.fileRef(decl.file).project.root, bases, this.evaluator);
    const sides = { wrappers: this.wrappers, wrapperDecls: this.wrapperDecls, evaluator: this.evaluator, tracked, withBases };
    const drafts = await finishDrafts(this.ctx, pick(this.all), pick(this.results), pick(this.failures), sides);
    return { drafts: drafts.map((d) => withEnvFiles(d, env)), wrappers: this.wrappers };
  }

  /** The bases set for requests made elsewhere, outside test files; a setting that throws is a note. */
  private async sharedBases(): Promise<FoundBase[]> {
    const out: FoundBase[] = [];
    for (const { fw, decl } of this.settings) {
      if (fileRole(this.ctx.config, decl.file) === 'test') continue;
      await this.ctx.pause();
      try {
        const s = fw.requests!.setting?.(decl, this.rctx);
        if (s) out.push({ ...s, file: decl.file, line: decl.span.line, project: this.store.fileRef(decl.file).project.root });
      } catch (err) {
        this.ctx.notes.push({ level: 'warning', code: 'request-failed', message: `${fw.title} could not read the base set at line ${decl.span.line}: ${(err as Error).message}`, file: decl.file });
      }
    }
    return out;
  }

  /**
   * Record the lists of this run whose declarations made no request, failed none and asked for no
   * wrapper (a setting is never inert): an edit run that changed none of the modules they read takes
   * them whole. Called once the run's outcomes are final.
   */
  rememberInert(): void {
    for (const { list, from, count } of this.lists) {
      if (count !== list.length) continue;
      const reads = new Set<string>();
      let inert = true;
      for (let i = from; i < from + count && inert; i++) {
        inert = this.results[i] === undefined && this.failures[i] === undefined && this.asked[i]!.length === 0;
        for (const f of this.reads[i]!) reads.add(f);
      }
      if (inert) this.reuse.memo.recordInert(list, [...reads]);
    }
  }

  /** The modules the outcomes taken from the last run read (this run did not read them again). */
  reusedReads(): Set<string> {
    const out = new Set<string>(this.inertReads);
    this.reused.forEach((r, i) => {
      if (r) for (const f of this.reads[i]!) out.add(f);
    });
    return out;
  }
}
