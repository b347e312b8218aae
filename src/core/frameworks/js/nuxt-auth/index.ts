import type { Value } from '../../../resolve/evaluate';
import { str, type Sym } from '../../../resolve/sym';
import type { HttpMethod, Span } from '../../../types';
import { defineFramework, type ClientDecl, type ParsedFile } from '../../types';

const CONFIG_FILE = /(?:^|\/)nuxt\.config\.(?:js|mjs|cjs|ts|mts)$/;

/**
 * The endpoints each scheme of the Nuxt auth module (`@nuxtjs/auth`, `@nuxtjs/auth-next`) requests, with
 * their default methods (its `DEFAULTS`); an endpoint the scheme does not use (`refresh` of `local`) is no call.
 */
const NUXT_AUTH_SCHEMES: Readonly<Record<string, Readonly<Record<string, HttpMethod>>>> = {
  local: { login: 'POST', logout: 'POST', user: 'GET' },
  refresh: { login: 'POST', logout: 'POST', user: 'GET', refresh: 'POST' },
  cookie: { login: 'POST', logout: 'POST', user: 'GET', csrf: 'GET' },
};
/** The endpoints of sidebase's `local` and `refresh` providers, joined to `auth.baseURL` (default `/api/auth`). */
const SIDEBASE_PROVIDERS: Readonly<Record<string, Readonly<Record<string, HttpMethod>>>> = {
  local: { signIn: 'POST', signOut: 'POST', signUp: 'POST', getSession: 'GET' },
  refresh: { signIn: 'POST', signOut: 'POST', signUp: 'POST', getSession: 'GET', refresh: 'POST' },
};
const SIDEBASE_BASE = '/api/auth';

/**
 * Auth modules configured in `nuxt.config.*`: the requests the module makes for the app. The Nuxt auth
 * module's `auth.strategies.<name>.endpoints.<endpoint>: { url, method }` (a strategy's scheme is its
 * `scheme`, else its name; only the `local`, `refresh` and `cookie` schemes, whose endpoints are the app's
 * own), and sidebase's `auth.provider: { type: 'local' | 'refresh', endpoints: { signIn: { path, method } } }`
 * under `auth.baseURL`. Only endpoints the config writes are calls (a default URL is not seen in the code);
 * `false` turns one off. A URL without a leading slash goes through the app's axios base: the site root.
 */
export default defineFramework({
  id: 'nuxt-auth',
  title: 'Nuxt auth modules',
  language: 'js',
  docs: 'https://auth.nuxtjs.org/schemes/local',
  supports: { crossModule: true },
  detection: { deps: ['@nuxtjs/auth', '@nuxtjs/auth-next', '@sidebase/nuxt-auth'] },
  requests: {
    languages: ['js'],
    accepts: (f, text) => CONFIG_FILE.test(f.inProject) && /\bauth\b/.test(text) && /\bendpoints\b/.test(text),
    extract: (file) => authDecls(file),
    resolve(decl, ctx) {
      if (decl.callee.k !== 'str') return null;
      const [, name, defaultMethod, base] = decl.callee.v.split(' ') as [string, string, HttpMethod, string | undefined];
      const m = decl.args[1];
      const method: Value | null = m?.k === 'str' ? { t: 'str', parts: [{ lit: m.v.toUpperCase() }] } : m ? ctx.value(m, decl) : null;
      const url = siteRelative(ctx.value(decl.args[0]!, decl), base);
      return { client: `nuxt-auth.${name}`, kind: 'http', method, defaultMethod, url, base: null, via: [`auth ${name}`] };
    },
  },
});

