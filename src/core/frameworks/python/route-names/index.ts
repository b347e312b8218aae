/**
 * Named-route helpers in Python code: Flask's `url_for("bp.view")` (and `url_for(".view")`, relative to
 * the module's blueprint), Starlette/FastAPI's `request.url_for("name")` and `app.url_path_for`, Django's
 * `reverse("ns:name")`, `reverse_lazy`, `resolve_url` and `redirect("name")`. Each reaches the route with
 * that name (see `relations/http/named.ts`) as kind `page`. Only a navigation is a GET: Django's
 * `redirect("name")`, and a URL built for a redirect (`redirect(url_for(…))`, `HttpResponseRedirect(reverse(…))`,
 * `RedirectResponse(request.url_for(…))`). A URL built for anything else (a SAML ACS or OAuth callback the
 * identity provider posts to, a link in a JSON answer) may be used with any method, so its method is not
 * judged. A Django `redirect("/path/")` is a URL, matched like a link; a name that is an expression is unresolved.
 */
import { hasDependency } from '../../../project/projects';
import { extName, stripGlobal, type Value } from '../../../resolve/evaluate';
import { literalText } from '../../../resolve/parts';
import { str, symText, type Sym } from '../../../resolve/sym';
import { defineFramework, type ClientDecl, type RequestSpec } from '../../types';
import type { PyCall } from '../../../lang/python/calls';
import type { Span } from '../../../types';
import { routeArgs } from '../../markup/named';

