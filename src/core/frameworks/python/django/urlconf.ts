/**
 * URLconfs: lists of `path()`/`re_path()`/`url()` patterns (joined with `+`, `+=` and `[*a, *b]`),
 * `include()` of a module path, a module, a `(patterns, app_name)` tuple or a list, router `.urls`,
 * `admin.site.urls`, and each pattern's view (see `view.ts`). Every route's text is its prefixes'
 * texts concatenated, as Django matches them.
 */
import type { Value } from '../../../resolve/evaluate';
import { extName } from '../../../resolve/evaluate';
import type { Sym } from '../../../resolve/sym';
import { symText } from '../../../resolve/sym';
import { pathRoute, regexRoute, type PatternText } from './pattern';
import { routerRoutes } from './routers';
import { viewRoutes } from './view';
import { calleeName, type DjangoLink, type Here, type Prefix, type Site } from './walk';

const PATTERN_FNS = new Set(['path', 're_path', 'url']);
/** Calls whose patterns serve files, not an API (`static(settings.MEDIA_URL, …)`). */
const NOT_API = new Set(['static', 'staticfiles_urlpatterns']);

/** The routes of a list of URL patterns, given as written. */
export function walkPatterns(link: DjangoLink, sym: Sym, at: Site, prefix: Prefix): void {
  switch (sym.k) {
    case 'concat':
      for (const p of sym.parts) walkPatterns(link, p, at, prefix);
      return;
    case 'arr':
      for (const i of sym.items) walkPatterns(link, i, at, prefix);
      return;
    case 'ref': {
      const b = at.fn === null || !sym.name.includes('::') ? link.binding(at.file, sym.name) : null;
      if (b) return walkPatterns(link, b.sym, { file: b.file, fn: null }, prefix);
      return walkValue(link, link.value(sym, at), sym, at, prefix);
    }
    case 'call': {
      const name = calleeName(sym.callee);
      if (name && PATTERN_FNS.has(name)) return pattern(link, sym, at, prefix);
      if (name === 'format_suffix_patterns') return formatSuffixes(link, sym, at, prefix);
      if (name === 'i18n_patterns') return languagePrefixed(link, sym, at, prefix);
      if (name && NOT_API.has(name)) return;
      return walkValue(link, link.value(sym, at), sym, at, prefix);
    }
    case 'member':
      if (sym.prop === 'urls') return urlsOf(link, sym, at, prefix, null);
      return walkValue(link, link.value(sym, at), sym, at, prefix);
    default:
      return;
  }
}

/**
 * DRF's `format_suffix_patterns(urlpatterns, suffix_required=False, allowed=None)`: every route below
 * also answers with a `.{format}` suffix (`/users.json`); that variant is kept as its own route, marked
 * a variant of the plain one (never unused on its own). With `suffix_required=True` only the suffixed
 * route exists. `allowed` only narrows the formats: one `{format}` parameter stands for them all.
 */
function formatSuffixes(link: DjangoLink, call: Extract<Sym, { k: 'call' }>, at: Site, prefix: Prefix, patterns = call.args[0] ?? call.kw?.['urlpatterns']): void {
  const required = call.args[1] ?? call.kw?.['suffix_required'];
  const suffix = required?.k === 'dyn' && required.text === 'True' ? 'required' : 'optional';
  if (patterns) walkPatterns(link, patterns, at, { ...prefix, suffix });
}

/**
 * Django's `i18n_patterns(*urls, prefix_default_language=True)`: the routes below sit under each language
 * code of the settings' `LANGUAGES` (`/fr/…`; `{lang}` and partial when they cannot be read); with
 * `prefix_default_language=False` they are served without a code too, and the prefixed paths are the
 * route's variants.
 */
