/**
 * `<Ctx.Provider value={client}>` (React, Preact, Solid): the value components below it read with
 * `useContext(Ctx)` (see resolve/contexts.ts, where each provider is checked against the default).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';
import type { Sym } from '../../resolve/sym';
import { spanOf, type Node } from './ast';
import { resolveIdent, type Scope } from './scope';

export interface JsProvider {
  /** The context (`Ctx` of `<Ctx.Provider>`). */
  readonly context: Sym;
  /** Its `value` attribute; a value that is not an expression (`value="x"`, absent) is `dyn`. */
  readonly value: Sym;
  readonly fn: string | null;
  readonly span: Span;
}

/** The provider an opening element is (none or one). */
export function providerFact(node: TSESTree.JSXOpeningElement, scope: Scope, sym: (n: Node) => Sym): JsProvider[] {
  const name = node.name;
  if (name.type !== 'JSXMemberExpression' || name.property.name !== 'Provider') return [];
  const context = jsxNameSym(name.object, scope);
  if (!context) return [];
  const attr = node.attributes.find((a): a is TSESTree.JSXAttribute => a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && a.name.name === 'value');
  const expr = attr?.value?.type === 'JSXExpressionContainer' && attr.value.expression.type !== 'JSXEmptyExpression' ? attr.value.expression : null;
  // A spread (`{...props}`) may set `value` too: not known.
  const spread = node.attributes.some((a) => a.type === 'JSXSpreadAttribute');
  const value: Sym = expr && !spread ? sym(expr) : { k: 'dyn', text: spread ? '{...props}' : 'value' };
  return [{ context, value, fn: scope.fnId, span: spanOf(node) }];
}

function jsxNameSym(n: TSESTree.JSXTagNameExpression, scope: Scope): Sym | null {
  if (n.type === 'JSXIdentifier') return resolveIdent(n.name, scope);
  if (n.type === 'JSXMemberExpression') {
    const obj = jsxNameSym(n.object, scope);
    return obj ? { k: 'member', obj, prop: n.property.name } : null;
  }
  return null;
}
