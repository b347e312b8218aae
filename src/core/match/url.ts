/**
 * What a rebuilt call URL points at: another origin, a service reached through an env-var base, the
 * page's own origin, or a base we could not evaluate. Also joins axios-style base URLs.
 */
import type { Part } from '../resolve/evaluate';
import { DYN } from './path';

export interface Origin {
  readonly scheme: string;
  readonly host: string;
  readonly port: number | null;
  /** `https://api.stripe.com`, `http://localhost:1234`. */
  readonly text: string;
}

export type UrlTarget =
  | { readonly kind: 'absolute'; readonly origin: Origin; readonly path: string }
  /** Base from an env var: the workspace service it stands for (`fallback` is its default, when given). */
  | { readonly kind: 'env'; readonly env: string; readonly fallback: Origin | null; readonly path: string }
  | { readonly kind: 'relative'; readonly path: string }
  | { readonly kind: 'unknown-base'; readonly base: string; readonly path: string; readonly why?: string }
  | { readonly kind: 'dynamic'; readonly why: string };

const ORIGIN_RE = /^(https?|wss?):\/\/([^/?#:]+|\[[^\]]+\])(?::(\d+))?(.*)$/i;

export function parseOrigin(text: string): { origin: Origin; rest: string } | null {
  const t = text.startsWith('//') ? `https:${text}` : text;
  const m = ORIGIN_RE.exec(t);
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  const host = m[2]!.toLowerCase();
  const port = m[3] ? Number(m[3]) : null;
  return { origin: { scheme, host, port, text: `${scheme}://${host}${port ? `:${port}` : ''}` }, rest: m[4] ?? '' };
}

export function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '0.0.0.0' || host === '[::1]' || host === 'host.docker.internal' || host.endsWith('.localhost');
}

/** The effective port of an origin (explicit, else the scheme's default). */
export function portOf(o: Origin): number {
  return o.port ?? (o.scheme === 'https' || o.scheme === 'wss' ? 443 : 80);
}

/** Human form of parts: literals as-is, `${ENV}`, `{param}`, `{expr}`. */
export function displayParts(parts: readonly Part[]): string {
  return parts
    .map((p) => {
      if ('lit' in p) return p.lit;
      if ('env' in p) return `\${${p.env}}`;
      if ('param' in p) return `{${p.path.length ? p.path[p.path.length - 1] : p.name}}`;
      if ('alt' in p) return `{${p.alt.map((a) => displayParts(a)).join(' | ')}}`;
      return `{${p.dyn}}`;
    })
    .join('');
}

const QUERY_NAME = /^(search|query|querystring|queryString|qs|searchParams|hash)$/;
const QUERY_TEXT = /(?:^|\.)(search|query|querystring|queryString|qs|searchParams)(?:\.toString\(\))?$|URLSearchParams|\bqs\.stringify\b|\bstringify\(|toQueryString|buildQuery/;

/** A dynamic part named like a query string (`search`, `qs`, `params.toString()`, `URLSearchParams`). */
function queryNamed(p: Part): boolean {
  if ('param' in p) return QUERY_NAME.test(p.path.length ? p.path[p.path.length - 1]! : p.name);
  if ('dyn' in p) return QUERY_TEXT.test(p.dyn.replace(/…$/, ''));
  return false;
}

/**
 * Is `parts[i]` a query string (`${request.nextUrl.search}`, `${qs.stringify(q)}`) that starts the
 * query even without a literal `?`? Only by its name *and* its place: it ends the URL (nothing but a
 * `?`/`#`/`&` literal follows) and does not fill a path segment of its own (no `/` right before it).
 * `/api/queries/${query}/jobs` is a path.
 */
export function isQueryPart(parts: readonly Part[], i: number, before = ''): boolean {
  const p = parts[i];
  if (!p || !queryNamed(p)) return false;
  const next = parts[i + 1];
  if (next && !('lit' in next && /^[?#&]/.test(next.lit))) return false;
  const prev = parts[i - 1];
  return !(prev ? 'lit' in prev && prev.lit.endsWith('/') : before.endsWith('/'));
}

/** Path text for matching: dynamic parts become DYN-delimited pieces; a query-string part ends the path. */
function pathText(parts: readonly Part[], before = ''): string {
  return parts.map((p, i) => ('lit' in p ? p.lit : isQueryPart(parts, i, before) ? '?' : `${DYN}${'env' in p ? p.env : 'param' in p ? p.name : 'dyn' in p ? p.dyn : 'alt'}${DYN}`)).join('');
}

export function interpretUrl(parts: readonly Part[]): UrlTarget {
  const target = locate(parts);
  // A path with no literal segment (`/${x}`, `${base}/${path}`) could be any route: never guessed.
  if (target.kind !== 'dynamic' && onlyDynamicSegments(target.path)) {
    return { kind: 'dynamic', why: `only run time knows the URL's path (\`${displayParts(parts)}\`)` };
  }
  return target;
}

/** True when the path has segments and none of them holds literal text. */
function onlyDynamicSegments(path: string): boolean {
  const segments = path.replace(/[?#].*$/s, '').split('/').filter((s) => s !== '');
  return segments.length > 0 && segments.every((s) => s.split(DYN).every((piece, i) => i % 2 === 1 || piece === ''));
}

function locate(parts: readonly Part[]): UrlTarget {
  const first = parts[0];
  if (!first) return { kind: 'dynamic', why: 'the URL is empty' };
  const page = onPageHost(parts);
  if (page) return page;
  const rest = parts.slice(1);
  if ('lit' in first) {
    const text = first.lit.trimStart();
    if (/^(https?|wss?):\/\/|^\/\//i.test(text)) {
      const o = parseOrigin(text);
      if (!o) return { kind: 'dynamic', why: `the URL's host is not known statically (\`${displayParts(parts)}\`)` };
      if ((o.rest === '' && rest.length && !('lit' in rest[0]!)) || o.rest.startsWith(':')) {
        // `http://host${x}`: the host continues into a dynamic part.
        return { kind: 'dynamic', why: `the URL's host is not known statically (\`${displayParts(parts)}\`)` };
      }
      return { kind: 'absolute', origin: o.origin, path: ensureSlash(o.rest + pathText(rest, o.rest)) };
    }
    // `data:…`, `blob:…`, `file:…`, `shopify:admin/…`: another scheme, not a path of this origin (a
    // `host:8000` port is not one).
    const scheme = /^([a-z][a-z0-9+.-]*):(?!\d)/i.exec(text);
    if (scheme) return { kind: 'absolute', origin: { scheme: scheme[1]!.toLowerCase(), host: '', port: null, text: `${scheme[1]!.toLowerCase()}:` }, path: '/' };
    // `users/1` (no leading slash) resolves against the page's `<base href>`: a single-page app that
    // uses such URLs sets one, and a deployment prefix in it prefixes the backend's routes as well, so
    // the path is read from the app's root. (`./x` is `x`.)
    return { kind: 'relative', path: ensureSlash(pathText(parts).replace(/^\.\//, '')) };
  }
  if ('env' in first) {
    let fallback: Origin | null = null;
    let prefix = '';
    if (first.fallback) {
      const fbText = displayFallback(first.fallback);
      const o = fbText !== null ? parseOrigin(fbText) : null;
      if (o) {
        fallback = o.origin;
        prefix = o.rest;
      } else if (fbText !== null && fbText.startsWith('/')) prefix = fbText;
    }
    return { kind: 'env', env: first.env, fallback, path: ensureSlash(joinPaths(prefix, pathText(rest, '/'))) };
  }
  if ('param' in first) return { kind: 'dynamic', why: `the URL comes from \`${[first.name, ...first.path].join('.')}\`` };
  if ('alt' in first) return { kind: 'dynamic', why: `the URL is one of several too many to spell out (\`${displayParts(parts)}\`)` };
  const restText = pathText(rest, '/');
  // A value the evaluator gave up on says why (`new URL(…)` with a base it could not read).
  const told = rest.length === 0 && first.why && !first.why.endsWith('only known at run time') ? ` could not be evaluated: ${first.why}` : ' is only known at run time';
  if (rest.length === 0 || !restText.startsWith('/')) return { kind: 'dynamic', why: `the URL \`${displayParts(parts)}\`${told}` };
  return { kind: 'unknown-base', base: first.dyn, path: ensureSlash(restText), ...(first.why ? { why: first.why } : {}) };
}

/** The page's own address (`window.location.origin`, `document.location.host`): read from the browser at run time. */
const PAGE_ADDRESS = /^(?:(?:window|self|globalThis|document|window\.document)\.)?location\.(origin|host|hostname)$/;

function pageAddress(p: Part | undefined): string | null {
  return p && 'dyn' in p ? (PAGE_ADDRESS.exec(p.dyn)?.[1] ?? null) : null;
}

/**
 * A URL on the page's own origin is a relative one: `${location.origin}/api`, and the WebSocket forms
 * `ws://${location.host}/ws`, `${proto}://${window.location.host}/ws` (whatever the scheme: only a scheme
 * and `//` may come before the host). `${location.hostname}:8000/ws` is the page's machine at another
 * port: a local origin, matched by port as `localhost:8000` is. Null: the URL does not start so.
 */
function onPageHost(parts: readonly Part[]): UrlTarget | null {
  if (pageAddress(parts[0]) === 'origin') return { kind: 'relative', path: ensureSlash(pathText(parts.slice(1), '/')) };
  const at = parts.findIndex((p) => pageAddress(p) === 'host' || pageAddress(p) === 'hostname');
  if (at < 1 || at > 2) return null;
  const before = parts.slice(0, at);
  if (before.filter((p) => !('lit' in p)).length > 1) return null;
  const lead = before.map((p) => ('lit' in p ? p.lit : '')).join('');
  if (!/^(?:(?:https?|wss?)?:)?\/\/$/i.test(lead.trimStart())) return null;
  const rest = parts.slice(at + 1);
  const next = rest[0];
  const text = next && 'lit' in next ? next.lit : '';
  if (next && !('lit' in next)) return null;
  if (text === '' || text.startsWith('/') || /^[?#]/.test(text)) return { kind: 'relative', path: ensureSlash(pathText(rest, '/')) };
  const port = /^:(\d+)(?=[/?#]|$)/.exec(text);
  if (!port || pageAddress(parts[at]) !== 'hostname') return null;
  const scheme = /^([a-z]+)/i.exec(lead.trimStart())?.[1]?.toLowerCase() ?? 'http';
  const origin: Origin = { scheme, host: 'localhost', port: Number(port[1]), text: `${scheme}://{location.hostname}:${port[1]}` };
  return { kind: 'absolute', origin, path: ensureSlash(pathText([{ lit: text.slice(port[0].length) }, ...rest.slice(1)], '/')) };
}

function displayFallback(parts: readonly Part[]): string | null {
  return parts.every((p) => 'lit' in p) ? parts.map((p) => (p as { lit: string }).lit).join('') : null;
}

function ensureSlash(p: string): string {
  return p.startsWith('/') ? p : `/${p}`;
}

function joinPaths(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return a.replace(/\/+$/, '') + '/' + b.replace(/^\/+/, '');
}

/** True when parts start with a scheme (so an axios baseURL does not apply). */
export function isAbsoluteUrl(parts: readonly Part[]): boolean {
  const f = parts[0];
  return !!f && 'lit' in f && /^(https?|wss?):\/\/|^\/\//i.test(f.lit.trimStart());
}

/** A part (or each of its alternatives) without its leading slash. */
function unslash(p: Part): Part {
  if ('lit' in p) return { lit: p.lit.slice(1) };
  if ('alt' in p) return { alt: p.alt.map((a) => (a[0] ? [unslash(a[0]), ...a.slice(1)] : a)) };
  return p;
}

/** axios `baseURL` + `url`: joined with one slash, unless `url` is absolute. */
export function joinBase(base: readonly Part[], url: readonly Part[]): Part[] {
  if (isAbsoluteUrl(url) || base.length === 0) return [...url];
  const b = [...base];
  const u = [...url];
  const last = b[b.length - 1];
  const first = u[0];
  const endsSlash = !!last && 'lit' in last && last.lit.endsWith('/');
  const slashed = (p: Part | undefined): boolean => !!p && (('lit' in p && p.lit.startsWith('/')) || ('alt' in p && p.alt.every((a) => slashed(a[0]))));
  const startsSlash = slashed(first);
  if (endsSlash && startsSlash) u[0] = unslash(first!);
  else if (!endsSlash && !startsSlash) b.push({ lit: '/' });
  return [...b, ...u];
}
