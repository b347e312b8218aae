/**
 * Where an axios request goes besides its URL, read from its request config and its instance's
 * `axios.create` config: every value `baseURL` may have (the literal's own, through spreads, and each
 * later assignment on any path), and what sends the request elsewhere whatever its URL says —
 * `socketPath`, a `proxy`, an agent other than Node's own. A config that cannot be read at all may
 * carry a `baseURL`, which matters only for a relative URL (axios ignores `baseURL` for absolute ones).
 */
import type { AxiosTarget } from '../../../lang/js/clients';
import type { RequestSpec, SharedBase } from '../../types';
import { displayParts, isAbsoluteUrl } from '../../../match/url';
import { extName, stripGlobal, type Evaluator, type Value } from '../../../resolve/evaluate';
import { memberValues } from '../../../resolve/members';

export interface Destination {
  /** The base URL to join in front of the URL, or null. */
  readonly base: Value | null;
  /** Why the destination cannot be known (the call is kept unresolved); null when it can. */
  readonly unresolved: string | null;
  /** The base when `base`, read from the caller's config, turns out not to be set (the instance's). */
  readonly baseDefault?: Value | null;
}

/** Node's own agents connect where the URL says; any other agent (a proxy agent) may not. */
const CORE_AGENT = /^(?:node:)?https?\.Agent$/;

/** Where a request to `url` with the request config `request` (if any) made by `target` goes. */
export function destination(ev: Evaluator, url: Value, request: Value | null, target: AxiosTarget): Destination {
  const parts = ev.partsOf(url);
  const absolute = isAbsoluteUrl(parts);
  const first = parts[0];
  // Only a URL that starts with literal text is relative for sure; one that starts with a run-time
  // value may be absolute, so a base that cannot be evaluated adds nothing to it.
  const relative = !absolute && !!first && 'lit' in first;
  const away = routedAway(ev, request, absolute) ?? routedAway(ev, target.config, absolute);
  if (away) return { base: null, unresolved: away };
  if (absolute) return { base: null, unresolved: null };
  if (request && request.t !== 'obj' && request.t !== 'param') {
    if (relative) return { base: null, unresolved: `its config \`${valueText(request)}\` is not known statically and may set a baseURL` };
    return { base: evaluable(ev, target.base) ? target.base : null, unresolved: null };
  }
  // A config the caller passes (a client method's parameter, or spread into the config): its
  // baseURL, else the instance's.
  const callers = callersBase(ev, request);
  if (callers) return { base: callers, baseDefault: evaluable(ev, target.base) ? target.base : null, unresolved: null };
  const candidates = baseCandidates(ev, request, target);
  const kept: Array<{ value: Value | null; own: boolean }> = [];
  for (const c of candidates) {
    if (!evaluable(ev, c.value)) {
      // A per-request base that cannot be evaluated: the request may go anywhere. (An instance's is
      // kept as an unknown base, as for any client whose base URL comes from elsewhere.)
      if (!relative) continue;
      if (c.own) return { base: null, unresolved: `its baseURL \`${valueText(c.value!)}\` cannot be evaluated` };
    }
    if (!kept.some((k) => baseText(ev, k.value) === baseText(ev, c.value))) kept.push(c);
  }
  if (kept.length > 1) return { base: null, unresolved: `its baseURL may be ${kept.map((k) => (k.value ? `\`${baseText(ev, k.value)}\`` : 'unset')).join(' or ')}` };
  return { base: kept[0]?.value ?? null, unresolved: null };
}

/**
 * The client whose `defaults.baseURL` another file may set, for a request that does not set its own
 * baseURL: the global axios, or a named instance (which has its `axios.create` baseURL meanwhile, and
 * copies the global defaults only when created after they are set). Null when the request sets one.
 */
export function sharedBaseOf(ev: Evaluator, request: Value | null, target: AxiosTarget): RequestSpec['sharedBase'] | null {
  if (!target.key) return null;
  if (request && request.t !== 'param' && (request.t !== 'obj' || memberValues(ev, request, 'baseURL').some((v) => !isUnset(v)))) return null;
  const bare = target.config === null || (target.config.t === 'obj' && memberValues(ev, target.config, 'baseURL').every(isUnset));
  return { key: target.key, own: target.base, ...(target.key !== 'axios' && bare ? { copies: 'axios' } : {}) };
}

/** `client.defaults.baseURL = value`: the base it sets for the client's requests everywhere (`conditional`: on some paths only). */
export function defaultsSetting(ev: Evaluator, target: AxiosTarget, value: Value, conditional: boolean): SharedBase | null {
  if (!target.key) return null;
  const global = target.key === 'axios';
  const label = `${global ? 'axios' : target.name.slice('axios:'.length)}.defaults.baseURL`;
  const common = { key: target.key, scope: global ? 'project' : 'client', mode: 'join', label } as const;
  if (conditional) return { ...common, value: null, why: `is set on some paths only (to \`${valueText(value)}\`)` };
  if (!evaluable(ev, value) || isUnset(value)) return { ...common, value: null, why: `sets \`${valueText(value)}\`, which cannot be evaluated` };
  return { ...common, value };
}

