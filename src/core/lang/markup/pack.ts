/**
 * The markup pack: `.html`, `.vue`, `.svelte` and `.astro` files, and server templates (Handlebars, EJS,
 * Jinja/Nunjucks/Django, Go templates, Pug…). Their script blocks are analysed as
 * one JS/TS module whose text keeps every block at its real offset (everything else is blanked to
 * spaces, newlines kept), so calls and routes found there carry their real lines and columns. The
 * markup itself (start tags and attributes) is offered to contributions that read `markup`.
 */
import { buildJsFacts } from '../js/facts';
import { JsSyntaxError } from '../js/parser';
import { looksMinified } from '../js';
import { ParseFailure, type LanguageSupport } from '../types';
import type { MarkupFacts } from '../../frameworks/types';
import { extractScriptBlocks, type ScriptBlock } from './blocks';
import { scanElements, type MarkupElement, type MarkupKind } from './elements';
import { MARKUP_EXTENSIONS, markupKindOf } from './kinds';

const markup: LanguageSupport = {
  id: 'markup',
  title: 'HTML, Vue, Svelte, Astro and server templates',
  extensions: MARKUP_EXTENSIONS,
  offers: ['js', 'markup'],
  grammars: [],
  modulesOf: 'js',
  generated: (_path, text) => (looksMinified(text) ? 'looks minified or generated (very long lines); not analysed' : null),
  parse(path, text, env) {
    const kind = markupKindOf(path) ?? 'html';
    const blocks = extractScriptBlocks(text, kind);
    const markupFacts = lazyMarkup(kind, text);
    const embedded = embed(text, blocks);
    const scripts = kind === 'html' && SCRIPT_SRC.test(text) ? classicScripts(markupFacts.elements) : null;
    try {
      const program = env.jsParser.parse(embedded, { jsx: blocks.some((b) => b.jsx), file: path });
      const js = buildJsFacts(program, path, embedded);
      if (scripts) return { module: { ...js.module, scripts }, js: { ...js, module: { ...js.module, scripts } }, markup: markupFacts, notes: [] };
      return { module: js.module, js, markup: markupFacts, notes: [] };
    } catch (err) {
      if (!(err instanceof JsSyntaxError)) throw err;
      // The markup is still worth reading when the scripts are not.
      if (blocks.length === 0) throw new ParseFailure(`could not be parsed: ${err.message.split('\n')[0]}`);
      const program = env.jsParser.parse('', { jsx: false, file: path });
      const js = buildJsFacts(program, path, '');
      return { module: js.module, js, markup: markupFacts, notes: [`its scripts have a syntax error at line ${err.line}: ${err.message.split('\n')[0]}; only its markup was read`] };
    }
  },
};
export default markup;

/**
 * The file's text with everything outside script blocks turned into spaces (newlines kept), and a `;`
 * right after each block so that blocks on one line stay separate statements.
 */
export function embed(text: string, blocks: readonly ScriptBlock[]): string {
  if (blocks.length === 0) return text.replace(/[^\r\n]/g, ' ');
  const out = text.replace(/[^\r\n]/g, ' ').split('');
  for (const b of [...blocks].sort((x, y) => x.offset - y.offset)) {
    for (let i = 0; i < b.text.length; i++) out[b.offset + i] = b.text[i]!;
    const after = b.offset + b.text.length;
    if (after < out.length && out[after] === ' ') out[after] = ';';
  }
  return out.join('');
}

/** Start tags are scanned only when a contribution reads them. */
function lazyMarkup(kind: MarkupKind, text: string): MarkupFacts {
  let elements: readonly MarkupElement[] | null = null;
  return {
    kind,
    get elements() {
      elements ??= scanElements(text, kind);
      return elements;
    },
  };
}

const SCRIPT_SRC = /<script\b[^>]*\ssrc\s*=/i;

/** The `src` of each classic script (not `type="module"`), in document order. */
function classicScripts(elements: readonly MarkupElement[]): string[] {
  const out: string[] = [];
  for (const el of elements) {
    if (el.tag !== 'script') continue;
    const src = el.attrs.find((a) => a.name === 'src')?.value;
    const type = el.attrs.find((a) => a.name === 'type')?.value;
    if (typeof src === 'string' && src.trim() !== '' && !(typeof type === 'string' && type.trim().toLowerCase() === 'module')) out.push(src.trim());
  }
  return out;
}
