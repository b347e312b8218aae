/**
 * The state of one Django link: the evaluator, what the files declared (spans of pattern calls,
 * router registrations, `@action`s, function-view methods), memoised view classes, and the routes
 * found so far. A prefix is the route text accumulated from the root URLconf down, with its reasons
 * for being partial; Django concatenates pattern texts as they are, so prefixes do too.
 */
import type { ConfDecl, LinkContext, LinkedRoute } from '../../types';
import type { Evaluator, Value } from '../../../resolve/evaluate';
import type { Sym } from '../../../resolve/sym';
import type { EndpointKind, MethodOrAny, Span } from '../../../types';
import { viewClass, type ViewClass } from './views';

export interface Prefix {
  readonly text: string;
  readonly notes: readonly string[];
  readonly kind: EndpointKind;
  /** URLconf modules on the way down (include cycles stop here). */
  readonly via: readonly string[];
  /** The pattern that included these (where patterns we cannot read are reported). */
  readonly site?: Here;
  /** URL namespaces from the root down (`include(…, namespace=)`, `app_name`); null when one cannot be evaluated. */
  readonly ns?: readonly string[] | null;
  /** A pattern's own `name=`: false when it has none, null when it cannot be evaluated; absent above patterns (unknown). */
  readonly leaf?: string | null | false;
  /** Where the innermost pattern's own text starts in `text` (a format suffix goes after it, less its `/`). */
  readonly leafStart?: number;
  /**
   * Under `format_suffix_patterns` (or a `DefaultRouter`): `optional`, every route also has a
   * `.{format}` variant; `required` (`suffix_required=True`), only that one.
   */
  readonly suffix?: 'optional' | 'required';
  /**
   * Under `i18n_patterns`: where the language code goes in `text`, the codes (`LANGUAGES` of the
   * settings; null when they cannot be read: `{lang}` then), and whether the routes are also served
   * without it (`prefix_default_language=False`).
   */
  readonly lang?: { readonly at: number; readonly codes: readonly string[] | null; readonly optional: boolean };
}

/** A route's name (`ns:name`): absent for a pattern without `name=`, null when it cannot be known. */
function routeName(prefix: Prefix): { name?: string | null } {
  if (prefix.leaf === false) return {};
  if (typeof prefix.leaf !== 'string' || prefix.ns === null) return { name: null };
  return { name: [...(prefix.ns ?? []), prefix.leaf].join(':') };
}

export interface Site {
  readonly file: string;
  readonly fn: string | null;
}

/** Where a route is registered. */
export interface Here {
  readonly file: string;
  readonly span: Span;
}

/** The name a callee is known by: `path`, `urls.path`, `django.urls.path` → `path`. */
export function calleeName(sym: Sym): string | null {
  if (sym.k === 'ref') return sym.name.slice(sym.name.lastIndexOf('::') + 1).replace(/^:/, '');
  if (sym.k === 'member') return sym.prop;
  return null;
}

const NO_SPAN: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
const MAX_INCLUDE_DEPTH = 24;

/** The key a pattern call is found by, in the file whose facts recorded it. */
export function callKey(file: string, sym: Sym): string {
  return `${file}\0${JSON.stringify(sym)}`;
}

export class DjangoLink {
  readonly ev: Evaluator;
  readonly out: LinkedRoute[] = [];
  /** Files whose URL patterns were read (for telling root URLconfs from included ones). */
  readonly visited = new Set<string>();
  private readonly spans = new Map<string, Span>();
  /** `file#fnId` of a function view → its methods (`@api_view`, `@require_http_methods`). */
  readonly fnMethods = new Map<string, Sym>();
  /** `file#fnId` of a ViewSet method → its `@action(...)` decorator, or `@x.mapping.post`. */
  readonly actions = new Map<string, Sym>();
  readonly registers: ConfDecl[] = [];
  /** URLconf file → the patterns `urlpatterns.append(...)`/`.extend(...)` add to it. */
  readonly more = new Map<string, Sym[]>();
  /** URLconf file → the call that wraps its own `urlpatterns` (`urlpatterns = format_suffix_patterns(urlpatterns)`). */
  readonly wraps = new Map<string, Extract<Sym, { k: 'call' }>>();
  private readonly classes = new Map<string, ViewClass | null>();
  private readonly seenRoutes = new Set<string>();
  private langs: readonly string[] | null | undefined;

  constructor(
    readonly ctx: LinkContext,
    private readonly decls: readonly ConfDecl[],
  ) {
    this.ev = ctx.evaluator;
    for (const d of decls) {
      if (d.name === 'pattern') {
        const k = callKey(d.file, d.value);
        if (!this.spans.has(k)) this.spans.set(k, d.span);
      } else if (d.name === 'view-methods' && d.key) this.fnMethods.set(`${d.file}#${d.key}`, d.value);
      else if (d.name === 'action' && d.key) this.actions.set(`${d.file}#${d.key}`, d.value);
      else if (d.name === 'register') this.registers.push(d);
      else if (d.name === 'urlconf-more') this.more.set(d.file, [...(this.more.get(d.file) ?? []), d.value]);
      else if (d.name === 'urlconf-wrap' && d.value.k === 'call' && !this.wraps.has(d.file)) this.wraps.set(d.file, d.value);
    }
  }

  /** A fresh link over the same declarations (to probe what a URLconf includes). */
  fork(): DjangoLink {
    return new DjangoLink(this.ctx, this.decls);
  }

