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
  async parse(path, text, env) {
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

/** A bundle rather than source: long (≥ 20 KB) with an average line over 500 characters. */
export function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return text.length / lines > 500;
}
