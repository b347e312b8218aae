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

/** The options object given to `Parser.init`: emscripten makes it the WASM module (its exports and heap views). */
let moduleObject: Record<string, unknown> | null = null;

async function ensureInit(): Promise<void> {
  if (!init) {
    const options = { locateFile: () => runtimeWasm() };
    moduleObject = options;
    init = webTreeSitter().Parser.init(options);
  }
  return init;
}

/**
 * The binding's tree-cursor functions (each takes the tree's address and reads the cursor from the
 * transfer buffer; the moves write it back), for a walk that does not marshal the cursor at every step.
 */
export interface CursorWasm {
  /** Address of the transfer buffer. */
  readonly buffer: number;
  heap(): Int32Array;
  gotoFirstChild(tree: number): number;
  gotoNextSibling(tree: number): number;
  gotoParent(tree: number): number;
  typeId(tree: number): number;
  fieldId(tree: number): number;
  startIndex(tree: number): number;
  endIndex(tree: number): number;
}

let cursorFns: CursorWasm | null | undefined;

/** The binding's cursor functions once a grammar is loaded, or null when this web-tree-sitter does not expose them. */
export function cursorWasm(): CursorWasm | null {
  if (cursorFns !== undefined) return cursorFns;
  const m = moduleObject;
  const fn = (name: string) => (typeof m?.[name] === 'function' ? (m[name] as (...a: number[]) => number) : null);
  const f = ['_ts_init', ...['goto_first_child', 'goto_next_sibling', 'goto_parent', 'current_node_type_id', 'current_field_id', 'start_index', 'end_index'].map((x) => `_ts_tree_cursor_${x}_wasm`)].map(fn);
  if (!m || f.some((x) => !x) || !(m['HEAP32'] instanceof Int32Array)) return (cursorFns = null);
  const [tsInit, first, next, parent, typeId, fieldId, startIndex, endIndex] = f as Array<(...a: number[]) => number>;
  return (cursorFns = { buffer: tsInit!(), heap: () => m['HEAP32'] as Int32Array, gotoFirstChild: first!, gotoNextSibling: next!, gotoParent: parent!, typeId: typeId!, fieldId: fieldId!, startIndex: startIndex!, endIndex: endIndex! });
}

/** Stop using the binding's functions directly (a walk that disagreed with the public API; tests). */
export function disableCursorWasm(): void {
  cursorFns = null;
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
