/**
 * Pass 5, requests: every framework's `requests.resolve` over the calls its `extract` recorded, with
 * wrapper discovery to a fixpoint (a function whose parameters shape a request becomes a template, and
 * its call sites become the requests). A `resolve` that throws is a recorded note, and the call is kept
 * as unresolved with the reason, never dropped.
 */
import type { ClientDecl, Framework, RequestSpec, ResolveContext, WrapperTemplate } from '../frameworks/types';
import { indexedFrameworks } from '../frameworks/registry';
import { interpretUrl, isQueryPart, type UrlTarget } from '../match/url';
import { Evaluator, literalText, type Ctx, type FnRef, type Part, type Value } from '../resolve/evaluate';
import { expandParts } from '../resolve/parts';
import type { WorkspaceProgram } from '../resolve/modules';
import { HTTP_METHODS, type MethodOrAny } from '../types';
import type { FileStore } from './files';
import type { RunContext } from './types';
import { NO_ENV_FILES, type EnvFiles } from './dotenv';
import { isWrapping, urlParts, wrapperKey } from './wrappers';

const spanKey = (d: ClientDecl): string => `${d.file}:${d.span.line}:${d.span.column}`;

/** A request found in the code, before matching. */
export interface DraftCall {
  readonly decl: ClientDecl;
  readonly framework: string;
  readonly spec: RequestSpec;
  readonly parts: readonly Part[];
  readonly target: UrlTarget;
  readonly method: MethodOrAny;
  readonly via: readonly string[];
  /** Which of several alternative URLs or methods this is (1-based), or null when there is no choice. */
  readonly alternative: number | null;
  /** Which URL alternative it is, and how many methods were possible for it (see the http relation). */
  readonly urlChoice: number;
  readonly methodChoices: number;
  /**
   * Why the call is not known to be made although its path is (a wrapper nobody calls, whose URL's shape is
   * read from its body): the routes it matches get it as a possible caller, never as a caller.
   */
  readonly possibleOnly?: string;
}

export interface RequestIndex {
  readonly drafts: readonly DraftCall[];
  readonly wrappers: ReadonlyMap<string, WrapperTemplate>;
}

const MAX_WRAPPER_DEPTH = 8;

/** A declaration's outcome in the last run: its request (or null), or the error its `resolve` threw. */
export type RequestOutcome = { readonly spec: RequestSpec | null } | { readonly error: string };

/**
 * What an edit run may take from the last one: the outcomes by declaration (an unchanged file keeps its
 * declaration objects), for the declarations whose file `affected` says the edit cannot have changed.
 */
export interface RequestReuse {
  readonly last: WeakMap<ClientDecl, RequestOutcome>;
  readonly affected: (file: string) => boolean;
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
  /** The declarations recorded at each call (`file:line:column`), by index in `all`. */
  private readonly atSpan = new Map<string, number[]>();
  private readonly results: Array<{ fw: Framework; spec: RequestSpec } | undefined> = [];
  private readonly failures: Array<{ fw: Framework; error: string } | undefined> = [];
  private readonly stale: number[] = [];
  /** Missing wrapper → the declarations that asked for it. */
  private readonly waiting = new Map<string, number[]>();
  private readonly seen = new Set<object>();
  private current = 0;
  private readonly rctx: ResolveContext;

  constructor(
    private readonly ctx: RunContext,
    private readonly store: FileStore,
    private readonly program: WorkspaceProgram,
    private readonly reuse: RequestReuse | null = null,
  ) {
    const evaluator = (this.evaluator = new Evaluator(program));
    const wrapper = (fn: FnRef) => {
      const key = wrapperKey(fn);
      const w = this.wrappers.get(key);
      if (!w) {
        const list = this.waiting.get(key);
        if (list) list.push(this.current);
        else this.waiting.set(key, [this.current]);
      }
      return w;
    };
    this.rctx = { evaluator, value: (sym, decl) => evaluator.evaluate(sym, { file: decl.file, fn: decl.fn, params: null }), wrapper, bound: (fn, args) => this.bound(fn, args, 0) };
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
    const here = (this.atSpan.get(spanKey(d.decl)) ?? []).map((i) => this.all[i]!).sort((a, b) => Number(!!a.fw.requests!.lazy) - Number(!!b.fw.requests!.lazy));
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
    for (const fw of indexedFrameworks) {
      if (!fw.requests) continue;
      for (const e of fresh) {
        for (const decl of e.parsed.decls.requests[fw.id] ?? []) {
          this.all.push({ fw, decl });
          const at = this.atSpan.get(spanKey(decl));
          if (at) at.push(this.all.length - 1);
          else this.atSpan.set(spanKey(decl), [this.all.length - 1]);
          const last = this.reuse && !this.reuse.affected(decl.file) ? this.reuse.last.get(decl) : undefined;
          this.stale.push(last ? 0 : 1);
          if (last) this.take(this.all.length - 1, last);
        }
      }
    }
    for (let round = 0; round < MAX_WRAPPER_DEPTH; round++) {
      let added = false;
      for (let i = 0; i < this.all.length; i++) {
        if (!this.stale[i]) continue;
        await this.ctx.pause();
        this.stale[i] = 0;
        if (this.resolveOne(i)) added = true;
      }
      if (!added) break;
    }
  }

