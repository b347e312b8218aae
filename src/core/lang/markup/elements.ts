/**
 * Start tags of markup files (Vue single-file components, Svelte and Astro components, plain HTML), found
 * by a small hand-written tokenizer: comments, raw-text elements (script, style, textarea, …), quoted,
 * unquoted and `{expression}` attribute values, Vue's root-level blocks and `{{ }}` interpolations,
 * Svelte's `{…}` tags and Astro's `---` frontmatter. It never throws and never backtracks: every search
 * moves forward and an unterminated construct runs to the end of the text, so it is linear in the input.
 */
import { scanPug } from './pug';
import { BANG, BT, Cursor, DQ, EQ, GT, LBRACE, LT, QUESTION, SLASH, SQ, astroFrontmatter, isLetter, isNameEnd, isSpace, rawTextEnd, skipBraces } from './scan';

/** `html` also covers server templates written as HTML (Handlebars, EJS, Jinja, Django, Go templates…); `pug` is Pug's indented syntax. */
export type MarkupKind = 'vue' | 'svelte' | 'astro' | 'html' | 'pug';

/** One attribute of a start tag. Positions are 1-based (columns in UTF-16 units); values are raw (entities not decoded). */
export interface MarkupAttr {
  /** Lower-cased name (`href`, `:href`, `@click`, `v-bind:href`, `hx-post`); a Svelte/Astro `{…}` shorthand or spread keeps its text. */
  readonly name: string;
  /** The value without its quotes (an unquoted Svelte/Astro `{…}` value keeps its braces), or true when there is none. */
  readonly value: string | true;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** Where the value starts (inside the quotes); just after the name when there is no value. */
  readonly valueOffset: number;
  readonly valueLine: number;
  readonly valueColumn: number;
}

/** One start tag, from its `<` to just after its `>` (the end is exclusive). */
export interface MarkupElement {
  /** Lower-cased tag name (`script`, `form`, `mybutton`, `svelte:head`). */
  readonly tag: string;
  readonly attrs: readonly MarkupAttr[];
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly endOffset: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** `<x />`. In HTML the slash does not end a script or style: its content still follows. */
  readonly selfClosing: boolean;
  /** The raw text inside script, style, textarea, title, … (and Vue root blocks other than an HTML template): offsets [offset, end). */
  readonly content: { readonly offset: number; readonly end: number } | null;
  /** A root-level block of a Vue single-file component (`<template>`, `<script>`, `<style>`, custom blocks). */
  readonly sfcBlock: boolean;
}

/** Elements whose content is text up to their own end tag, never markup. */
/** How template tags inside attribute values close. */
const TAG_CLOSE: Readonly<Record<string, string>> = { '{{': '}}', '{%': '%}', '<%': '%>' };
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/** Every start tag outside comments and raw text (script/style bodies, Astro frontmatter), in document order. */
export function scanElements(text: string, kind: MarkupKind): MarkupElement[] {
  if (kind === 'pug') return scanPug(text);
  const scanner = new Scanner(text, kind);
  const fm = kind === 'astro' ? astroFrontmatter(text) : null;
  scanner.run(fm ? fm.after : 0);
  return scanner.out;
}

interface TagEnd {
  readonly attrs: MarkupAttr[];
  /** Index after `>`, or -1 when the text ends inside the tag. */
  readonly end: number;
  readonly selfClosing: boolean;
}

class Scanner {
  readonly out: MarkupElement[] = [];
  private readonly pos: Cursor;
  private readonly braces: boolean;
  /** Vue: nesting of `<template>` elements inside the root template; 0 is the SFC's root level. */
  private depth = 0;
  /** Vue: a search for `}}` failed, so none follows. */
  private noMustacheEnd = false;

  constructor(
    private readonly t: string,
    private readonly kind: MarkupKind,
  ) {
    this.pos = new Cursor(t);
    this.braces = kind === 'svelte' || kind === 'astro';
  }

