/** The Python pack: tree-sitter parsing (tolerant of syntax errors), facts, and module resolution. */
import { buildPyFacts } from './facts';
import { flattenTree } from '../../parse/syntaxTree';
import { mayHaveDiscriminants } from './discriminants';
import { pyModuleResolver } from './modules';
import type { LanguageSupport } from '../types';

const python: LanguageSupport = {
  id: 'python',
  title: 'Python',
  extensions: ['.py'],
  offers: ['python'],
  grammars: ['python'],
  parse(path, text, env) {
    const parser = env.grammar('python');
    const tree = parser.parse(text);
    if (!tree) throw new Error('the Python parser returned no tree');
    let root;
    try {
      root = flattenTree(tree, text);
    } finally {
      tree.delete();
    }
    const py = buildPyFacts(root, path, env.valuesOnly, mayHaveDiscriminants(text));
    return { module: py.module, py, notes: py.hasErrors ? ['has Python syntax errors; routes were read from the parts that parse'] : [] };
  },
  createResolver: pyModuleResolver,
};
export default python;