  /** Resolve declaration `i`; true when it turned out to be a new wrapper. */
  private resolveOne(i: number): boolean {
    this.current = i;
    const { fw, decl } = this.all[i]!;
    try {
      return this.take(i, { spec: fw.requests!.resolve(decl, this.rctx) });
    } catch (err) {
      return this.take(i, { error: (err as Error).message });
    }
  }

  /** Record declaration `i`'s outcome (resolved now, or the last run's); true when it is a new wrapper. */
  private take(i: number, outcome: RequestOutcome): boolean {
    const { fw, decl } = this.all[i]!;
    this.failures[i] = 'error' in outcome ? { fw, error: outcome.error } : undefined;
    const spec = 'spec' in outcome ? outcome.spec : null;
    this.results[i] = spec ? { fw, spec } : undefined;
    if (!spec || decl.fn === null) return false;
    const key = wrapperKey({ file: decl.file, id: decl.fn });
    if (this.wrappers.has(key) || !isWrapping(spec, decl, this.evaluator)) return false;
    const fn = this.program.module(decl.file)?.functions[decl.fn];
    this.wrappers.set(key, { fn: { file: decl.file, id: decl.fn }, name: fn?.name ?? '<anonymous>', spec });
    this.wrapperDecls.set(key, decl);
    for (const j of this.waiting.get(key) ?? []) this.stale[j] = 1;
    this.waiting.delete(key);
    return true;
  }

  /** The drafts, in the order of the frameworks and then of the sources (as if resolved in one go); `env`: values from `.env` files. */
  async finish(env: EnvFiles = NO_ENV_FILES): Promise<RequestIndex> {
    const position = new Map<ClientDecl, number>();
    for (const fw of indexedFrameworks) {
      if (!fw.requests) continue;
      for (const e of this.store.sources()) for (const decl of e.parsed.decls.requests[fw.id] ?? []) position.set(decl, position.size);
    }
    const order = this.all.map((_, i) => i).sort((a, b) => position.get(this.all[a]!.decl)! - position.get(this.all[b]!.decl)!);
    const pick = <V>(list: ReadonlyArray<V | undefined>) => order.map((i) => list[i]);
    const drafts = await finishDrafts(this.ctx, pick(this.all), pick(this.results), pick(this.failures), this.wrappers, this.wrapperDecls, this.evaluator);
    return { drafts: drafts.map((d) => withEnvFiles(d, env)), wrappers: this.wrappers };
  }

  /** Every declaration's outcome in this run, for the next run's {@link RequestReuse}. */
  outcomes(): WeakMap<ClientDecl, RequestOutcome> {
    const out = new WeakMap<ClientDecl, RequestOutcome>();
    this.all.forEach(({ decl }, i) => out.set(decl, this.failures[i] ? { error: this.failures[i]!.error } : { spec: this.results[i]?.spec ?? null }));
    return out;
  }
}

/** The drafts in declaration order, and a note (and an unresolved draft) for each `resolve` that threw. */
async function finishDrafts(ctx: RunContext, all: ReadonlyArray<{ decl: ClientDecl } | undefined>, resultList: ReadonlyArray<{ fw: Framework; spec: RequestSpec } | undefined>, failureList: ReadonlyArray<{ fw: Framework; error: string } | undefined>, wrappers: ReadonlyMap<string, WrapperTemplate>, wrapperDecls: ReadonlyMap<string, ClientDecl>, evaluator: Evaluator): Promise<DraftCall[]> {
  const inOrder = <V>(list: ReadonlyArray<V | undefined>) => new Map(all.flatMap((a, i) => (list[i] === undefined ? [] : [[a!.decl, list[i]!] as const])));
  const results = inOrder(resultList);
  const drafts = await draftCalls(ctx, results, wrappers, wrapperDecls, evaluator);
  for (const [decl, { fw, error }] of inOrder(failureList)) {
    ctx.notes.push({ level: 'warning', code: 'request-failed', message: `${fw.title} could not read the request at line ${decl.span.line}: ${error}; it is listed as unresolved`, file: decl.file });
    ctx.log.warn(`${fw.id} resolve ${decl.file}:${decl.span.line}: ${error}`);
    // A lazy contribution (wrapper functions) records calls that may not be requests at all: note only.
    if (!results.has(decl) && !fw.requests!.lazy) drafts.push(failedDraft(decl, fw, error));
  }
  return drafts;
}