const MARKERS = /\b(?:url_for|url_path_for|reverse|reverse_lazy|resolve_url|redirect)\s*\(/;
/** Helpers by the name they are imported as, with the packages they come from. */
const HELPERS: Readonly<Record<string, RegExp>> = {
  url_for: /^(?:flask|flask\.helpers|quart|apiflask)\.url_for$/,
  reverse: /^django\.(?:urls|urls\.base|core\.urlresolvers)\.reverse$/,
  reverse_lazy: /^django\.(?:urls|urls\.base|core\.urlresolvers)\.reverse_lazy$/,
  resolve_url: /^django\.shortcuts\.resolve_url$/,
  redirect: /^django\.shortcuts\.redirect$/,
};
/** The keyword each helper takes its name by. */
const NAME_KEYWORD: Readonly<Record<string, string>> = { url_for: 'endpoint', reverse: 'viewname', reverse_lazy: 'viewname', resolve_url: 'to', redirect: 'to', url_path_for: 'name' };
/** Helpers that build a URL (rather than answer with a redirect). */
const BUILDERS = new Set(['url_for', 'url_path_for', 'reverse', 'reverse_lazy']);
/** Calls that answer with a redirect to the URL they are given (Flask, Werkzeug, Django, Starlette). */
const REDIRECTS = new Set(['redirect', 'HttpResponseRedirect', 'HttpResponsePermanentRedirect', 'RedirectResponse']);

export default defineFramework({
  id: 'route-names',
  title: 'Named-route helpers (Python)',
  language: 'python',
  docs: 'https://flask.palletsprojects.com/en/stable/api/#flask.url_for',
  supports: { crossModule: true },
  detection: { deps: [], noteWhenNoRoutes: false },
  detect: (p) => ['flask', 'django', 'fastapi', 'starlette', 'quart', 'apiflask'].some((d) => hasDependency(p, d)),
  requests: {
    languages: ['python'],
    accepts: (f, text) => f.ext === '.py' && MARKERS.test(text),
    extract(file) {
      const out: ClientDecl[] = [];
      const imports = file.py?.module.imports ?? {};
      const calls = file.py?.calls ?? [];
      // `from flask import url_for as link`: the helper by the name it was imported as.
      const helperOf = (callee: Sym) => {
        const alias = callee.k === 'ref' ? imports[callee.name]?.name : undefined;
        return helperName(alias !== undefined ? { k: 'ref', name: alias } : callee);
      };
      const navigations = redirectedBuilders(calls, helperOf);
      for (const c of calls) {
        const helper = helperOf(c.callee);
        const name = helper ? (c.args[0] ?? c.kw[NAME_KEYWORD[helper]!]) : undefined;
        if (!helper || !name) continue;
        const use = !BUILDERS.has(helper) || navigations.has(c) ? 'navigation' : 'url';
        out.push({ file: file.ref.path, fn: c.fn, span: c.span, anchor: c.anchor, callee: c.callee, args: [name, str(helper), { k: 'arr', items: Object.keys(c.kw).map(str) }, str(use)] });
      }
      return out;
    },
    resolve(decl, ctx) {
      const helper = decl.args[1]?.k === 'str' ? decl.args[1].v : '';
      if (!isHelper(helper, decl.callee, ctx.value(decl.callee, decl))) return null;
      const v = ctx.value(decl.args[0]!, decl);
      const text = v.t === 'str' ? literalText(v.parts) : null;
      const shown: Value = { t: 'str', parts: [{ lit: `${helper}(${text === null ? symText(decl.args[0]!) : JSON.stringify(text)})` }] };
      // `extract` always records the use; without it the call is read as a navigation, as before it was recorded.
      const navigation = decl.args[3]?.k !== 'str' || decl.args[3].v === 'navigation';
      const base = { client: helper, kind: 'page' as const, method: null, defaultMethod: navigation ? ('GET' as const) : ('*' as const), base: null, via: [] };
      if (helper === 'redirect' || helper === 'resolve_url') {
        // `redirect("/path/")` and `redirect(url)`: a URL, or a model; only a literal name is a named route.
        if (text === null) return null;
        if (text.includes('/')) return { ...base, url: v, onlyServed: true } satisfies RequestSpec;
      }
      if (text === null || text === '') return { ...base, url: shown, unresolved: `the route name \`${symText(decl.args[0]!)}\` could not be evaluated` };
      if (helper === 'url_for' && (text === 'static' || text.endsWith('.static'))) return null;
      return { ...base, url: shown, routeName: text, ...routeArgs(decl.args[2]) };
    },
  },
});

/**
 * The URL-building calls that are what a redirect is given (`redirect(url_for("a"))`): within a redirect
 * call's span, the builder call that starts first (its argument, not one nested in that argument's own).
 */
function redirectedBuilders(calls: readonly PyCall[], helperOf: (callee: Sym) => string | null): Set<PyCall> {
  const out = new Set<PyCall>();
  const builds = (callee: Sym) => BUILDERS.has(helperOf(callee) ?? '');
  for (const r of calls) {
    const name = lastName(r.callee);
    const arg = r.args[0] ?? r.kw['location'] ?? r.kw['redirect_to'] ?? r.kw['url'] ?? r.kw['to'];
    if (name === null || !REDIRECTS.has(name) || arg?.k !== 'call' || !builds(arg.callee)) continue;
    let first: PyCall | null = null;
    for (const c of calls) {
      if (c === r || !builds(c.callee) || !within(c.span, r.span)) continue;
      if (!first || before(c.span.line, c.span.column, first.span.line, first.span.column)) first = c;
    }
    if (first) out.add(first);
  }
  return out;
}

/** The name a callee is called by: a plain name (a function's local `fn::x` read as `x`), or a member's property. */
const lastName = (callee: Sym): string | null => (callee.k === 'ref' ? callee.name.slice(callee.name.lastIndexOf(':') + 1) : callee.k === 'member' ? callee.prop : null);
/** Does position (line, column) `a` come before `b`? */
const before = (al: number, ac: number, bl: number, bc: number) => al < bl || (al === bl && ac < bc);
/** Is span `a` inside span `b`? */
const within = (a: Span, b: Span) => !before(a.line, a.column, b.line, b.column) && !before(b.endLine, b.endColumn, a.endLine, a.endColumn);

/** The helper a callee names (`url_for`, `request.url_for`, `urls.reverse`), before checking where it comes from. */
function helperName(callee: Sym): string | null {
  const name = lastName(callee);
  return name !== null && name in NAME_KEYWORD ? name : null;
}

/**
 * Is the callee the framework's helper: imported from its package, or Starlette's `url_for` on a
 * request (a handler's parameter) and `url_path_for` on an app or router?
 */
function isHelper(helper: string, callee: Sym, v: Value): boolean {
  if (v.t === 'ext') {
    const path = stripGlobal(v.path);
    if (HELPERS[helper]?.test(path)) return true;
    return helper === 'url_path_for' && extName(v) === 'url_path_for';
  }
  if (callee.k !== 'member') return false;
  const obj = callee.obj.k === 'ref' || callee.obj.k === 'param' ? callee.obj.name.slice(callee.obj.name.lastIndexOf(':') + 1) : '';
  if (helper === 'url_for') return /(?:^|_)request$/.test(obj);
  return helper === 'url_path_for';
}
