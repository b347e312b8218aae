/** The JavaScript/TypeScript pack: typescript-estree parsing, facts, and module resolution. */
import { buildJsFacts } from './facts';
import { JsSyntaxError, jsxFor, type JsParser } from './parser';
import { jsModuleResolver } from './modules';
import { ParseFailure, type LanguageFacts, type LanguageSupport } from '../types';

export const JS_EXTENSIONS = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts'] as const;

const js: LanguageSupport = {
  id: 'js',
  title: 'JavaScript/TypeScript',
  extensions: JS_EXTENSIONS,
  offers: ['js'],
  grammars: [],
  generated: (_path, text) => (looksMinified(text) ? 'looks minified or generated (very long lines); not analysed' : null),
  parse(path, text, env) {
    try {
      return parseJs(path, text, env.jsParser, []);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
    }
    // Too deeply nested for the parser's stack: read long chains of string concatenations as one string
    // each (same length, so every position stays true) and try once more.
    const flat = flattenConcatenations(text);
    const why = 'expressions nested too deeply for the parser (its stack overflowed)';
    if (flat.count === 0) throw new ParseFailure(`${why}; the file was not analysed`);
    try {
      return parseJs(path, flat.text, env.jsParser, [`${why}: ${flat.count} long chain${flat.count === 1 ? '' : 's'} of string concatenations ${flat.count === 1 ? 'was' : 'were'} read as one string each`]);
    } catch (err) {
      if (err instanceof RangeError) throw new ParseFailure(`${why}; the file was not analysed`);
      throw err;
    }
  },
  createResolver: jsModuleResolver,
};
export default js;

function parseJs(path: string, text: string, parser: JsParser, notes: string[]): LanguageFacts {
  try {
    const program = parser.parse(text, { jsx: jsxFor(path), file: path });
    const facts = buildJsFacts(program, path, text);
    return { module: facts.module, js: facts, notes };
  } catch (err) {
    if (err instanceof JsSyntaxError) throw new ParseFailure(`syntax error at line ${err.line}: ${err.message.split('\n')[0]}`);
    throw err;
  }
}

/** At least this many string literals joined by `+` make a chain worth flattening. */
const MIN_CHAIN = 200;

/**
 * Replaces each chain of at least {@link MIN_CHAIN} string literals joined by `+` with one template
 * literal of the same length holding only the chain's line breaks, so the rest of the file parses with
 * its real positions.
 */
export function flattenConcatenations(text: string): { text: string; count: number } {
  let count = 0;
  const literal = String.raw`(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")`;
  const chain = new RegExp(String.raw`${literal}(?:\s*\+\s*${literal}){${MIN_CHAIN - 1},}`, 'g');
  const out = text.replace(chain, (m) => {
    count++;
    return '`' + m.slice(1, -1).replace(/[^\n]/g, ' ') + '`';
  });
  return { text: out, count };
}

/**
 * A bundle rather than source: at least 20 KB, most of it on long lines that read as code (dense in
 * `;`, `,`, braces and parentheses). One long string on a line of its own (a data URI, an embedded
 * SVG) is not code, so a normal file holding one is still analysed.
 */
export function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let codeOnLongLines = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const length = end - start;
    if (length > 500) {
      let punct = 0;
      for (let i = start; i < end; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 59 || ch === 44 || ch === 123 || ch === 125 || ch === 40 || ch === 41) punct++;
      }
      if (punct / length > 0.02) codeOnLongLines += length;
    }
    start = end + 1;
  }
  return codeOnLongLines / text.length > 0.5;
}