/** The `baseURL` of a config the caller gives (a parameter, or one spread last into a literal); null otherwise. */
function callersBase(ev: Evaluator, request: Value | null): Value | null {
  if (request?.t === 'param') return ev.member(request, 'baseURL');
  if (request?.t !== 'obj' || request.props['baseURL'] || request.assigned?.['baseURL']) return null;
  const values = memberValues(ev, request, 'baseURL');
  return values.length === 1 && values[0]!.t === 'param' ? values[0]! : null;
}

/** Every base the request may use: its config's `baseURL` values, the instance's where it is unset. */
function baseCandidates(ev: Evaluator, request: Value | null, target: AxiosTarget): Array<{ value: Value | null; own: boolean }> {
  const instance = target.config?.t === 'obj' ? memberValues(ev, target.config, 'baseURL').map((v) => (isUnset(v) ? null : v)) : [target.base];
  const fromInstance = instance.map((value) => ({ value, own: false }));
  if (!request) return fromInstance;
  return memberValues(ev, request, 'baseURL').flatMap((v) => (isUnset(v) ? fromInstance : [{ value: v, own: true }]));
}

/** Why a config sends the request somewhere its URL does not say, on some path; null when it does not. */
function routedAway(ev: Evaluator, config: Value | null, absolute: boolean): string | null {
  if (config?.t !== 'obj') return null;
  const socket = setValues(ev, config, 'socketPath');
  if (socket.length) return `its config may set \`socketPath\` (${texts(socket)}): the request goes to that Unix socket, not to a service of this workspace`;
  // An absolute URL names its origin; a proxy or an agent only changes the way there.
  if (absolute) return null;
  const proxy = setValues(ev, config, 'proxy').filter((v) => !(v.t === 'unknown' && v.text === 'false'));
  if (proxy.length) return `its config may set a \`proxy\` (${texts(proxy)}), which may send the request elsewhere`;
  for (const key of ['httpAgent', 'httpsAgent']) {
    const agents = setValues(ev, config, key).filter((v) => !isCoreAgent(v));
    if (agents.length) return `its config may set \`${key}\` to ${texts(agents)}, an agent that may send the request elsewhere`;
  }
  return null;
}

function isCoreAgent(v: Value): boolean {
  return v.t === 'call' && v.callee.t === 'ext' && CORE_AGENT.test(stripGlobal(v.callee.path));
}

/** Not set: absent, or `undefined` / `null`. */
function isUnset(v: Value): boolean {
  return v.t === 'unknown' && (v.absent === true || v.text === 'undefined' || v.text === 'null');
}

/**
 * The values a config may give `key` that send a request elsewhere. A client method's parameters
 * spread into it (`{ ...params, ...config }`) are the caller's to fill, and are left out; a
 * parameter's member written out (`socketPath: host.socket`) is kept.
 */
function setValues(ev: Evaluator, config: Extract<Value, { t: 'obj' }>, key: string): Value[] {
  const spreadOnly = !config.props[key] && !config.assigned?.[key];
  return memberValues(ev, config, key).filter((v) => !isUnset(v) && !(spreadOnly && v.t === 'param'));
}

/** A base whose start is known (literal text, an env var, a parameter); null (no base) counts as known. */
function evaluable(ev: Evaluator, v: Value | null): boolean {
  if (v === null) return true;
  const first = ev.partsOf(v)[0];
  return !first || !('dyn' in first);
}

function baseText(ev: Evaluator, v: Value | null): string {
  return v === null ? '' : displayParts(ev.partsOf(v));
}

function texts(values: readonly Value[]): string {
  return [...new Set(values.map(valueText))].map((t) => `\`${t}\``).join(', ');
}

/** Source-like text of a value, for reasons. */
function valueText(v: Value): string {
  switch (v.t) {
    case 'unknown':
      return v.text;
    case 'ext':
      return stripGlobal(v.path);
    case 'call':
      return `${v.callee.t === 'ext' ? (extName(v.callee) ?? '?') : valueText(v.callee)}(…)`;
    case 'param':
      return [v.name, ...v.path].join('.');
    case 'str':
      return displayParts(v.parts);
    case 'num':
      return String(v.v);
    case 'obj':
      return '{…}';
    case 'arr':
      return '[…]';
    case 'fn':
      return 'a function';
    case 'class':
      return v.name;
    case 'instance':
      return `${v.cls}(…)`;
    case 'module':
      return v.spec;
    case 'alt':
      return v.options.map(valueText).join(' | ');
  }
}
