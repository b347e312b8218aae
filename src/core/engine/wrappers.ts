/**
 * Wrapper discovery, the hook behind lazy request contributions: deciding whether a request inside a
 * function is shaped by that function's parameters (then the function is a wrapper and its call sites
 * are the requests), and parsing on demand the files that mention a wrapper's name.
 */
import type { ClientDecl, RequestSpec, WrapperTemplate } from '../frameworks/types';
import { indexedFrameworks } from '../frameworks/registry';
import { isQueryPart, joinBase } from '../match/url';
import type { Evaluator, FnRef, Part } from '../resolve/evaluate';
import type { WorkspaceProgram } from '../resolve/modules';
import { THIS_PARAM } from '../resolve/sym';
import type { FileStore } from './files';
import type { Entry, RunContext } from './types';

export const wrapperKey = (f: FnRef): string => `${f.file}#${f.id}`;

/**
 * The request's URL parts, with its base joined in front. A base that starts with a run-time value adds
 * nothing to a URL that starts with one too (which may be absolute): it is left out, rather than
 * turning the URL into an unknown base followed by `/{}`.
 */
export function urlParts(spec: RequestSpec, evaluator: Evaluator): Part[] {
  const url = evaluator.partsOf(spec.url);
  if (!spec.base) return url;
  const base = evaluator.partsOf(spec.base);
  if (base[0] && 'dyn' in base[0] && url[0] && !('lit' in url[0])) return url;
  return joinBase(base, url);
}

/** Does a request depend on its enclosing function's parameters for its URL structure or method? */
export function isWrapping(spec: RequestSpec, decl: ClientDecl, evaluator: Evaluator): boolean {
  if (spec.generated || spec.deferred) return true;
  // Asked twice a run per request (resolution, drafts), and by edit runs for every reused outcome (the
  // same spec object, whose modules the edit did not touch).
  const known = wrapping.get(spec);
  if (known && known.decl === decl) return known.result;
  const result = computeWrapping(spec, decl, evaluator);
  wrapping.set(spec, { decl, result });
  return result;
}
const wrapping = new WeakMap<RequestSpec, { readonly decl: ClientDecl; readonly result: boolean }>();