/**
 * Calls: every resolved request that is not the inside of a wrapper; a wrapper nobody calls keeps its
 * inner request, unresolved, with the reason.
 */
async function draftCalls(ctx: RunContext, results: ReadonlyMap<ClientDecl, { fw: Framework; spec: RequestSpec }>, wrappers: ReadonlyMap<string, WrapperTemplate>, wrapperDecls: ReadonlyMap<string, ClientDecl>, evaluator: Evaluator): Promise<DraftCall[]> {
  const calledWrappers = new Set<string>();
  for (const [, r] of results) if (r.spec.wrapper) calledWrappers.add(wrapperKey(r.spec.wrapper));
  const drafts: DraftCall[] = [];
  // A call a client recognised is not drafted again by a lazy contribution (a generated SDK's
  // `__request(…)` is also a call of the runtime function it names).
  const byClient = new Set<string>();
  for (const [decl, { fw }] of results) if (!fw.requests!.lazy) byClient.add(spanKey(decl));
  for (const [decl, { fw, spec }] of results) {
    await ctx.pause();
    // A request through a client given per call is made at its wrapper's call sites only.
    if (spec.deferred) continue;
    if (fw.requests!.lazy && byClient.has(spanKey(decl))) continue;
    const key = decl.fn !== null ? wrapperKey({ file: decl.file, id: decl.fn }) : null;
    const w = key ? wrappers.get(key) : undefined;
    // Every request inside a wrapper that is shaped by its parameters (a retry is a second one) is
    // represented by the wrapper's call sites.
    if (w && (wrapperDecls.get(key!) === decl || isWrapping(spec, decl, evaluator))) {
      // A generated client function nobody calls is no call (its definition is not one).
      if (calledWrappers.has(key!) || spec.generated) continue;
      drafts.push(...draftCall(decl, fw, spec, evaluator, `the URL is built from parameters of \`${w.name}\`, which is never called with arguments in this workspace`));
      continue;
    }
    drafts.push(...draftCall(decl, fw, spec, evaluator, null));
  }
  return drafts;
}

/**
 * The drafts of one request: one per alternative URL and method (`id ? `/a/${id}` : '/a'`), each
 * matched on its own; a single draft when there is no choice.
 */
function draftCall(decl: ClientDecl, fw: Framework, found: RequestSpec, evaluator: Evaluator, forcedReason: string | null): DraftCall[] {
  // An edit run reuses the outcome (the same spec object) of a declaration the edit cannot reach: its
  // drafts are the last run's, unless the wrapper verdict changed.
  const cached = draftsOfSpec.get(found);
  if (cached && cached.decl === decl && cached.fw === fw.id && cached.forcedReason === forcedReason) return cached.drafts;
  const drafts = computeDrafts(decl, fw, found, evaluator, forcedReason);
  draftsOfSpec.set(found, { decl, fw: fw.id, forcedReason, drafts });
  return drafts;
}

/** Drafts by request outcome (see {@link draftCall}); weak: gone with the outcomes that hold the specs. */
const draftsOfSpec = new WeakMap<RequestSpec, { readonly decl: ClientDecl; readonly fw: string; readonly forcedReason: string | null; readonly drafts: DraftCall[] }>();

function computeDrafts(decl: ClientDecl, fw: Framework, found: RequestSpec, evaluator: Evaluator, forcedReason: string | null): DraftCall[] {
  const spec = settled(found, evaluator);
  const reason = forcedReason ?? spec.unresolved ?? null;
  const urls = reason ? [urlParts(spec, evaluator)] : samePathOnce(expandParts(urlParts(spec, evaluator)));
  const methods = methodsOf(spec, evaluator);
  const combos = urls.flatMap((parts, u) => methods.map((method) => ({ parts, method, u })));
  return combos.map(({ parts, method, u }, i) => {
    const shaped = forcedReason && !spec.unresolved ? interpretUrl(parts) : null;
    const possibleOnly = shaped && shaped.kind !== 'dynamic' ? { possibleOnly: forcedReason! } : {};
    const target: UrlTarget = shaped && shaped.kind !== 'dynamic' ? shaped : reason ? { kind: 'dynamic', why: reason } : interpretUrl(parts);
    const envs = parts.filter((p): p is Extract<Part, { env: string }> => 'env' in p).map((p) => `env ${p.env}`);
    const choice = combos.length > 1 ? { alternative: i + 1, urlChoice: u, methodChoices: methods.length } : { alternative: null, urlChoice: 0, methodChoices: 1 };
    return { decl, framework: fw.id, spec, parts, target, method, via: [...spec.via, ...envs], ...choice, ...possibleOnly };
  });
}

