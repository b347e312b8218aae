/** The Go pack: tree-sitter parsing (tolerant of syntax errors), facts, and module resolution by `go.mod`. */
import { buildGoFacts } from './facts';
import { goModuleResolver } from './modules';
import type { LanguageSupport } from '../types';

const go: LanguageSupport = {
  id: 'go',
  title: 'Go',
  extensions: ['.go'],
  offers: ['go'],
  grammars: ['go'],
  parse(path, text, env) {
    const parser = env.grammar('go');
    const tree = parser.parse(text);
    if (!tree) throw new Error('the Go parser returned no tree');
    try {
      const go = buildGoFacts(tree, path);
      return { module: go.module, go, notes: go.hasErrors ? ['has Go syntax errors; routes were read from the parts that parse'] : [] };
    } finally {
      tree.delete();
    }
  },
  createResolver: goModuleResolver,
};
export default go;
