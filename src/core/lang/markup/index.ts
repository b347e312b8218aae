/**
 * The markup language pack's pure core: which files are markup, the JS/TS blocks embedded in them, and
 * their start tags with attributes (for extractors reading `hx-post`, `<form action>`, `<script src>`, …).
 */
import type { MarkupKind } from './elements';

export { default } from './pack';

export { extractScriptBlocks, toFilePosition, type ScriptBlock, type ScriptBlockOptions } from './blocks';
export { scanElements, type MarkupAttr, type MarkupElement, type MarkupKind } from './elements';
export { astroFrontmatter, type Frontmatter } from './scan';

const KINDS = new Map<string, MarkupKind>([
  ['vue', 'vue'],
  ['svelte', 'svelte'],
  ['astro', 'astro'],
  ['html', 'html'],
  ['htm', 'html'],
]);

/** The markup dialect of a file, by extension (`.vue`, `.svelte`, `.astro`, `.html`, `.htm`; any case), or null. */
export function markupKindOf(path: string): MarkupKind | null {
  const ext = /\.([A-Za-z]+)$/.exec(path)?.[1];
  return ext === undefined ? null : (KINDS.get(ext.toLowerCase()) ?? null);
}
