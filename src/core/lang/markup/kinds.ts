/** Which files are markup, and their dialect, by extension. */
import type { MarkupKind } from './elements';

const KINDS = new Map<string, MarkupKind>([
  ['vue', 'vue'],
  ['svelte', 'svelte'],
  ['astro', 'astro'],
  ['html', 'html'],
  ['htm', 'html'],
  // Server templates written as HTML: their tags and attributes read like HTML's.
  ['hbs', 'html'],
  ['handlebars', 'html'],
  ['mustache', 'html'],
  ['ejs', 'html'],
  ['jinja', 'html'],
  ['jinja2', 'html'],
  ['j2', 'html'],
  ['njk', 'html'],
  ['twig', 'html'],
  ['liquid', 'html'],
  ['tmpl', 'html'],
  ['gohtml', 'html'],
  ['pug', 'pug'],
]);

/** The extensions {@link markupKindOf} knows (with the dot), for the pack's registration. */
export const MARKUP_EXTENSIONS: readonly string[] = [...KINDS.keys()].map((e) => `.${e}`);

/** The markup dialect of a file, by extension (`.vue`, `.svelte`, `.astro`, `.html`, templates; any case), or null. */
export function markupKindOf(path: string): MarkupKind | null {
  const ext = /\.([A-Za-z]+)$/.exec(path)?.[1];
  return ext === undefined ? null : (KINDS.get(ext.toLowerCase()) ?? null);
}
