/** The Rust pack: tree-sitter parsing (tolerant of syntax errors), facts, and module resolution. */
import { buildRsFacts } from './facts';
import { rsModuleResolver } from './modules';
import type { LanguageSupport } from '../types';

const rust: LanguageSupport = {
  id: 'rust',
  title: 'Rust',
  extensions: ['.rs'],
  offers: ['rust'],
  grammars: ['rust'],
  parse(path, text, env) {
    const parser = env.grammar('rust');
    const tree = parser.parse(text);
    if (!tree) throw new Error('the Rust parser returned no tree');
    try {
      const rs = buildRsFacts(tree, path);
      return { module: rs.module, rs, notes: rs.hasErrors ? ['has Rust syntax errors; routes were read from the parts that parse'] : [] };
    } finally {
      tree.delete();
    }
  },
  createResolver: rsModuleResolver,
};
export default rust;