function languagePrefixed(link: DjangoLink, call: Extract<Sym, { k: 'call' }>, at: Site, prefix: Prefix, patterns: readonly Sym[] = call.args): void {
  const flag = call.kw?.['prefix_default_language'];
  const optional = flag?.k === 'dyn' && flag.text === 'False';
  const codes = link.languages();
  const notes = codes ? prefix.notes : [...prefix.notes, 'the language codes (`LANGUAGES` in the settings) could not be read, so `{lang}` stands for any'];
  const below: Prefix = { ...prefix, notes, lang: { at: prefix.text.length, codes, optional } };
  for (const a of patterns) walkPatterns(link, a, at, below);
}

/** Patterns given as a value: a list, a module (its `urlpatterns`), a tuple from `include()`. */
function walkValue(link: DjangoLink, v: Value, sym: Sym, at: Site, prefix: Prefix): void {
  if (v.t === 'arr') {
    for (const i of v.items) walkPatterns(link, i, { file: v.ctx.file, fn: v.ctx.fn }, prefix);
  } else if (v.t === 'module' && v.file !== null) {
    includeModule(link, v.file, prefix, { file: at.file, span: link.spanOf(at.file, sym) });
  } else if (v.t === 'alt') {
    for (const o of v.options) walkValue(link, o, sym, at, prefix);
  } else if (prefix.site && (v.t === 'call' || v.t === 'ext' || v.t === 'unknown')) {
    // Patterns made by a package (`build_provider_urlpatterns(…)`) or out of sight: whatever they are, they
    // serve under this prefix, so calls there are not reported missing.
    const why = v.t === 'unknown' ? v.why : 'they are built outside this workspace';
    link.emit(rest(prefix), prefix.site, ['*'], symText(sym), [`the patterns of \`${symText(sym)}\` are not read (${why})`]);
  }
}

/** One `path(route, view)` pattern. */
function pattern(link: DjangoLink, call: Extract<Sym, { k: 'call' }>, at: Site, prefix: Prefix): void {
  const routeSym = call.args[0] ?? call.kw?.['route'];
  const view = call.args[1] ?? call.kw?.['view'];
  if (!routeSym || !view) return;
  const rv = link.value(routeSym, at);
  const raw = link.ctx.valueText(rv, routeSym);
  const piece: PatternText = calleeName(call.callee) === 'path' ? pathRoute(raw.text) : regexRoute(raw.text);
  const notes = [...piece.inexact, ...raw.unresolved.map((u) => `path part ${u} could not be resolved statically`)];
  const here = { file: at.file, span: link.spanOf(at.file, call) };
  const below: Prefix = { ...prefix, text: prefix.text + piece.text, notes: [...prefix.notes, ...notes], site: here, leaf: undefined, leafStart: prefix.text.length };
  if (view.k === 'call' && calleeName(view.callee) === 'include') return include(link, view, at, below, here);
  if (view.k === 'call' && calleeName(view.callee) === 'URLRouter') {
    const inner = view.args[0];
    if (inner) walkPatterns(link, inner, at, { ...below, kind: 'websocket' });
    return;
  }
  if (view.k === 'member' && view.prop === 'urls') return urlsOf(link, view, at, below, here);
  const nameSym = call.kw?.['name'] ?? call.args[3];
  viewRoutes(link, view, at, { ...below, leaf: nameSym ? link.text(nameSym, at) : false }, here);
}

/** The prefix below a namespace (`include(…, namespace="x")`, an `app_name`); null `name`: one that cannot be evaluated. */
function inNamespace(prefix: Prefix, name: string | null): Prefix {
  return { ...prefix, ns: name !== null && prefix.ns !== null ? [...(prefix.ns ?? []), name] : null };
}