function computeWrapping(spec: RequestSpec, decl: ClientDecl, evaluator: Evaluator): boolean {
  const own = (p: Part) => 'param' in p && p.fn === decl.fn && p.file === decl.file;
  const parts = urlParts(spec, evaluator);
  // A URL that starts with a parameter is the caller's, whatever base is joined in front of it.
  const first = evaluator.partsOf(spec.url)[0];
  if (first && own(first)) return true;
  let inQuery = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (('lit' in p && /[?#]/.test(p.lit)) || isQueryPart(parts, i)) inQuery = true;
    // A parameter in the query string or filling a whole path segment is data, not URL structure.
    if (!own(p) || inQuery) continue;
    // The receiver's fields (`/${this.resource}/`) are the URL's structure, never data.
    if ('param' in p && p.param === THIS_PARAM) return true;
    const prev = parts[i - 1];
    const next = parts[i + 1];
    const segmentBefore = !!prev && 'lit' in prev && prev.lit.endsWith('/');
    const segmentAfter = !next || ('lit' in next && /^[/?#]/.test(next.lit)) || isQueryPart(parts, i + 1);
    if (!(segmentBefore && segmentAfter)) return true;
  }
  const m = spec.method;
  return !!m && (m.t === 'param' ? m.fn === decl.fn && m.file === decl.file : m.t === 'str' && m.parts.some(own));
}

/**
 * Add as sources (parsing them if needed) the files accepted by a lazy request contribution that
 * mention a wrapper's name (or the name it is exported under), so its call sites are found. Returns
 * how many were added.
 */
export async function parseWrapperCallers(ctx: RunContext, store: FileStore, program: WorkspaceProgram, wrappers: ReadonlyMap<string, WrapperTemplate>): Promise<number> {
  if (wrappers.size === 0) return 0;
  const names = wrapperNames(program, wrappers);
  if (names.size === 0) return 0;
  const lazy = indexedFrameworks.filter((f) => f.requests?.lazy).map((f) => `requests:${f.id}`);
  const pattern = patternOf(names, true);
  let added = 0;
  for (const e of store.acceptedBy(lazy)) {
    if (store.isSource(e) || !mentions(e, pattern)) continue;
    await store.prepareGrammars(e);
    if (store.addSource(e)) added++;
    await ctx.pause();
  }
  return added;
}

export interface Pattern {
  readonly re: RegExp;
  /** Never reused for another pattern (entries remember their answers by it). */
  readonly id: number;
}

/** The search for a set of names, one per distinct set: an edit run asks the same questions as the last. */
const patterns = new Map<string, Pattern>();
let patternCount = 0;

/**
 * In JS, a name followed on its line by another word is no reference to a binding or property of that
 * name: the `delete` operator (`delete x.y`), a getter (`get size()`), prose in comments, strings and JSX
 * text. Followed by a word an expression or a binding may be followed by (`get as Fn`, `get in x`,
 * `import get from`, …), it still counts. A file that mentions a wrapper's name only so cannot call it
 * (plane: 110 of the 346 files the wrapper pass parsed mentioned `delete`, `get` or `onSubmit` only so).
 */
const NOT_A_REFERENCE = String.raw`(?![ \t]+(?!(?:as|in|instanceof|of|satisfies|is|extends|implements|from)\b)[A-Za-z_$])`;

/** `jsReferences`: count only mentions that may be references in JS (see {@link NOT_A_REFERENCE}). */
export function patternOf(names: ReadonlySet<string>, jsReferences = false): Pattern {
  // Sorted: the same names found in another order (a wrapper resolved again in an edit run) are the same search.
  const source = `\\b(?:${[...names].sort().map(escapeRe).join('|')})\\b${jsReferences ? NOT_A_REFERENCE : ''}`;
  let p = patterns.get(source);
  if (!p) {
    if (patterns.size >= 64) patterns.clear();
    p = { re: new RegExp(source), id: ++patternCount };
    patterns.set(source, p);
  }
  return p;
}

/** Does the entry's text match the pattern? Remembered on the entry (a few patterns: those of each round). */
export function mentions(e: Entry, p: Pattern): boolean {
  e.mentions ??= new Map();
  let hit = e.mentions.get(p.id);
  if (hit === undefined) {
    if (e.mentions.size >= 8) e.mentions.clear();
    hit = p.re.test(e.text ?? '');
    e.mentions.set(p.id, hit);
  }
  return hit;
}

function wrapperNames(program: WorkspaceProgram, wrappers: ReadonlyMap<string, WrapperTemplate>): Set<string> {
  const names = new Set<string>();
  for (const w of wrappers.values()) for (const n of namesOf(program.module(w.fn.file), w)) names.add(n);
  return names;
}

type Module = ReturnType<WorkspaceProgram['module']>;
/** The names callers of a wrapper use, by module facts (an unchanged file keeps them between runs), function and name. */
const namesByModule = new WeakMap<NonNullable<Module>, Map<string, readonly string[]>>();

function namesOf(mod: Module, w: WrapperTemplate): readonly string[] {
  if (!mod) return callerNames(mod, w);
  let byFn = namesByModule.get(mod);
  if (!byFn) namesByModule.set(mod, (byFn = new Map()));
  const key = `${w.fn.id}\0${w.name}`;
  let hit = byFn.get(key);
  if (!hit) byFn.set(key, (hit = callerNames(mod, w)));
  return hit;
}

function callerNames(mod: Module, w: WrapperTemplate): string[] {
  const names: string[] = [];
  // A function another one returns (`useApi()` handing back `(path) => fetch(…)`): callers name that one.
  for (const id of [w.fn.id, ...returners(mod, w.fn.id)]) {
    const name = mod?.functions[id]?.name ?? w.name;
    const short = name.slice(name.lastIndexOf('.') + 1);
    if (/^[A-Za-z_$][\w$]*$/.test(short) && short.length > 2) names.push(short);
    // Exported under another name (or as default): callers may not mention the function's name.
    for (const [exported, local] of Object.entries(mod?.exports ?? {})) {
      const b = mod!.bindings[local];
      if (b?.k === 'func' && b.id === id) names.push(exported === 'default' ? baseName(w.fn.file) : exported);
    }
  }
  return names;
}

/** The functions of a module that return function `id`, and those returning them (a few levels). */
function returners(mod: ReturnType<WorkspaceProgram['module']>, id: string): string[] {
  const out: string[] = [];
  let cur = [id];
  for (let depth = 0; depth < 3 && cur.length && mod; depth++) {
    cur = Object.values(mod.functions).filter((f) => f.returns.some((r) => r.k === 'func' && cur.includes(r.id))).map((f) => f.id);
    out.push(...cur);
  }
  return out;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
