/**
 * Pass 5, requests: every framework's `requests.resolve` over the calls its `extract` recorded, with
 * wrapper discovery to a fixpoint (a function whose parameters shape a request becomes a template, and
 * its call sites become the requests). A `resolve` that throws is a recorded note, and the call is kept
 * as unresolved with the reason, never dropped.
 */
import type { ClientDecl, Framework, RequestSpec, ResolveContext, WrapperTemplate } from '../frameworks/types';
import { indexedFrameworks } from '../frameworks/registry';
import { interpretUrl, type UrlTarget } from '../match/url';
import { Evaluator, literalText, type FnRef, type Part, type Value } from '../resolve/evaluate';
import { expandParts } from '../resolve/parts';
import type { WorkspaceProgram } from '../resolve/modules';
import { HTTP_METHODS, type MethodOrAny } from '../types';
import type { FileStore } from './files';
import type { RunContext } from './types';
import { NO_ENV_FILES, type EnvFiles } from './dotenv';
import { isWrapping, urlParts, wrapperKey } from './wrappers';

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
}

export interface RequestIndex {
  readonly drafts: readonly DraftCall[];
  readonly wrappers: ReadonlyMap<string, WrapperTemplate>;
}

const MAX_WRAPPER_DEPTH = 8;

export async function resolveRequests(ctx: RunContext, store: FileStore, program: WorkspaceProgram, env: EnvFiles = NO_ENV_FILES): Promise<RequestIndex> {
  const evaluator = new Evaluator(program);
  const wrappers = new Map<string, WrapperTemplate>();
  /** The request inside each wrapper (a declaration, stable across rounds). */
  const wrapperDecls = new Map<string, ClientDecl>();
  const all: Array<{ fw: Framework; decl: ClientDecl }> = [];
  for (const fw of indexedFrameworks) {
    if (!fw.requests) continue;
    for (const e of store.sources()) for (const decl of e.parsed.decls.requests[fw.id] ?? []) all.push({ fw, decl });
  }
  // Resolve until no new wrapper appears: a wrapper's callers may themselves be wrappers. A declaration
  // is resolved again only when a wrapper it asked for has appeared since (nothing else it reads
  // changes), in declaration order as before.
  const results: Array<{ fw: Framework; spec: RequestSpec } | undefined> = [];
  const failures: Array<{ fw: Framework; error: string } | undefined> = [];
  const stale = new Uint8Array(all.length).fill(1);
  /** Missing wrapper → the declarations that asked for it. */
  const waiting = new Map<string, number[]>();
  let current = 0;
  const wrapper = (fn: FnRef) => {
    const key = wrapperKey(fn);
    const w = wrappers.get(key);
    if (!w) {
      const list = waiting.get(key);
      if (list) list.push(current);
      else waiting.set(key, [current]);
    }
    return w;
  };
  const rctx: ResolveContext = { evaluator, value: (sym, decl) => evaluator.evaluate(sym, { file: decl.file, fn: decl.fn, params: null }), wrapper };
  for (let round = 0; round < MAX_WRAPPER_DEPTH; round++) {
    let added = false;
    for (let i = 0; i < all.length; i++) {
      if (!stale[i]) continue;
      await ctx.pause();
      stale[i] = 0;
      current = i;
      const { fw, decl } = all[i]!;
      let spec: RequestSpec | null = null;
      failures[i] = results[i] = undefined;
      try {
        spec = fw.requests!.resolve(decl, rctx);
      } catch (err) {
        failures[i] = { fw, error: (err as Error).message };
      }
      if (!spec) continue;
      results[i] = { fw, spec };
      if (decl.fn === null) continue;
      const key = wrapperKey({ file: decl.file, id: decl.fn });
      if (!wrappers.has(key) && isWrapping(spec, decl, evaluator)) {
        const fn = program.module(decl.file)?.functions[decl.fn];
        wrappers.set(key, { fn: { file: decl.file, id: decl.fn }, name: fn?.name ?? '<anonymous>', spec });
        wrapperDecls.set(key, decl);
        for (const j of waiting.get(key) ?? []) stale[j] = 1;
        waiting.delete(key);
        added = true;
      }
    }
    if (!added) break;
  }
  return { drafts: finishDrafts(ctx, all, results, failures, wrappers, wrapperDecls, evaluator).map((d) => withEnvFiles(d, env)), wrappers };
}

/** The drafts in declaration order, and a note (and an unresolved draft) for each `resolve` that threw. */
function finishDrafts(ctx: RunContext, all: ReadonlyArray<{ decl: ClientDecl }>, resultList: ReadonlyArray<{ fw: Framework; spec: RequestSpec } | undefined>, failureList: ReadonlyArray<{ fw: Framework; error: string } | undefined>, wrappers: ReadonlyMap<string, WrapperTemplate>, wrapperDecls: ReadonlyMap<string, ClientDecl>, evaluator: Evaluator): DraftCall[] {
  const inOrder = <V>(list: ReadonlyArray<V | undefined>) => new Map(all.flatMap(({ decl }, i) => (list[i] === undefined ? [] : [[decl, list[i]!] as const])));
  const results = inOrder(resultList);
  const drafts = draftCalls(results, wrappers, wrapperDecls, evaluator);
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
function draftCalls(results: ReadonlyMap<ClientDecl, { fw: Framework; spec: RequestSpec }>, wrappers: ReadonlyMap<string, WrapperTemplate>, wrapperDecls: ReadonlyMap<string, ClientDecl>, evaluator: Evaluator): DraftCall[] {
  const calledWrappers = new Set<string>();
  for (const [, r] of results) if (r.spec.wrapper) calledWrappers.add(wrapperKey(r.spec.wrapper));
  const drafts: DraftCall[] = [];
  // A call a client recognised is not drafted again by a lazy contribution (a generated SDK's
  // `__request(…)` is also a call of the runtime function it names).
  const byClient = new Set<string>();
  for (const [decl, { fw }] of results) if (!fw.requests!.lazy) byClient.add(`${decl.file}:${decl.span.line}:${decl.span.column}`);
  for (const [decl, { fw, spec }] of results) {
    if (fw.requests!.lazy && byClient.has(`${decl.file}:${decl.span.line}:${decl.span.column}`)) continue;
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
  const spec = settled(found, evaluator);
  const reason = forcedReason ?? spec.unresolved ?? null;
  const urls = reason ? [urlParts(spec, evaluator)] : expandParts(urlParts(spec, evaluator));
  const methods = methodsOf(spec, evaluator);
  const combos = urls.flatMap((parts, u) => methods.map((method) => ({ parts, method, u })));
  return combos.map(({ parts, method, u }, i) => {
    const target: UrlTarget = reason ? { kind: 'dynamic', why: reason } : interpretUrl(parts);
    const envs = parts.filter((p): p is Extract<Part, { env: string }> => 'env' in p).map((p) => `env ${p.env}`);
    const choice = combos.length > 1 ? { alternative: i + 1, urlChoice: u, methodChoices: methods.length } : { alternative: null, urlChoice: 0, methodChoices: 1 };
    return { decl, framework: fw.id, spec, parts, target, method, via: [...spec.via, ...envs], ...choice };
  });
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
