/**
 * JS/TS helpers shared by the frontend adapters: recognising the global `fetch`, HTTP method values,
 * axios instances, and which recorded calls may target a workspace function.
 */
import type { Evaluator, Value } from '../../resolve/evaluate';
import { stripGlobal } from '../../resolve/evaluate';
import { THIS_PARAM, type ModuleFacts, type Sym } from '../../resolve/sym';
import type { JsCall } from './facts';
import { isClassicScript } from '../../resolve/globals';

const FETCH_PACKAGES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici', 'isomorphic-unfetch', 'unfetch']);
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);

/** `fetch(...)`, `window.fetch(...)`, or `fetch` imported from a fetch polyfill. */
export function isFetchCallee(callee: Sym, module: ModuleFacts): boolean {
  if (callee.k === 'ref' && callee.name === 'fetch') {
    if (module.bindings['fetch'] !== undefined) return false;
    const imp = module.imports['fetch'];
    return !imp || FETCH_PACKAGES.has(imp.specifier);
  }
  if (callee.k === 'ref' && module.imports[callee.name]) {
    const imp = module.imports[callee.name]!;
    return FETCH_PACKAGES.has(imp.specifier) && (imp.name === 'default' || imp.name === 'fetch');
  }
  return callee.k === 'member' && callee.prop === 'fetch' && callee.obj.k === 'ref' && GLOBAL_OBJECTS.has(callee.obj.name) && module.bindings[callee.obj.name] === undefined;
}

/**
 * A callee that may be the Fetch API under another name, decided on its value: a name bound to
 * `window.fetch` (`const fetch = window.fetch`), or a `fetch` property (`CTFd.fetch = window.fetch`).
 */
export function mayAliasFetch(callee: Sym, module: ModuleFacts): boolean {
  if (callee.k === 'member') return callee.prop === 'fetch';
  const b = callee.k === 'ref' ? module.bindings[callee.name] : undefined;
  const target = b?.k === 'call' && b.callee.k === 'member' && b.callee.prop === 'bind' ? b.callee.obj : b;
  return (target?.k === 'ref' && target.name === 'fetch') || (target?.k === 'member' && target.prop === 'fetch');
}

/** The Fetch API as a value: the global (`window.fetch`, bound or not) or a fetch polyfill's export. */
export function isFetchValue(v: Value): boolean {
  const fn = v.t === 'call' && v.callee.t === 'ext' && v.callee.path.endsWith('.bind') ? { t: 'ext' as const, path: v.callee.path.slice(0, -5) } : v;
  if (fn.t !== 'ext') return false;
  const path = stripGlobal(fn.path);
  return path === 'fetch' || FETCH_PACKAGES.has(path) || FETCH_PACKAGES.has(path.replace(/\.(?:fetch|default)$/, ''));
}

/** The root name of a callee (`api` in `api.users.get`; `this` in a method), or null for anything but a name chain. */
export function calleeRoot(s: Sym): string | null {
  if (s.k === 'ref') return s.name;
  if (s.k === 'param' && s.index === THIS_PARAM) return 'this';
  if (s.k === 'member') return calleeRoot(s.obj);
  return null;
}

/** Is the callee a parameter, or read from one (`axiosInstance.get`, `funcCall`)? `this` does not count. */
export function isParamRooted(s: Sym): boolean {
  if (s.k === 'param') return s.index !== THIS_PARAM;
  return s.k === 'member' && isParamRooted(s.obj);
}

/**
 * A call whose callee is a name the module defines or imports (so it may be a workspace function); in a
 * classic browser script, any name (it may be a global another script defines).
 */
export function callsWorkspaceName(call: JsCall, module: ModuleFacts): boolean {
  const root = calleeRoot(call.callee);
  if (root === null) return false;
  return module.bindings[root] !== undefined || module.imports[root] !== undefined || root.includes('::') || (root === 'this' && call.callee.k === 'member') || isClassicScript(module);
}

export const AXIOS_METHODS: Readonly<Record<string, string>> = {
  get: 'GET',
  delete: 'DELETE',
  head: 'HEAD',
  options: 'OPTIONS',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  postForm: 'POST',
  putForm: 'PUT',
  patchForm: 'PATCH',
  request: '',
};

/** An axios-like value: its name, the `baseURL` it applies, and the config it was created with. */
export interface AxiosTarget {
  readonly name: string;
  readonly base: Value | null;
  /** The instance's `axios.create(config)` argument; null for the default export. */
  readonly config: Value | null;
  /** Which client it is across modules (`axios`, or the binding an instance is created in), for defaults set elsewhere; null when unnamed. */
  readonly key: string | null;
}

/** What an axios-like value is: the default export, or an instance from `axios.create({ baseURL })`. */
export function axiosTarget(value: Value, ev: Evaluator): AxiosTarget | null {
  // `this.http` inside a method: the field of an instance of its class.
  const v = ev.concrete(value);
  if (v.t === 'ext' && stripGlobal(v.path) === 'axios') return { name: 'axios', base: null, config: null, key: 'axios' };
  // Nuxt's axios module injects its instance as `$axios` (`useContext().$axios`, `context.$axios`); its base is the app's origin.
  if (v.t === 'ext' && /(?:^|\.)\$axios$/.test(v.path)) return { name: 'axios:$axios', base: null, config: null, key: null };
  if (v.t === 'call' && v.callee.t === 'ext' && stripGlobal(v.callee.path) === 'axios.create') {
    const cfg = ev.arg(v, 0);
    const base = cfg ? ev.member(cfg, 'baseURL') : null;
    return { name: `axios:${originName(v.origin) ?? 'instance'}`, base: base && !(base.t === 'unknown' && base.absent) ? base : null, config: cfg, key: v.origin ? `axios.create@${v.origin}` : null };
  }
  return null;
}

/** `file#name` → `name` (function locals `fn::name` → `name`). */
export function originName(origin: string | undefined): string | null {
  if (!origin) return null;
  const n = origin.slice(origin.lastIndexOf('#') + 1);
  return n.includes('::') ? n.slice(n.lastIndexOf('::') + 2) : n;
}

/** A method value that is simply not given (so the client's default applies). */
export function isAbsent(v: Value | null): boolean {
  return v === null || (v.t === 'unknown' && v.absent === true);
}