/**
 * Alternatives that differ only after the path (`data ? `${path}?${qs}` : path`) are one request: the
 * query string is not matched, so they would be the same call twice. The shortest of each path is kept.
 */
function samePathOnce(urls: readonly Part[][]): Part[][] {
  const byPath = new Map<string, Part[]>();
  for (const parts of urls) {
    let path = '';
    for (let i = 0; i < parts.length && !isQueryPart(parts, i); i++) {
      const p = parts[i]!;
      const cut = 'lit' in p ? p.lit.search(/[?#]/) : -1;
      path += 'lit' in p ? (cut >= 0 ? p.lit.slice(0, cut) : p.lit) : `\u0000${JSON.stringify(p)}\u0000`;
      if (cut >= 0) break;
    }
    // The shortest spelling (usually the one without a query string) stands for them.
    const kept = byPath.get(path);
    if (!kept || parts.length < kept.length) byPath.set(path, parts);
  }
  return [...byPath.values()];
}

/** A request with no receiver left to bind: `this` and constructor arguments read from an instance built out of sight. */
function settled(spec: RequestSpec, ev: Evaluator): RequestSpec {
  const settle = (v: Value | null) => (v ? ev.settle(v) : null);
  return { ...spec, url: ev.settle(spec.url), base: settle(spec.base), method: settle(spec.method) };
}

/**
 * A draft whose URL starts with an env var that a `.env` file sets: that value is what the var falls
 * back to (it wins over the code's own fallback, as it does when the dev server runs).
 */
function withEnvFiles(d: DraftCall, env: EnvFiles): DraftCall {
  if (d.target.kind !== 'env') return d;
  const first = d.parts[0] as Extract<Part, { env: string }>;
  const hit = env.valueFor(d.decl.file, first.env);
  if (!hit) return d;
  const parts: Part[] = [{ env: first.env, fallback: [{ lit: hit.value }] }, ...d.parts.slice(1)];
  const via = d.via.map((v) => (v === `env ${first.env}` ? `env ${first.env} = ${hit.value} (${hit.file})` : v));
  return { ...d, parts, target: interpretUrl(parts), via };
}

/** A call whose `resolve` threw: kept, unresolved, with the error as its reason. */
function failedDraft(decl: ClientDecl, fw: Framework, error: string): DraftCall {
  const spec: RequestSpec = { client: fw.id, kind: 'http', method: null, defaultMethod: '*', url: { t: 'unknown', text: '?', why: error }, base: null, via: [] };
  return { decl, framework: fw.id, spec, parts: [], target: { kind: 'dynamic', why: `${fw.title} failed on this call: ${error}` }, method: '*', via: [], alternative: null, urlChoice: 0, methodChoices: 1 };
}

/** The HTTP methods a request may use: literal (each alternative), else inferred from a wrapper's name, else any. */
function methodsOf(spec: RequestSpec, evaluator: Evaluator): MethodOrAny[] {
  const v: Value | null = spec.method;
  if (v === null || (v.t === 'unknown' && v.absent)) return [spec.defaultMethod];
  const options = expandParts(evaluator.partsOf(v)).map((parts) => {
    const text = literalText(parts);
    if (text === null) return methodFromName(spec.via[0] ?? '');
    const m = text.toUpperCase();
    return (HTTP_METHODS as readonly string[]).includes(m) ? (m as MethodOrAny) : '*';
  });
  return [...new Set(options)];
}

/** A wrapper named `createUser` most likely POSTs: the method when its value is dynamic. */
function methodFromName(name: string): MethodOrAny {
  if (/^(post|create|add|submit|send|upload|login|register)/i.test(name)) return 'POST';
  if (/^(put|replace|set)/i.test(name)) return 'PUT';
  if (/^patch/i.test(name)) return 'PATCH';
  if (/^(delete|remove|destroy)/i.test(name)) return 'DELETE';
  if (/^(get|fetch|load|list|find|read)/i.test(name)) return 'GET';
  return '*';
}