  spanOf(file: string, sym: Sym): Span {
    return this.spans.get(callKey(file, sym)) ?? NO_SPAN;
  }

  value(sym: Sym, at: Site): Value {
    return this.ev.evaluate(sym, { file: at.file, fn: at.fn, params: null });
  }

  /** The text of a string value; null when it is not one string known statically. */
  text(sym: Sym, at: Site): string | null {
    const v = this.value(sym, at);
    if (v.t !== 'str') return null;
    const t = this.ctx.valueText(v, sym);
    return t.unresolved.length ? null : t.text;
  }

  viewClass(v: Value): ViewClass | null {
    if (v.t !== 'class') return null;
    const key = `${v.file}#${v.name}`;
    if (!this.classes.has(key)) this.classes.set(key, viewClass(this.ev, v));
    return this.classes.get(key)!;
  }

  /** One route per method, once per method, path and registration; `tags`: a DRF ViewSet's name. */
  emit(prefix: Prefix, at: { file: string; span: Span }, methods: readonly MethodOrAny[], handler: string | null, notes: readonly string[] = [], tags: readonly string[] = []): void {
    const all = [...prefix.notes, ...notes];
    const { text, variants } = forms(prefix);
    const path = routePath(text);
    const extra = variants.length ? { variants: variants.map(routePath) } : {};
    for (const method of methods) {
      const key = `${method} ${path} ${at.file}:${at.span.line}`;
      if (this.seenRoutes.has(key)) continue;
      this.seenRoutes.add(key);
      this.out.push({ file: at.file, span: at.span, kind: prefix.kind, method, path, handler, confidence: all.length ? 'partial' : 'exact', notes: all, ...extra, ...routeName(prefix), ...(tags.length ? { tags } : {}) });
    }
  }

  /** The codes of `LANGUAGES` in the settings that name the root URLconf, when written as `(code, name)` pairs. */
  languages(): readonly string[] | null {
    if (this.langs === undefined) this.langs = this.readLanguages();
    return this.langs;
  }

  private readLanguages(): string[] | null {
    for (const d of this.decls) {
      const b = d.name === 'root-urlconf' ? this.binding(d.file, 'LANGUAGES') : null;
      if (!b) continue;
      const v = this.value(b.sym, { file: b.file, fn: null });
      if (v.t !== 'arr') return null;
      const codes: string[] = [];
      for (const item of v.items) {
        const code = item.k === 'arr' && item.items[0] ? this.text(item.items[0], { file: v.ctx.file, fn: v.ctx.fn }) : null;
        if (!code) return null;
        codes.push(code);
      }
      return codes.length ? codes : null;
    }
    return null;
  }

  /** The prefix below an include of `file`; null on an include cycle or past the depth limit. */
  enter(prefix: Prefix, file: string): Prefix | null {
    if (prefix.via.includes(file) || prefix.via.length > MAX_INCLUDE_DEPTH) return null;
    this.visited.add(file);
    return { ...prefix, via: [...prefix.via, file] };
  }

  /**
   * A module-level binding, followed through imports (`from .issue import urlpatterns as issue_urls`)
   * and star imports, as a symbol with the module it is evaluated in; null when it is not one.
   */
  binding(file: string, name: string, seen = new Set<string>()): { sym: Sym; file: string } | null {
    const key = `${file}#${name}`;
    if (seen.has(key) || seen.size > 32) return null;
    seen.add(key);
    const mod = this.ev.program.module(file);
    if (!mod) return null;
    const bound = mod.bindings[name];
    if (bound !== undefined) return { sym: bound, file };
    const imp = mod.imports[name];
    if (imp) {
      const target = this.ev.program.resolveImport(file, imp.specifier);
      if (target === null || target === file || imp.name === '*') return null;
      return this.binding(target, imp.name, seen);
    }
    for (const re of mod.reexports) {
      const target = re.names === null ? this.ev.program.resolveImport(file, re.specifier) : null;
      const hit = target !== null && target !== file ? this.binding(target, name, seen) : null;
      if (hit) return hit;
    }
    return null;
  }
}

function routePath(text: string): string {
  return '/' + text.replace(/^\/+/, '');
}

/**
 * The route text a prefix stands for and the other texts the same route answers at. Under
 * `i18n_patterns` the route sits under each language code (the first code's text is the route's, the
 * others variants), or, with `prefix_default_language=False`, the text without a code is the route's.
 * A format suffix (DRF's `format_suffix_patterns`: the innermost pattern's text less its trailing `/`,
 * then `.{format}`) gives each text its suffixed variant, or replaces it when the suffix is required.
 */
function forms(prefix: Prefix): { text: string; variants: string[] } {
  const { text, lang, suffix } = prefix;
  const leaf = prefix.leafStart ?? text.length;
  const bases: Array<[string, number]> = lang && !lang.optional ? [] : [[text, leaf]];
  for (const code of lang ? (lang.codes ?? ['{lang}']) : []) {
    const ins = `${code}/`;
    bases.push([text.slice(0, lang!.at) + ins + text.slice(lang!.at), lang!.at <= leaf ? leaf + ins.length : leaf]);
  }
  const all: string[] = [];
  for (const [t, at] of bases) {
    if (suffix !== 'required') all.push(t);
    if (suffix) all.push(t.slice(0, at) + t.slice(at).replace(/\/+$/, '') + '.{format}');
  }
  return { text: all[0]!, variants: all.slice(1) };
}