/** `include("app.urls")`, `include(module)`, `include((patterns, "app"))`, `include([...])`, `include(router.urls)`. */
function include(link: DjangoLink, call: Extract<Sym, { k: 'call' }>, at: Site, prefix: Prefix, here: Here): void {
  const arg = call.args[0] ?? call.kw?.['arg'];
  if (!arg) return;
  // `(patterns, app_name)` names its app; any other list is the patterns themselves.
  const tuple = arg.k === 'arr' && arg.items.length === 2 && arg.items[1]!.k === 'str';
  const target = tuple ? arg.items[0]! : arg;
  const nsSym = call.kw?.['namespace'] ?? call.args[1] ?? (tuple ? arg.items[1] : undefined);
  const named = nsSym !== undefined;
  if (named) prefix = inNamespace(prefix, link.text(nsSym, at));
  if (target.k === 'member' && target.prop === 'urls') return urlsOf(link, target, at, prefix, here);
  const v = link.value(target, at);
  if (v.t === 'str') {
    const spec = link.ctx.valueText(v, target);
    const file = spec.unresolved.length ? null : link.ev.program.resolveImport(at.file, spec.text);
    if (file !== null) return includeModule(link, file, prefix, here, named);
    // `include(a + router.urls)`: lists joined with `+` read as a string; they are patterns.
    if (listLike(link, target, at)) return walkPatterns(link, target, at, prefix);
    const why = spec.unresolved.length
      ? `the included module \`${symText(target)}\` could not be resolved statically`
      : `\`${spec.text}\` is not a module of this workspace, so the routes it includes are not read`;
    return link.emit(rest(prefix), here, ['*'], spec.text, [why]);
  }
  if (v.t === 'module' && v.file !== null) return includeModule(link, v.file, prefix, here, named);
  if (v.t === 'ext') return link.emit(rest(prefix), here, ['*'], v.path, [`\`${v.path}\` is outside this workspace, so the routes it includes are not read`]);
  walkPatterns(link, target, at, prefix);
}

/** Everything under a prefix: where routes we cannot read are served. */
function rest(prefix: Prefix): Prefix {
  return { ...prefix, text: prefix.text.replace(/\/?$/, '/') + '{...rest}' };
}

/** A `+` of lists (written here, or bound to the name given). */
function listLike(link: DjangoLink, sym: Sym, at: Site): boolean {
  const s = sym.k === 'ref' ? link.binding(at.file, sym.name)?.sym : sym;
  return !!s && s.k === 'concat' && s.parts.some((p) => p.k !== 'str' && (p.k !== 'ref' || listLike(link, p, at)));
}

/** The `urlpatterns` of an included module (its root, a catch-all, when it has none we can read). */
export function includeModule(link: DjangoLink, file: string, prefix: Prefix, here: Here, named = false): void {
  let below = link.enter(prefix, file);
  if (!below) return;
  // Its `app_name` is the namespace its names are under, unless `include(…, namespace=)` gave one.
  const app = named ? null : link.binding(file, 'app_name');
  if (app) below = inNamespace(below, link.text(app.sym, { file: app.file, fn: null }));
  const b = link.binding(file, 'urlpatterns');
  if (!b) return link.emit(rest(prefix), here, ['*'], file, [`no \`urlpatterns\` could be read in ${file}`]);
  const at = { file: b.file, fn: null };
  const wrap = link.wraps.get(b.file);
  const all = [b.sym, ...(link.more.get(b.file) ?? [])];
  for (const patterns of all) {
    if (wrap && calleeName(wrap.callee) === 'format_suffix_patterns') formatSuffixes(link, wrap, at, below, patterns);
    else if (wrap) languagePrefixed(link, wrap, at, below, [patterns]);
    else walkPatterns(link, patterns, at, below);
  }
}

/** `router.urls`, `admin.site.urls`, `module.urls`. */
function urlsOf(link: DjangoLink, sym: Extract<Sym, { k: 'member' }>, at: Site, prefix: Prefix, here: Here | null): void {
  const owner = link.value(sym.obj, at);
  const name = owner.t === 'ext' ? owner.path : '';
  if (/(?:^|\.)site$/.test(name) || (owner.t === 'ext' && extName(owner) === 'site')) {
    const admin = { ...prefix, text: prefix.text.replace(/\/?$/, '/') + '{...admin?}' };
    if (here) link.emit(admin, here, ['*'], 'admin.site.urls', ['framework-provided: the Django admin site']);
    return;
  }
  if (owner.t === 'module' && owner.file !== null) return walkValue(link, owner, sym, at, prefix);
  routerRoutes(link, sym.obj, owner, at, prefix);
}
