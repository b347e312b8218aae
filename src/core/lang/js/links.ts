/**
 * URL attributes of JSX elements given as expressions (`<a href={downloadUrl(id)}>`, `<img src={avatar}>`,
 * `<Frame src={`/embeds/${kind}`}>`): the element, the attribute and the value as a symbol, evaluated
 * later where the element is written (its function), as a navigation or an asset load would be.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';
import type { Sym } from '../../resolve/sym';
import { spanOf, type Node } from './ast';
import type { Scope } from './scope';
import { toSym, type SymSource } from './syms';

export interface JsLinkAttr {
  /** The element's name as written (`a`, `img`, `Frame`). */
  readonly tag: string;
  readonly attr: 'href' | 'src';
  readonly value: Sym;
  /** Id of the innermost enclosing function, or null at module level. */
  readonly fn: string | null;
  /** The attribute, name and value. */
  readonly span: Span;
}

/** The `href={…}` / `src={…}` attributes of an element with a plain name; string values are left to the markup scan. */
export function linkAttrFacts(el: TSESTree.JSXOpeningElement, scope: Scope, src: SymSource): JsLinkAttr[] {
  if (el.name.type !== 'JSXIdentifier') return [];
  const out: JsLinkAttr[] = [];
  for (const node of el.attributes) {
    const attr = node.type === 'JSXAttribute' && node.name.type === 'JSXIdentifier' ? node.name.name : null;
    if ((attr !== 'href' && attr !== 'src') || node.type !== 'JSXAttribute' || node.value?.type !== 'JSXExpressionContainer') continue;
    const expr = node.value.expression;
    if (expr.type === 'JSXEmptyExpression') continue;
    out.push({ tag: el.name.name, attr, value: toSym(expr as Node, scope, src), fn: scope.fnId, span: spanOf(node) });
  }
  return out;
}
