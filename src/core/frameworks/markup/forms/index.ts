import type { MarkupAttr, MarkupElement } from '../../../lang/markup';
import { attrSpan, attrUrl, scanElements } from '../../../lang/markup';
import { namedArgs, namedSpec } from '../named';
import { stripGlobal, type Part, type Value } from '../../../resolve/evaluate';
import { expandParts } from '../../../resolve/parts';
import { str, type Sym } from '../../../resolve/sym';
import type { EndpointKind, HttpMethod, MethodOrAny } from '../../../types';
import { defineFramework, type ClientDecl, type MarkupFacts, type ParsedFile } from '../../types';

/** Markup: a start tag that may carry a URL (HTML, or Pug's `form(`, `a.btn(`). */
/** JSX with a link, form or asset to a root-relative URL (`<a href="/api/x">`, `<form action={`/x/${id}`}>`). */
const JSX_MARKERS = /<(?:form|a|img|video|audio|source|iframe)\b[^>]*?\b(?:action|href|src)=\{?\s*["'`]\//;
/** JSX with a link or asset given as an expression (`<a href={downloadUrl(id)}>`, `<Frame src={…}>`). */
const JSX_EXPRESSION_MARKERS = /\b(?:href|src)=\{/;
const MARKUP_MARKERS = /<(?:form|a|area|img|video|audio|source|iframe)\b|\bformaction\s*=|^\s*(?:[\w.#-]+(?:\([^)\n]*\))?:\s+)*(?:form|a|area|img|video|audio|source|iframe)(?:[.#][\w-]+)*\(/im;
/** Scripts (also a page's): a navigation or a server redirect. */
const SCRIPT_MARKERS = /\blocation(?:\.href)?\s*=[^=]|\blocation\.(?:assign|replace)\s*\(|\b(?:window|self|top)\.open\s*\(|\.redirect\s*\(/;

/** Which element attributes navigate (`page`) or load a resource (`asset`). */
const URL_ATTRS: Readonly<Record<string, { attr: string; kind: EndpointKind }>> = {
  a: { attr: 'href', kind: 'page' },
  area: { attr: 'href', kind: 'page' },
  iframe: { attr: 'src', kind: 'page' },
  img: { attr: 'src', kind: 'asset' },
  video: { attr: 'src', kind: 'asset' },
  audio: { attr: 'src', kind: 'asset' },
  source: { attr: 'src', kind: 'asset' },
};

/** Files a web server hands out as they are (styles, scripts, images, fonts, pages): never routes. */
const STATIC_FILE = /\.(?:css|m?js|map|png|jpe?g|gif|svg|webp|avif|ico|bmp|woff2?|ttf|eot|otf|mp4|webm|ogg|mp3|wav|html?|txt|md)$/i;
const NAVIGATIONS = new Set(['location', 'location.href', 'document.location', 'document.location.href', 'top.location', 'top.location.href', 'parent.location', 'parent.location.href']);
const NAVIGATION_CALLS = new Set(['location.assign', 'location.replace', 'document.location.assign', 'document.location.replace', 'open']);

/**
 * Forms, links and assets: `<form action method>` (GET by default; POST overridden by a `_method`
 * field or `?_method=`), submit buttons with `formaction`/`formmethod`, `<a href>`, `<img src>`/`<video src>`/…, and navigations in scripts
 * (`location.href = url`, `location.assign(url)`, `window.open(url)`) and server redirects
 * (`res.redirect(url)` on a handler's parameter). They are calls of kind `page`
 * or `asset`, and only count when they reach a route or a route family a backend serves (see
 * `RequestSpec.onlyServed`): most links are pages and static files, not API calls.
 */
export default defineFramework({
  id: 'forms',
  title: 'Forms, links and assets',
  language: 'markup',
  docs: 'https://developer.mozilla.org/docs/Web/HTML/Element/form',
  supports: { crossModule: true },
  detection: { deps: [] },
  detect: () => true,
  requests: {
    languages: ['markup', 'js'],
    accepts: (f, text) => SCRIPT_MARKERS.test(text) || (f.language === 'markup' ? MARKUP_MARKERS.test(text) : JSX_MARKERS.test(text) || JSX_EXPRESSION_MARKERS.test(text)),
    extract(file) {
      const markup = markupDecls(file);
      return [...markup, ...jsxLinkDecls(file, markup), ...scriptDecls(file)];
    },
    resolve(decl, ctx) {
      if (decl.callee.k === 'call') {
        const inner = decl.callee.callee;
        // A server redirect: `res.redirect(url)` on a handler's parameter (Express, Fastify's `reply`, Koa's `ctx`).
        if (inner.k === 'member' && inner.prop === 'redirect') return ctx.value(inner.obj, decl).t === 'param' ? spec('redirect', 'page', 'GET', ctx.value(decl.args[0]!, decl)) : null;
        // A navigation in a script: only when the target is the browser's own `location`/`open`.
        const target = ctx.value(inner, decl);
        const name = target.t === 'ext' ? stripGlobal(target.path) : '';
        const assigned = decl.callee.args[0]?.k === 'str' && decl.callee.args[0].v === '=';
        if (!(assigned ? NAVIGATIONS : NAVIGATION_CALLS).has(name)) return null;
        return spec('location', 'page', 'GET', ctx.value(decl.args[0]!, decl));
      }
      if (decl.callee.k !== 'str') return null;
      const [client, kind, method, expression] = decl.callee.v.split(' ') as [string, EndpointKind, MethodOrAny, string?];
      if (decl.args[1]) return namedSpec(client, kind, method, decl.args[0]!, decl.args[1], decl.args[2]);
      const url = ctx.value(decl.args[0]!, decl);
      // A JSX expression: only a value that is a server path, as a literal attribute must be.
      if (expression && !isServerPathValue(url)) return null;
      return spec(client, kind, method, url);
    },
  },
});

function spec(client: string, kind: EndpointKind, method: MethodOrAny, url: Value) {
  return { client, kind, method: null, defaultMethod: method, url, base: null, via: [], onlyServed: true };
}

/** Markup: the callee is `"<client> <kind> <method>"`, the argument the URL. */
function markupDecls(file: ParsedFile): ClientDecl[] {
  const m = file.markup ?? jsxMarkup(file);
  if (!m) return [];
  const out: ClientDecl[] = [];
  m.elements.forEach((el, i) => {
    const submitter = (el.tag === 'button' || el.tag === 'input') && el.attrs.some((x) => x.name === 'formaction');
    if (submitter) return void out.push(...submitterDecl(file, m.elements, i));
    const form = el.tag === 'form';
    const name = form ? 'action' : URL_ATTRS[el.tag]?.attr;
    const a = name ? el.attrs.find((x) => x.name === name || x.name === `:${name}` || x.name === `v-bind:${name}`) : undefined;
    const value = a ? urlValue(a, m.kind === 'svelte' || m.kind === 'astro') : null;
    const args = a && value !== null ? urlArgs(value) : null;
    if (!a || value === null || !args) return;
    const kind = form ? 'page' : URL_ATTRS[el.tag]!.kind;
    const method = form ? formMethod(file.text, m.elements, i, value) : 'GET';
    if (method === null) return;
    const client = form ? 'form' : el.tag === 'area' ? 'a' : el.tag;
    const span = attrSpan(a);
    out.push({ file: file.ref.path, fn: null, span, anchor: span, callee: str(`${client} ${kind} ${method}`), args });
  });
  return out;
}

/**
 * JSX `href={…}`/`src={…}` given as expressions (the markup scan reads only literal values): on `<a>`,
 * `<img>`, `<iframe>`… as their markup kinds, and on a component (`<Frame src={…}>`, `<Button href={…}>`),
 * which hands it to one of those: `src` an asset, `href` a page. The value is evaluated where the element
 * is written, so a URL builder (`href={downloadUrl(id)}`) gives its URL; like every link it counts only
 * when it reaches a route a backend serves.
 */
function jsxLinkDecls(file: ParsedFile, markup: readonly ClientDecl[]): ClientDecl[] {
  const taken = new Set(markup.map((d) => `${d.span.line}:${d.span.column}`));
  const out: ClientDecl[] = [];
  for (const a of file.js?.linkAttrs ?? []) {
    if (taken.has(`${a.span.line}:${a.span.column}`)) continue;
    const component = !/^[a-z]/.test(a.tag);
    const own = URL_ATTRS[a.tag];
    if (!component && own?.attr !== a.attr) continue;
    const kind = component ? (a.attr === 'src' ? 'asset' : 'page') : own!.kind;
    const client = component ? `${a.tag}[${a.attr}]` : a.tag === 'area' ? 'a' : a.tag;
    out.push({ file: file.ref.path, fn: a.fn, span: a.span, anchor: a.span, callee: str(`${client} ${kind} GET expression`), args: [a.value] });
  }
  return out;
}

/** JSX (`.jsx`/`.tsx`, React `.js`): its elements read like Astro's, with `{…}` attribute values. */
function jsxMarkup(file: ParsedFile): MarkupFacts | null {
  if (!file.js || !/^\.(?:jsx|tsx|js)$/.test(file.ref.ext) || !JSX_MARKERS.test(file.text)) return null;
  return { kind: 'astro', elements: scanElements(file.text, 'astro') };
}

/**
 * The URL an attribute gives: its text, or for a bound value (Vue `:href="…"`, JSX/Svelte `href={…}`)
 * the one string or template literal it is (`` `/api/x/${id}` ``); null for any other expression.
 * `braces`: the dialect writes expressions as `{…}` values (JSX, Svelte, Astro).
 */
function urlValue(a: MarkupAttr, braces: boolean): string | null {
  if (typeof a.value !== 'string') return null;
  const bound = a.name.startsWith(':') || a.name.startsWith('v-bind:');
  const braced = braces ? /^\{([\s\S]*)\}$/.exec(a.value.trim()) : null;
  if (!bound && !braced) return a.value;
  const lit = /^\s*(['"`])([^'"`]*)\1\s*$/.exec(bound ? a.value : braced![1]!);
  return lit ? lit[2]! : null;
}

/**
 * The declaration's arguments for a URL attribute: the URL, or for a named-route helper
 * (`{{ url_for('a') }}`, `{% url 'a' %}`) its text and name; null when it is no server path.
 */
function urlArgs(value: string): Sym[] | null {
  const named = namedArgs(value);
  if (named) return named.length ? named : null;
  return isServerPath(value) ? [attrUrl(value)] : null;
}

/**
 * A submit button with its own target (`formaction`, `formmethod`): the method is `formmethod`, else the
 * enclosing form's, else (no form found) any.
 */
function submitterDecl(file: ParsedFile, elements: readonly MarkupElement[], index: number): ClientDecl[] {
  const el = elements[index]!;
  const a = el.attrs.find((x) => x.name === 'formaction')!;
  const args = typeof a.value === 'string' ? urlArgs(a.value) : null;
  if (typeof a.value !== 'string' || !args) return [];
  const fm = el.attrs.find((x) => x.name === 'formmethod')?.value;
  const m = typeof fm === 'string' ? fm.trim().toUpperCase() : '';
  const form = m === 'POST' || m === 'GET' ? -1 : enclosingForm(file.text, elements, index, file.markup?.kind === 'pug');
  const method = m === 'POST' || m === 'GET' ? m : form >= 0 ? (formMethod(file.text, elements, form, a.value) ?? '*') : '*';
  const span = attrSpan(a);
  return [{ file: file.ref.path, fn: null, span, anchor: span, callee: str(`form page ${method}`), args }];
}

/** The index of the form an element is in: by its end tag in HTML, by indentation in Pug; -1 when none. */
function enclosingForm(text: string, elements: readonly MarkupElement[], index: number, pug: boolean): number {
  const el = elements[index]!;
  let column = el.column;
  for (let k = index - 1; k >= 0; k--) {
    const e = elements[k]!;
    if (pug) {
      if (e.column >= column) continue;
      if (e.tag === 'form') return k;
      column = e.column;
      continue;
    }
    if (e.tag !== 'form') continue;
    const close = text.slice(e.endOffset).search(/<\/form\s*>/i);
    return close < 0 || e.endOffset + close > el.offset ? k : -1;
  }
  return -1;
}

/** A root-relative path (`/x`, not `//host`) that is not a static file; template expressions may follow. */
function isServerPath(value: string): boolean {
  const v = value.trim();
  if (!v.startsWith('/') || v.startsWith('//') || v === '/') return false;
  return !STATIC_FILE.test(v.split(/[?#]/)[0]!);
}

/**
 * An evaluated URL that may be a server path: after an env base the value may start with, a path that is not the site root or a static file; an absolute `http(s)://` URL is left to the
 * relation. Anything else (`#id`, `mailto:`, a word, an unknown value) is no link to a route.
 */
function isServerPathValue(v: Value): boolean {
  if (v.t === 'alt') return v.options.length > 0 && v.options.every(isServerPathValue);
  return v.t === 'str' && v.parts.length > 0 && expandParts(v.parts).every(isServerPathParts);
}

function isServerPathParts(parts: readonly Part[]): boolean {
  // A leading run-time value (`${file.url}/download`) may be any origin or path: only an env base is one.
  if (parts[0] && !('lit' in parts[0]) && !('env' in parts[0])) return false;
  const text = parts.map((p) => ('lit' in p ? p.lit : '\u0000')).join('');
  const absolute = /^https?:\/\/[^/]*/i.exec(text);
  const rest = absolute ? text.slice(absolute[0].length) : text.replace(/^\u0000+/, '');
  if (!absolute && (!rest.startsWith('/') || rest.startsWith('//'))) return false;
  const path = rest.split(/[?#]/)[0]!;
  return path !== '' && path !== '/' && !STATIC_FILE.test(path.replace(/\u0000/g, 'x'));
}

/** The form's method: `method` (GET by default), POST overridden by `_method`; null for `dialog`. */
export function formMethod(text: string, elements: readonly MarkupElement[], index: number, action: string): HttpMethod | null {
  const form = elements[index]!;
  const attr = form.attrs.find((x) => x.name === 'method')?.value;
  const m = typeof attr === 'string' ? attr.trim().toUpperCase() : 'GET';
  if (m === 'DIALOG') return null;
  if (m !== 'POST') return 'GET';
  const query = /[?&]_method=([A-Za-z]+)/.exec(action)?.[1];
  const close = text.slice(form.endOffset).search(/<\/form\s*>/i);
  const end = close < 0 ? text.length : form.endOffset + close;
  let field: string | undefined;
  for (let k = index + 1; k < elements.length && elements[k]!.offset < end && field === undefined; k++) {
    const el = elements[k]!;
    const value = el.attrs.find((x) => x.name === 'value')?.value;
    if (el.tag === 'input' && el.attrs.some((x) => x.name === 'name' && x.value === '_method') && typeof value === 'string') field = value;
  }
  const override = (field ?? query)?.toUpperCase();
  return override && ['PUT', 'PATCH', 'DELETE'].includes(override) ? (override as HttpMethod) : 'POST';
}

/** Scripts: `location… = url` (recorded as an assignment call) and `location.assign(url)`, `window.open(url)`. */
function scriptDecls(file: ParsedFile): ClientDecl[] {
  const js = file.js;
  if (!js) return [];
  const out: ClientDecl[] = [];
  for (const c of js.calls) {
    if (c.isNew || !c.args[0] || !navigationCallee(c.callee)) continue;
    // `res.redirect(status, url)`: the URL is the last argument.
    const url = c.callee.k === 'member' && c.callee.prop === 'redirect' ? c.args[c.args.length - 1]! : c.args[0];
    // Wrapped so `resolve` tells it from a markup declaration: `'='` marks an assignment, `'()'` a call.
    const callee: Sym = { k: 'call', callee: c.callee, args: [str(c.assign ? '=' : '()')] };
    out.push({ file: file.ref.path, fn: c.fn, span: c.span, anchor: c.anchor, callee, args: [url] });
  }
  return out;
}

function navigationCallee(s: Sym): boolean {
  if (s.k === 'ref') return s.name === 'location' || s.name === 'open';
  return s.k === 'member' && ['location', 'href', 'assign', 'replace', 'open', 'redirect'].includes(s.prop);
}
