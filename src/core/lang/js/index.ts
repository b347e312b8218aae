/** The JavaScript/TypeScript pack: typescript-estree parsing, facts, and module resolution. */
import { buildJsFacts } from './facts';
import { JsSyntaxError, jsxFor } from './parser';
import { jsModuleResolver } from './modules';
import { ParseFailure, type LanguageSupport } from '../types';

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
      const program = env.jsParser.parse(text, { jsx: jsxFor(path), file: path });
      const facts = buildJsFacts(program, path, text);
      return { module: facts.module, js: facts, notes: [] };
    } catch (err) {
      if (err instanceof JsSyntaxError) throw new ParseFailure(`syntax error at line ${err.line}: ${err.message.split('\n')[0]}`);
      throw err;
    }
  },
  createResolver: jsModuleResolver,
};
export default js;

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
