/**
 * Loads web-tree-sitter and the WASM grammars of @vscode/tree-sitter-wasm, once per process.
 * The bundle ships the .wasm files in `dist/wasm/`; entry points call {@link setWasmDir} with that
 * folder. Tests and `ts` runs fall back to the files in node_modules.
 */
import type * as WebTreeSitter from 'web-tree-sitter';
import type { Language } from 'web-tree-sitter';
import { joinPath } from '../path';

/** web-tree-sitter is loaded with the first grammar: a run without Python never evaluates it. */
let wts: typeof WebTreeSitter | null = null;
function webTreeSitter(): typeof WebTreeSitter {
  return (wts ??= require('web-tree-sitter') as typeof WebTreeSitter);
}

export type GrammarName = 'python' | 'rust' | 'go' | 'ruby' | 'java';

let wasmDir: string | null = null;
let init: Promise<void> | null = null;
const languages = new Map<GrammarName, Promise<Language>>();

/** Where `web-tree-sitter.wasm` and `tree-sitter-<lang>.wasm` live (the bundle's `dist/wasm`). */
export function setWasmDir(dir: string): void {
  wasmDir = dir;
}

function runtimeWasm(): string {
  if (wasmDir) return joinPath(wasmDir, 'web-tree-sitter.wasm');
  return require.resolve('web-tree-sitter/web-tree-sitter.wasm');
}

function grammarWasm(name: GrammarName): string {
  const file = `tree-sitter-${name}.wasm`;
  if (wasmDir) return joinPath(wasmDir, file);
  return require.resolve(`@vscode/tree-sitter-wasm/wasm/${file}`);
}

async function ensureInit(): Promise<void> {
  init ??= webTreeSitter().Parser.init({ locateFile: () => runtimeWasm() });
  return init;
}

/** A parser for one grammar. Parsers are cheap; languages are loaded once. */
export async function createParser(name: GrammarName): Promise<WebTreeSitter.Parser> {
  await ensureInit();
  let lang = languages.get(name);
  if (!lang) {
    lang = webTreeSitter().Language.load(grammarWasm(name));
    languages.set(name, lang);
  }
  const parser = new (webTreeSitter().Parser)();
  parser.setLanguage(await lang);
  return parser;
}

export type { Node as TsNode, Tree as TsTree, Parser as TsParser } from 'web-tree-sitter';
