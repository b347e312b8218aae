/**
 * The JS/TS parser sits behind this interface: extractors only see ESTree nodes, so the implementation
 * can be swapped (typescript-estree costs about 3.7× TypeScript's own parser; an ESTree-producing
 * alternative can replace it without touching any extractor).
 */
import type * as Estree from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

let estree: typeof Estree | null = null;

/**
 * typescript-estree (with TypeScript, most of the bundle) is loaded on the first parse: a run that parses
 * no JS never compiles it. The bundles ship it as `dist/estree.js` of its own (see esbuild.mjs).
 */
function loadEstree(): typeof Estree {
  return (estree ??= require('@typescript-eslint/typescript-estree') as typeof Estree);
}

export type JsNode = TSESTree.Node;
export type JsProgram = TSESTree.Program;

export interface JsParseOptions {
  readonly jsx: boolean;
  /** Used in error messages only. */
  readonly file: string;
}

export interface JsParser {
  readonly name: string;
  /** Parses a module; throws {@link JsSyntaxError} on a syntax error. */
  parse(text: string, options: JsParseOptions): JsProgram;
}

export class JsSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsSyntaxError';
  }
}

export const estreeParser: JsParser = {
  name: 'typescript-estree',
  parse(text, options) {
    const blank = blankProgram(text);
    if (blank) return blank;
    try {
      return loadEstree().parse(text, {
        jsx: options.jsx,
        loc: true,
        range: true,
        comment: false,
        tokens: false,
        errorOnUnknownASTType: false,
        allowInvalidAST: true,
        suppressDeprecatedPropertyWarnings: true,
        // Neither the ESTree ↔ TypeScript node maps nor JSDoc are read: building them costs time and memory.
        preserveNodeMaps: false,
        jsDocParsingMode: 'none',
      });
    } catch (e) {
      // A stack overflow in the converter (a chain of thousands of `+`) is not a syntax error.
      if (e instanceof RangeError) throw e;
      const err = e as { message?: string; lineNumber?: number; column?: number; location?: { start?: { line: number; column: number } } };
      const line = err.lineNumber ?? err.location?.start?.line ?? 0;
      const column = err.column ?? err.location?.start?.column ?? 0;
      throw new JsSyntaxError(err.message ?? String(e), line, column);
    }
  },
};

/**
 * An all-blank module (a template without script blocks, as the markup pack embeds it) as the empty
 * program typescript-estree would return, without loading typescript-estree (most of the bundle).
 */
function blankProgram(text: string): JsProgram | null {
  if (!/^\s*$/.test(text)) return null;
  const lines = text.split(/\r\n|[\n\r\u2028\u2029]/);
  const end = { line: lines.length, column: lines[lines.length - 1]!.length };
  return { type: 'Program', range: [0, text.length], body: [], sourceType: 'script', loc: { start: { line: 1, column: 0 }, end } } as unknown as JsProgram;
}

const JS_EXT = /^\.(js|cjs|mjs|ts|cts|mts|jsx|tsx)$/;

/** A JS/TS source extension (lower-case, with the dot), the files JS extractors accept. */
export function isJsExt(ext: string): boolean {
  return JS_EXT.test(ext);
}

export function jsxFor(file: string): boolean {
  return /\.(jsx|tsx|js|mjs|cjs)$/.test(file);
}
