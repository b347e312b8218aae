/**
 * Scopes of the Python fact builder: the names a block assigns, the key a name is bound under
 * (`fn::name` inside functions), and how a name read in a scope resolves.
 */
import type { Sym } from '../../resolve/sym';
import type { SyntaxNode } from '../../parse/syntaxTree';
import { emptyModuleScope, type Scope } from '../scope';

export type { Scope } from '../scope';

/** The module scope, with the names the module assigns. */
export function moduleScope(root: SyntaxNode): Scope {
  const scope = emptyModuleScope();
  collectAssigned(root, scope.locals);
  return scope;
}

/** The key a name assigned in `scope` is bound under: `fn::name` inside functions. */
export function bindingKey(name: string, scope: Scope): string {
  return scope.fnId ? `${scope.fnId}::${name}` : name;
}

/** A name read in `scope`: a constant, a parameter's symbol, or a reference to the binding it names. */
export function resolveIdent(name: string, scope: Scope): Sym {
  if (name === 'None' || name === 'True' || name === 'False') return { k: 'dyn', text: name };
  for (let s: Scope | null = scope; s; s = s.parent) {
    const p = s.params.get(name);
    if (p) return p;
    if (s.fnId && s.locals.has(name)) return { k: 'ref', name: `${s.fnId}::${name}` };
  }
  return { k: 'ref', name };
}

/** Names assigned directly in a block (not inside nested functions or classes). */
export function collectAssigned(node: SyntaxNode, into: Set<string>): void {
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'decorated_definition') {
      const def = c.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
      const n = def?.childForFieldName('name')?.text;
      if (n) into.add(n);
      continue;
    }
    if (c.type === 'assignment' || c.type === 'augmented_assignment' || c.type === 'for_statement') {
      const left = c.childForFieldName('left');
      if (left?.type === 'identifier') into.add(left.text);
    }
    // Assignments are statements: blocks and compound statements hold them, expressions never do.
    if (c.type === 'block' || c.type === 'assignment' || c.type.endsWith('_statement') || c.type.endsWith('_clause')) collectAssigned(c, into);
  }
}
