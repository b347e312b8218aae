/**
 * Every language pack, explicitly. The engine finds a file's pack by extension; the build ships the
 * grammars the packs declare. Adding a language = a folder under `lang/` plus one line here.
 */
import { extname } from '../path';
import js from './js';
import markup from './markup';
import python from './python';
import rust from './rust';
import type { LanguageSupport } from './types';

export const languages: readonly LanguageSupport[] = [js, python, markup, rust];

const byExt = new Map<string, LanguageSupport>();
for (const l of languages) for (const e of l.extensions) byExt.set(e, l);

/** The pack that reads a file, or null (not a source file; `.d.ts` declarations are never read). */
export function languageOf(path: string): LanguageSupport | null {
  if (path.endsWith('.d.ts')) return null;
  return byExt.get(extname(path).toLowerCase()) ?? null;
}

export function languageById(id: string): LanguageSupport | undefined {
  return languages.find((l) => l.id === id);
}

/** Every tree-sitter grammar any pack needs (the build copies their .wasm files). */
export function grammarsNeeded(): string[] {
  return [...new Set(languages.flatMap((l) => l.grammars))].sort();
}