  run(from: number): void {
    const t = this.t;
    let i = from;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === LT) i = this.markup(i);
      else if (c === LBRACE && this.kind === 'svelte') i = skipBraces(t, i);
      else if (c === LBRACE && this.kind === 'vue' && this.depth > 0 && t.charCodeAt(i + 1) === LBRACE) i = this.mustache(i);
      else i++;
    }
  }

  /** At a `<`: a comment, declaration, end tag or start tag (or just text); returns where scanning resumes. */
  private markup(i: number): number {
    const t = this.t;
    const c = t.charCodeAt(i + 1);
    if (c === BANG && t.startsWith('<!--', i)) {
      if (t.startsWith('<!-->', i)) return i + 5;
      if (t.startsWith('<!--->', i)) return i + 6;
      const e = t.indexOf('-->', i + 4);
      return e < 0 ? t.length : e + 3;
    }
    if (c === BANG || c === QUESTION || (c === SLASH && !isLetter(t.charCodeAt(i + 2)))) {
      const e = t.indexOf('>', i + 2);
      return e < 0 ? t.length : e + 1;
    }
    if (c === SLASH) return this.endTag(i);
    return isLetter(c) ? this.startTag(i) : i + 1;
  }

  private mustache(i: number): number {
    const e = this.noMustacheEnd ? -1 : this.t.indexOf('}}', i + 2);
    if (e < 0) this.noMustacheEnd = true;
    return e < 0 ? i + 2 : e + 2;
  }

  private endTag(i: number): number {
    const k = this.nameEnd(i + 2);
    if (this.kind === 'vue' && this.depth > 0 && this.t.slice(i + 2, k).toLowerCase() === 'template') this.depth--;
    const end = this.tagEnd(k).end;
    return end < 0 ? this.t.length : end;
  }

  private startTag(i: number): number {
    const t = this.t;
    const k = this.nameEnd(i + 1);
    const tag = t.slice(i + 1, k).toLowerCase();
    const start = this.pos.at(i);
    const { attrs, end, selfClosing } = this.tagEnd(k);
    if (end < 0) return t.length; // the text ends inside the tag: no element (as in HTML)
    const sfcBlock = this.kind === 'vue' && this.depth === 0;
    const htmlTemplate = tag === 'template' && attrs.every((a) => a.name !== 'lang' || a.value === 'html');
    const raw = sfcBlock ? !htmlTemplate : RAW_TEXT.has(tag);
    let content: MarkupElement['content'] = null;
    let next = end;
    if (raw && (!selfClosing || this.kind === 'html')) {
      next = tag === 'plaintext' ? t.length : rawTextEnd(t, end, tag);
      content = { offset: end, end: next };
    } else if (this.kind === 'vue' && tag === 'template' && !selfClosing) this.depth++;
    const stop = this.pos.at(end);
    this.out.push({ tag, attrs, offset: i, line: start.line, column: start.column, endOffset: end, endLine: stop.line, endColumn: stop.column, selfClosing, content, sfcBlock });
    return next;
  }

  private nameEnd(k: number): number {
    let m = k;
    while (m < this.t.length && !isSpace(this.t.charCodeAt(m)) && this.t.charCodeAt(m) !== SLASH && this.t.charCodeAt(m) !== GT) m++;
    return m;
  }

  /** Attributes from `k` up to and including the tag's `>`. */
  private tagEnd(k: number): TagEnd {
    const t = this.t;
    const attrs: MarkupAttr[] = [];
    for (let i = k; ; ) {
      while (i < t.length && isSpace(t.charCodeAt(i))) i++;
      if (i >= t.length) return { attrs, end: -1, selfClosing: false };
      const c = t.charCodeAt(i);
      if (c === GT) return { attrs, end: i + 1, selfClosing: false };
      if (c === SLASH && t.charCodeAt(i + 1) === GT) return { attrs, end: i + 2, selfClosing: true };
      if (c === SLASH) i++;
      else i = this.attribute(i, attrs);
    }
  }

  /** Reads one attribute at `i` into `attrs`; returns the index after it (always past `i`). */
  private attribute(i: number, attrs: MarkupAttr[]): number {
    const t = this.t;
    let k = i + 1;
    if (this.braces && t.charCodeAt(i) === LBRACE) {
      k = skipBraces(t, i);
      attrs.push(this.attr(t.slice(i, k), true, i, k));
      return k;
    }
    while (k < t.length && !isNameEnd(t.charCodeAt(k))) k++;
    const name = t.slice(i, k).toLowerCase();
    let j = k;
    while (j < t.length && isSpace(t.charCodeAt(j))) j++;
    if (t.charCodeAt(j) !== EQ) {
      attrs.push(this.attr(name, true, i, k));
      return k;
    }
    j++;
    while (j < t.length && isSpace(t.charCodeAt(j))) j++;
    const q = t.charCodeAt(j);
    let e: number;
    if (q === DQ || q === SQ || (q === BT && this.kind === 'astro')) {
      e = this.quoted(j + 1, q);
      attrs.push(this.attr(name, t.slice(j + 1, e), i, j + 1));
      return e < t.length ? e + 1 : e;
    }
    if (this.braces && q === LBRACE) e = skipBraces(t, j);
    else {
      e = j;
      while (e < t.length && !isSpace(t.charCodeAt(e)) && t.charCodeAt(e) !== GT) e = this.kind === 'svelte' && t.charCodeAt(e) === LBRACE ? skipBraces(t, e) : e + 1;
    }
    attrs.push(this.attr(name, t.slice(j, e), i, j));
    return e;
  }

  /** Index of the quote closing a value starting at `from` (Svelte values may hold `{…}` with quotes inside). */
  private quoted(from: number, q: number): number {
    const t = this.t;
    if (this.kind !== 'svelte') {
      const e = t.indexOf(String.fromCharCode(q), from);
      if (e < 0) return t.length;
      // A template tag may quote inside a quoted value (`href="{{ url_for("a") }}"`): the tag is skipped whole.
      const tag = t.slice(from, e).search(/\{\{|\{%|<%/);
      if (tag < 0) return e;
      const open = from + tag;
      const close = t.indexOf(TAG_CLOSE[t.slice(open, open + 2)]!, open + 2);
      return close < 0 || t.slice(open, close).includes('\n') ? e : this.quoted(close + 2, q);
    }
    let e = from;
    while (e < t.length && t.charCodeAt(e) !== q) e = t.charCodeAt(e) === LBRACE ? skipBraces(t, e) : e + 1;
    return e;
  }

  private attr(name: string, value: string | true, offset: number, valueOffset: number): MarkupAttr {
    const at = this.pos.at(offset);
    const v = this.pos.at(valueOffset);
    return { name, value, offset, line: at.line, column: at.column, valueOffset, valueLine: v.line, valueColumn: v.column };
  }
}
