/**
 * axios request interceptors that change where a request goes: `client.interceptors.request.use((config)
 * => { config.url = "/api" + config.url; return config })` or `config.baseURL = …`. A literal prefix put in
 * front of `config.url`, or a literal `baseURL`, is a base for the client's requests (applied by the engine,
 * engine/sharedBases.ts); any other change to `url` or `baseURL` leaves the client's calls unresolved,
 * naming the interceptor. An interceptor that only adds headers or a token changes nothing. A function
 * named at the call and defined in the same file counts as changing the URL when anything in that file
 * assigns one; one imported from elsewhere is not read (its calls stay as they are).
 */
import type { JsFileFacts } from '../../../lang/js/facts';
import type { AxiosTarget } from '../../../lang/js/clients';
import type { Sym } from '../../../resolve/sym';
import type { ClientDecl, SharedBase } from '../../types';

/** Marks a setting declaration as an interceptor's (its first argument). */
const INTERCEPTOR = 'axios request interceptor';
/** Something in the interceptor's text assigns the URL or the base: `config.url =`, `{ ...config, url: … }`, `baseURL`. */
const CHANGES_URL = /\.(?:url|baseURL)\s*(?:\+?=(?!=))|[{,]\s*(?:url|baseURL)\s*:|\bbaseURL\b/;
/** Each assignment of the URL or the base. */
const ASSIGNS = /\.(?:url|baseURL)\s*\+?=(?!=)|[{,]\s*(?:url|baseURL)\s*:/g;
const PREFIX = /\b(\w+)\.url\s*=\s*(['"`])([^'"`$\\]*)\2\s*\+\s*\1\.url\b/;
const BASE = /\b\w+\.baseURL\s*=\s*(['"`])([^'"`$\\]*)\1\s*;?/;

/** `<client>.interceptors.request.use(fn)` calls whose text changes the URL: setting declarations. */
export function interceptorDecls(file: string, text: string, js: JsFileFacts): ClientDecl[] {
  if (!text.includes('interceptors')) return [];
  const lines = text.split('\n');
  const out: ClientDecl[] = [];
  for (const c of js.calls) {
    const client = interceptedClient(c.callee);
    if (!client || !c.args[0]) continue;
    // An inline function is read from the call's text; a function of this file named there, from the
    // whole file (never read as a prefix then: only whether something may change the URL).
    const fn = c.args[0];
    const named = fn.k === 'ref' && js.module.bindings[fn.name]?.k === 'func';
    if (fn.k !== 'func' && !named) continue;
    const body = named ? text : lines.slice(c.span.line - 1, c.span.endLine).join('\n');
    if (!CHANGES_URL.test(body)) continue;
    const prefix = PREFIX.exec(body);
    const base = BASE.exec(body);
    // One reading only: a literal prefix, or a literal baseURL, and nothing else that sets either.
    const once = !named && (body.match(ASSIGNS)?.length ?? 0) === 1;
    const read: Sym = once && prefix ? { k: 'str', v: `concat ${prefix[3]}` } : once && base ? { k: 'str', v: `join ${base[2]}` } : { k: 'dyn', text: 'unread' };
    out.push({ file, fn: c.fn, span: c.span, anchor: c.anchor, callee: client, args: [{ k: 'dyn', text: INTERCEPTOR }, read], setting: true });
  }
  return out;
}

/** The client of `<client>.interceptors.request.use`, or null. */
function interceptedClient(callee: Sym): Sym | null {
  if (callee.k !== 'member' || callee.prop !== 'use') return null;
  const req = callee.obj;
  if (req.k !== 'member' || req.prop !== 'request' || req.obj.k !== 'member' || req.obj.prop !== 'interceptors') return null;
  return req.obj.obj;
}

export function isInterceptorDecl(decl: ClientDecl): boolean {
  const first = decl.args[0];
  return first?.k === 'dyn' && first.text === INTERCEPTOR;
}

/** The base an interceptor sets for `target`'s requests, or why it cannot be read. */
export function interceptorSetting(decl: ClientDecl, target: AxiosTarget): SharedBase | null {
  if (!target.key) return null;
  const global = target.key === 'axios';
  const label = `the request interceptor of ${global ? 'axios' : target.name.slice('axios:'.length)}`;
  const read = decl.args[1];
  const common = { key: target.key, scope: global ? 'project' : 'client', label } as const;
  if (read?.k !== 'str') return { ...common, mode: 'concat', value: null, why: 'changes the URL or base of every request in a way that is not read' };
  const [mode, value] = [read.v.slice(0, read.v.indexOf(' ')), read.v.slice(read.v.indexOf(' ') + 1)];
  return { ...common, mode: mode === 'join' ? 'join' : 'concat', value: { t: 'str', parts: [{ lit: value }] } };
}
