/**
 * Pass 5, second half: the drafts of resolved requests (one per alternative URL and method), with what
 * wrappers make of them, kept per request outcome so that an edit run drafts only what it resolved again.
 */
import type { ClientDecl, Framework, RequestSpec, WrapperTemplate } from '../frameworks/types';
import { interpretUrl, isQueryPart, type UrlTarget } from '../match/url';
import { literalText, type Evaluator, type Part, type Value } from '../resolve/evaluate';
import { expandParts } from '../resolve/parts';
import { HTTP_METHODS, type MethodOrAny } from '../types';
import type { RunContext } from './types';
import type { EnvFiles } from './dotenv';
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
  /**
   * Why the call is not known to be made although its path is (a wrapper nobody calls, whose URL's shape is
   * read from its body): the routes it matches get it as a possible caller, never as a caller.
   */
  readonly possibleOnly?: string;
}

/** Runs `compute` with the module reads it makes counted as the declaration's. */
export type Tracked = <T>(decl: ClientDecl, compute: () => T) => T;

/** What drafting needs besides the outcomes. */
export interface DraftSides {
  readonly wrappers: ReadonlyMap<string, WrapperTemplate>;
  readonly wrapperDecls: ReadonlyMap<string, ClientDecl>;
  readonly evaluator: Evaluator;
  readonly tracked: Tracked;
  /** A request with the bases set elsewhere applied (see sharedBases.ts). */
  readonly withBases: (spec: RequestSpec, decl: ClientDecl) => RequestSpec;
}

/** The drafts in declaration order, and a note (and an unresolved draft) for each `resolve` that threw. */
export async function finishDrafts(ctx: RunContext, all: ReadonlyArray<{ decl: ClientDecl } | undefined>, resultList: ReadonlyArray<{ fw: Framework; spec: RequestSpec } | undefined>, failureList: ReadonlyArray<{ fw: Framework; error: string } | undefined>, sides: DraftSides): Promise<DraftCall[]> {
  const inOrder = <V>(list: ReadonlyArray<V | undefined>) => {
    const out = new Map<ClientDecl, V>();
    list.forEach((v, i) => v !== undefined && out.set(all[i]!.decl, v));
    return out;
  };
  const results = inOrder(resultList);
  const drafts = await draftCalls(ctx, results, sides);
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
async function draftCalls(ctx: RunContext, results: ReadonlyMap<ClientDecl, { fw: Framework; spec: RequestSpec }>, sides: DraftSides): Promise<DraftCall[]> {
  const { tracked } = sides;
  const calledWrappers = new Set<string>();
  for (const [, r] of results) if (r.spec.wrapper) calledWrappers.add(wrapperKey(r.spec.wrapper));
  const drafts: DraftCall[] = [];
  // A call a client recognised is not drafted again by a lazy contribution (a generated SDK's
  // `__request(…)` is also a call of the runtime function it names).
  const byClient = new Set<string>();
  for (const [decl, { fw }] of results) if (!fw.requests!.lazy) byClient.add(`${decl.file}:${decl.span.line}:${decl.span.column}`);
  let n = 0;
  for (const [decl, { fw, spec }] of results) {
    // Most drafts are kept per outcome: a pause every few, not an await per request.
    if ((n++ & 31) === 0) await ctx.pause();
    // A request through a client given per call is made at its wrapper's call sites only.
    if (spec.deferred) continue;
    if (fw.requests!.lazy && byClient.has(`${decl.file}:${decl.span.line}:${decl.span.column}`)) continue;
    drafts.push(...tracked(decl, () => draftsOf(decl, fw, spec, sides, calledWrappers)));
  }
  return drafts;
}

/** The drafts of one resolved declaration, with what wrappers make of it. */
function draftsOf(decl: ClientDecl, fw: Framework, spec: RequestSpec, sides: DraftSides, calledWrappers: ReadonlySet<string>): DraftCall[] {
  const { wrappers, wrapperDecls, evaluator } = sides;
  const key = decl.fn !== null ? wrapperKey({ file: decl.file, id: decl.fn }) : null;
  const w = key ? wrappers.get(key) : undefined;
  // Every request inside a wrapper that is shaped by its parameters (a retry is a second one) is
  // represented by the wrapper's call sites.
  if (w && (wrapperDecls.get(key!) === decl || isWrapping(spec, decl, evaluator))) {
    // A generated client function nobody calls is no call (its definition is not one).
    if (calledWrappers.has(key!) || spec.generated) return [];
    return draftCall(decl, fw, sides.withBases(spec, decl), evaluator, `the URL is built from parameters of \`${w.name}\` (its receiver or arguments), and no call of it this analysis can follow gives them (it may be called through a value it does not track)`);
  }
  return draftCall(decl, fw, sides.withBases(spec, decl), evaluator, null);
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
export function withEnvFiles(d: DraftCall, env: EnvFiles): DraftCall {
  if (d.target.kind !== 'env') return d;
  const first = d.parts[0] as Extract<Part, { env: string }>;
  const hit = env.valueFor(d.decl.file, first.env);
  if (!hit) return d;
  // `VITE_API_HOST.replace(/\/api$/, "")`: the value without that ending.
  const cut = first.dropSuffix && hit.value.endsWith(first.dropSuffix) ? hit.value.slice(0, -first.dropSuffix.length) : hit.value;
  const parts: Part[] = [{ env: first.env, fallback: [{ lit: cut }] }, ...d.parts.slice(1)];
  const shown = cut === hit.value ? hit.value : `${hit.value} without ${first.dropSuffix}`;
  const via = d.via.map((v) => (v === `env ${first.env}` ? `env ${first.env} = ${shown} (${hit.file})` : v));
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