/** A URL the module requests through the app's client: one without a leading slash is under the site root. */
function siteRelative(v: Value, base: string | undefined): Value {
  if (v.t !== 'str') return v;
  const first = v.parts[0];
  if (base !== undefined) return { t: 'str', parts: [{ lit: base.replace(/\/+$/, '') }, ...(first && 'lit' in first && !first.lit.startsWith('/') ? [{ lit: '/' }] : []), ...v.parts] };
  if (first && 'lit' in first && !first.lit.startsWith('/') && !/^[a-z][\w+.-]*:/i.test(first.lit)) return { t: 'str', parts: [{ lit: `/${first.lit}` }, ...v.parts.slice(1)] };
  return v;
}

/** The module's config object: `export default { auth }`, `defineNuxtConfig({ auth })`, `module.exports = …`. */
function configObject(file: ParsedFile): Extract<Sym, { k: 'obj' }> | null {
  const mod = file.js!.module;
  const local = mod.exports?.['default'] ?? (mod.bindings['module.exports'] !== undefined ? 'module.exports' : undefined);
  let s: Sym | undefined = local ? mod.bindings[local] : undefined;
  for (let i = 0; s && i < 4; i++) {
    if (s.k === 'obj') return s;
    s = s.k === 'ref' ? mod.bindings[s.name] : s.k === 'call' ? s.args[0] : undefined;
  }
  return null;
}

function prop(s: Sym | undefined, name: string): Sym | undefined {
  return s?.k === 'obj' ? s.props[name] : undefined;
}

function authDecls(file: ParsedFile): ClientDecl[] {
  const auth = prop(configObject(file) ?? undefined, 'auth');
  if (auth?.k !== 'obj') return [];
  const found: Array<{ name: string; method: HttpMethod; url: Sym; verb?: Sym; base?: string }> = [];
  const strategies = prop(auth, 'strategies');
  for (const [strategy, options] of strategies?.k === 'obj' ? Object.entries(strategies.props) : []) {
    const scheme = prop(options, 'scheme') ?? str(strategy);
    const endpoints = scheme.k === 'str' ? NUXT_AUTH_SCHEMES[scheme.v] : undefined;
    for (const [name, method] of Object.entries(endpoints ?? {})) {
      const e = prop(prop(options, 'endpoints'), name);
      const url = prop(e, 'url');
      if (url) found.push({ name: `${strategy}.${name}`, method, url, verb: prop(e, 'method') });
    }
  }
  const provider = prop(auth, 'provider');
  const type = prop(provider, 'type');
  const baseSym = prop(auth, 'baseURL');
  const base = baseSym === undefined ? SIDEBASE_BASE : baseSym.k === 'str' && baseSym.v.startsWith('/') ? baseSym.v : null;
  for (const [name, method] of Object.entries((type?.k === 'str' && base !== null && SIDEBASE_PROVIDERS[type.v]) || {})) {
    const e = prop(prop(provider, 'endpoints'), name);
    const url = prop(e, 'path');
    if (url) found.push({ name, method, url, verb: prop(e, 'method'), base: base! });
  }
  const seen = new Map<string, number>();
  return found.map((f) => {
    const span = urlSpan(file.text, f.url, seen);
    const callee = str(`nuxt-auth ${f.name} ${f.method}${f.base !== undefined ? ` ${f.base}` : ''}`);
    return { file: file.ref.path, fn: null, span, anchor: span, callee, args: f.verb ? [f.url, f.verb] : [f.url] };
  });
}

/** Where a literal URL is written (its next occurrence, for one written twice); the config's first line for another expression. */
function urlSpan(text: string, url: Sym, seen: Map<string, number>): Span {
  const v = url.k === 'str' ? url.v : null;
  const re = v === null ? null : new RegExp(`(["'\`])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`, 'g');
  if (re) re.lastIndex = seen.get(v!) ?? 0;
  const m = re?.exec(text);
  if (!m) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  seen.set(v!, m.index + m[0].length);
  const before = text.slice(0, m.index);
  const line = before.split('\n').length;
  const column = m.index - before.lastIndexOf('\n');
  return { line, column, endLine: line, endColumn: column + m[0].length };
}
