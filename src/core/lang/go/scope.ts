/**
 * Scopes of the Go fact builder: a function's parameters and the names it declares (`:=`, `var`,
 * `range`), keyed `fn::name`; nested function literals see their enclosing function's names.
 */
import type { TsNode } from '../../parse/treeSitter';
import type { Scope } from '../scope';

export type GoScope = Scope;

/** Names a function body declares (not inside nested function literals, which have their own scope). */
export function collectLocals(node: TsNode, into: Set<string>): void {
  for (const c of node.namedChildren) {
    if (!c || c.type === 'func_literal') continue;
    if (c.type === 'short_var_declaration' || c.type === 'range_clause') {
      const left = c.childForFieldName('left');
      for (const id of left?.namedChildren ?? []) if (id?.type === 'identifier') into.add(id.text);
    } else if (c.type === 'var_spec' || c.type === 'const_spec') {
      for (const id of c.childrenForFieldName('name')) if (id?.type === 'identifier') into.add(id.text);
    }
    collectLocals(c, into);
  }
}

/** The key a name declared in `scope` is bound under: `fn::name` inside functions. */
export function bindingKey(name: string, scope: GoScope): string {
  return scope.fnId ? `${scope.fnId}::${name}` : name;
}
