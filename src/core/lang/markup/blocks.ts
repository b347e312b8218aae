/**
 * The JS/TS embedded in markup files, as blocks the engine parses on their own: `<script>` bodies (Vue
 * `<script>`/`<script setup>`, Svelte instance and module scripts, Astro and HTML inline scripts), Astro's
 * frontmatter, and optionally inline event handlers. Each block keeps its exact text and where it starts,
 * so positions found in it map back to the file with {@link toFilePosition}.
 */
import { scanElements, type MarkupAttr, type MarkupElement, type MarkupKind } from './elements';
import { Cursor, astroFrontmatter } from './scan';

export interface ScriptBlock {
  /** 'ts' when lang="ts"/"typescript"/"tsx" (or Astro frontmatter, which is TypeScript), else 'js'. */
  readonly lang: 'js' | 'ts';
  /** lang="tsx"/"jsx" (or type="text/babel"). */
  readonly jsx: boolean;
  /** The block's source exactly as written (entities in a handler attribute are not decoded). */
  readonly text: string;
  /** Character offset of text[0] in the file. */
  readonly offset: number;
  /** 1-based line of text[0] in the file. */
  readonly line: number;
  /** 1-based column of text[0] (UTF-16 units). */
  readonly column: number;
  /** The `<script>` tag's attributes (lower-cased names, first one wins); for a handler, its element's; none for frontmatter. */
  readonly attrs: Readonly<Record<string, string | true>>;
  readonly origin: 'script' | 'frontmatter' | 'handler';
}

export interface ScriptBlockOptions {
  /**
   * Also return inline event handlers as 'handler' blocks: `onclick="…"` (any kind), Vue `@click="…"` and
   * `v-on:click="…"`, Svelte `on:click={…}` and `onclick={…}` (the code inside the braces), Astro `onclick={…}`.
   * Off by default: a handler is a function body or an expression, not a module.
   */
  readonly handlers?: boolean;
}

const JS_TYPES = new Set(['module', 'text/javascript', 'application/javascript', 'application/ecmascript', 'text/ecmascript', 'application/x-javascript', 'application/x-ecmascript', 'text/x-javascript', 'text/x-ecmascript', 'text/jscript', 'text/livescript']);
const TS_TYPES = new Set(['text/typescript', 'application/typescript', 'text/ts']);
const JSX_TYPES = new Set(['text/babel', 'text/jsx']);

/**
 * The script blocks of a markup file, in document order. Blocks that are blank, have a `src`, or whose
 * `type`/`lang` is not JavaScript or TypeScript (JSON, templates, import maps, CoffeeScript…) are left out.
 * Vue: root-level `<script>` blocks only. Svelte and HTML: every script element. Astro: the frontmatter,
 * then every script element (TypeScript when Astro processes it, i.e. it has no attribute but `src`/`lang`).
 */
export function extractScriptBlocks(text: string, kind: MarkupKind, options: ScriptBlockOptions = {}): ScriptBlock[] {
  const out: ScriptBlock[] = [];
  const fm = kind === 'astro' ? astroFrontmatter(text) : null;
  if (fm) {
    const body = text.slice(fm.offset, fm.end);
    const at = new Cursor(text).at(fm.offset);
    if (body.trim() !== '') out.push({ lang: 'ts', jsx: false, text: body, offset: fm.offset, line: at.line, column: at.column, attrs: {}, origin: 'frontmatter' });
  }
  for (const el of scanElements(text, kind)) {
    if (options.handlers) out.push(...handlerBlocks(text, el, kind));
    if (el.tag !== 'script') continue;
    const block = scriptBlock(text, el, kind);
    if (block) out.push(block);
  }
  return out;
}

/** A 1-based (line, column) inside `block.text` as a 1-based (line, column) in the file: only the first line shifts. */
export function toFilePosition(block: ScriptBlock, line: number, column: number): { line: number; column: number } {
  return { line: block.line + line - 1, column: line === 1 ? block.column + column - 1 : column };
}

function scriptBlock(text: string, el: MarkupElement, kind: MarkupKind): ScriptBlock | null {
  if (!el.content || (kind === 'vue' && !el.sfcBlock)) return null;
  const attrs = attrRecord(el.attrs);
  if (attrs['src'] !== undefined) return null;
  const lang = scriptLang(attrs, kind);
  const body = text.slice(el.content.offset, el.content.end);
  if (!lang || body.trim() === '') return null;
  return { ...lang, text: body, offset: el.content.offset, line: el.endLine, column: el.endColumn, attrs, origin: 'script' };
}

/** lang/jsx from `type` and `lang`, or null when the script is not JS or TS. */
function scriptLang(attrs: Readonly<Record<string, string | true>>, kind: MarkupKind): { lang: 'js' | 'ts'; jsx: boolean } | null {
  const type = typeof attrs['type'] === 'string' ? (attrs['type'].split(';')[0] ?? '').trim().toLowerCase() : '';
  const lang = typeof attrs['lang'] === 'string' ? attrs['lang'].trim().toLowerCase() : '';
  let ts = kind === 'astro' && Object.keys(attrs).every((name) => name === 'src' || name === 'lang');
  let jsx = false;
  if (TS_TYPES.has(type)) ts = true;
  else if (JSX_TYPES.has(type)) jsx = true;
  else if (type !== '' && !JS_TYPES.has(type)) return null;
  if (lang === 'ts' || lang === 'typescript' || lang === 'tsx') ts = true;
  else if (lang !== '' && lang !== 'jsx' && lang !== 'js' && lang !== 'javascript') return null;
  if (lang === 'tsx' || lang === 'jsx') jsx = true;
  return { lang: ts ? 'ts' : 'js', jsx };
}

/** Is this attribute an inline event handler whose value is code? */
function isHandler(name: string, kind: MarkupKind): boolean {
  if (/^on[a-z]/.test(name)) return true;
  if (kind === 'vue') return name.startsWith('@') || name.startsWith('v-on:');
  return kind === 'svelte' && name.startsWith('on:');
}

function handlerBlocks(text: string, el: MarkupElement, kind: MarkupKind): ScriptBlock[] {
  const out: ScriptBlock[] = [];
  for (const a of el.attrs) {
    if (typeof a.value !== 'string' || !isHandler(a.name, kind)) continue;
    const quoted = /["'`]/.test(text.charAt(a.valueOffset - 1));
    // Svelte reads `{…}` as code even inside quotes; Astro only unquoted (a quoted value is a string).
    const braced = a.value.startsWith('{') && a.value.endsWith('}') && a.value.length >= 2 && (kind === 'svelte' || (kind === 'astro' && !quoted));
    const code = braced ? a.value.slice(1, -1) : a.value;
    if (code.trim() === '') continue;
    const shift = braced ? 1 : 0;
    out.push({ lang: 'js', jsx: false, text: code, offset: a.valueOffset + shift, line: a.valueLine, column: a.valueColumn + shift, attrs: attrRecord(el.attrs), origin: 'handler' });
  }
  return out;
}

/** Attributes as a record, the first of duplicate names winning (as in HTML). */
function attrRecord(attrs: readonly MarkupAttr[]): Readonly<Record<string, string | true>> {
  const seen = new Set<string>();
  return Object.fromEntries(attrs.filter((a) => !seen.has(a.name) && seen.add(a.name)).map((a) => [a.name, a.value]));
}
