/**
 * Bases set in one file for requests made in others: `axios.defaults.baseURL = …` in `main.ts` while
 * components call `axios.get("/items")`, `api.defaults.baseURL = …` on an instance created elsewhere,
 * an Angular interceptor that puts `environment.apiUrl` in front of every `HttpClient` URL. The settings
 * are read again in every run (they are few), and applied to the requests whose `sharedBase` names their
 * client when the drafts are made, so an edit to the file that sets a base reaches every call it affects
 * without the calls being resolved again. Two different bases, a base that cannot be evaluated, or one
 * set on some paths only leave the calls unresolved, naming the settings: never one picked. A client
 * read from a React-style context is checked the same way against the context's providers (`same`).
 */
import type { RequestSpec, SharedBase } from '../frameworks/types';
import { displayParts, isAbsoluteUrl } from '../match/url';
import { mergeParts, type Evaluator, type Part, type Value } from '../resolve/evaluate';
import { urlParts } from './wrappers';

/** A setting found in the workspace, with where it is made and the project it is in. */
export interface FoundBase extends SharedBase {
  readonly file: string;
  readonly line: number;
  readonly project: string;
}

/** The settings that may apply to a request made in `project`, by its client's key. */
function settingsFor(all: readonly FoundBase[], key: string, project: string): FoundBase[] {
  return all.filter((s) => s.key === key && (s.scope === 'client' || s.project === project));
}

const where = (s: FoundBase) => `${s.label} in ${s.file}:${s.line}`;

/**
 * The request with the bases set elsewhere applied: `base` (joined as axios does) or the URL with a
 * prefix in front (an interceptor), or unresolved with the reason. The same spec when none applies.
 */
export function withSharedBase(given: RequestSpec, project: string, all: readonly FoundBase[], ev: Evaluator): RequestSpec {
  const spec = withStoredValues(given, all, ev);
  const sb = spec.sharedBase;
  if (!sb || spec.unresolved || all.length === 0) return spec;
  const found = settingsFor(all, sb.key, project);
  const copied = sb.copies ? settingsFor(all, sb.copies, project) : [];
  if (found.length === 0 && copied.length === 0) return spec;
  if (found.some((s) => s.mode === 'same')) return sameClient(spec, found);
  const url = ev.partsOf(spec.url);
  // A base never changes an absolute URL (an interceptor that would is not read as one); a URL that
  // starts with a run-time value (an env var) may be absolute, so it is left as it is.
  const first = url[0];
  if (isAbsoluteUrl(url) || !first || !('lit' in first)) return spec;
  const memo = applied.get(spec);
  const sig = [...found, ...copied].map((s) => `${s.key}@${s.file}:${s.line}=${s.value ? text(ev, s.value) : `?${s.why ?? ''}`}`).join('\n');
  if (memo && memo.sig === sig) return memo.spec;
  const out = apply(spec, found, copied, ev);
  applied.set(spec, { sig, spec: out });
  return out;
}

/** Applied specs by request outcome and the settings they saw (a reused outcome keeps its drafts' cache). */
const applied = new WeakMap<RequestSpec, { readonly sig: string; readonly spec: RequestSpec }>();

function apply(spec: RequestSpec, found: readonly FoundBase[], copied: readonly FoundBase[], ev: Evaluator): RequestSpec {
  const unresolved = (why: string): RequestSpec => ({ ...spec, base: null, unresolved: why });
  const bad = found.find((s) => s.value === null);
  if (bad) return unresolved(`${where(bad)} ${bad.why ?? 'cannot be evaluated'}`);
  if (copied.length) {
    // An instance created without a baseURL copies the global defaults only if it is created after they are set.
    const list = copied.map((s) => `\`${s.value ? text(ev, s.value) : '?'}\` (${where(s)})`).join(', ');
    if (!found.length) return unresolved(`the client is created without a baseURL; it has the one set by ${list} only if it is created after that runs`);
  }
  const own = spec.sharedBase!.own;
  const values = new Map<string, Value>();
  for (const s of found) values.set(text(ev, s.value!), s.value!);
  if (own && !values.has(text(ev, own)) && found.every((s) => s.mode === 'join')) {
    return unresolved(`its baseURL may be \`${text(ev, own)}\` (where the client is created) or \`${[...values.keys()].join('` or `')}\` (${found.map(where).join(', ')})`);
  }
  if (values.size > 1) return unresolved(`different bases are set for its client: ${found.map((s) => `\`${text(ev, s.value!)}\` (${where(s)})`).join(', ')}`);
  const s = found[0]!;
  const via = [...spec.via, s.label];
  if (s.mode === 'join') return { ...spec, base: s.value, via };
  // `prefix + req.url`: the text goes in front of the URL the request has.
  const parts = [...ev.partsOf(s.value!), ...urlParts(spec, ev)];
  return { ...spec, base: null, url: { t: 'str', parts }, via };
}

/**
 * A request through a client read from a context: each provider must give the context's default (the
 * same binding: `value={client}` where `createContext(client)`), else where it goes is not known.
 */
function sameClient(spec: RequestSpec, found: readonly FoundBase[]): RequestSpec {
  const own = spec.sharedBase!.own;
  const origin = (v: Value | null) => (v && 'origin' in v ? (v.origin ?? null) : null);
  const others = found.filter((s) => s.mode !== 'same' || origin(s.value) === null || origin(s.value) !== origin(own));
  if (others.length === 0) return spec;
  return { ...spec, base: null, unresolved: `its client is read from a context, and ${others.map(where).join(', ')} may give it another value than its default` };
}

/**
 * The URL with its store reads (`config.get("url")`) filled by the one setting of each key seen; a key
 * set more than once, or to a value not known, leaves the request unresolved, naming the settings. A
 * key set nowhere stays a run-time part.
 */
function withStoredValues(spec: RequestSpec, all: readonly FoundBase[], ev: Evaluator): RequestSpec {
  if (spec.unresolved || all.length === 0) return spec;
  const parts = urlParts(spec, ev);
  if (!parts.some((p) => 'store' in p && p.store)) return spec;
  const out: Part[] = [];
  const via: string[] = [];
  for (const p of parts) {
    const found = 'store' in p && p.store ? all.filter((s) => s.mode === 'store' && s.key === p.store) : [];
    if (found.length === 0) {
      out.push(p);
      continue;
    }
    const bad = found.find((s) => s.value === null);
    if (bad) return { ...spec, base: null, unresolved: `\`${(p as { dyn: string }).dyn}\` is set by ${where(bad)}, which ${bad.why ?? 'cannot be evaluated'}` };
    if (found.length > 1) return { ...spec, base: null, unresolved: `\`${(p as { dyn: string }).dyn}\` is set in more than one place: ${found.map((s) => `\`${text(ev, s.value!)}\` (${where(s)})`).join(', ')}` };
    out.push(...ev.partsOf(found[0]!.value!));
    via.push(found[0]!.label);
  }
  return via.length ? { ...spec, url: { t: 'str', parts: mergeParts(out) }, base: null, via: [...spec.via, ...via] } : spec;
}

function text(ev: Evaluator, v: Value): string {
  return displayParts(ev.partsOf(v));
}
