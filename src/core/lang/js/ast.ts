/**
 * Small readers of ESTree nodes shared by the JS/TS fact builder: spans, positional function ids,
 * the names a binding pattern declares, parameter and property names, dotted member paths.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';

export type Node = TSESTree.Node;
export type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** The 1-based span of a node. */
export function spanOf(node: { loc: TSESTree.SourceLocation }): Span {
  return { line: node.loc.start.line, column: node.loc.start.column + 1, endLine: node.loc.end.line, endColumn: node.loc.end.column + 1 };
}

/** Function ids are positional, so a symbol and the function fact agree without a second pass. */
export function fnId(node: FunctionLike): string {
  return `@${node.loc.start.line}:${node.loc.start.column + 1}`;
}

/** Every identifier a binding pattern declares (`{ a, b: [c, ...d] }` → a, c, d). */
export function patternNames(p: Node): TSESTree.Identifier[] {
  switch (p.type) {
    case 'Identifier':
      return [p];
    case 'ObjectPattern':
      return p.properties.flatMap((q) => (q.type === 'RestElement' ? patternNames(q.argument) : patternNames(q.value as Node)));
    case 'ArrayPattern':
      return p.elements.flatMap((e) => (e ? patternNames(e) : []));
    case 'AssignmentPattern':
      return patternNames(p.left);
    case 'RestElement':
      return patternNames(p.argument);
    default:
      return [];
  }
}

/** The local name a destructured property binds (`b` in `{ a: b = 1 }`), or null for nested patterns. */
export function patternTarget(p: Node): string | null {
  if (p.type === 'Identifier') return p.name;
  if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') return p.left.name;
  return null;
}

/** A parameter's name for display: `x`, `...rest`, `{…}`. */
export function paramName(p: Node): string {
  if (p.type === 'Identifier') return p.name;
  if (p.type === 'AssignmentPattern') return paramName(p.left);
  if (p.type === 'RestElement') return `...${paramName(p.argument)}`;
  if (p.type === 'ObjectPattern') return '{…}';
  return '…';
}

/** The key of an object property (`?` for computed keys that are not literals). */
export function propKey(p: TSESTree.Property): string {
  if (p.key.type === 'Identifier') return p.key.name;
  if (p.key.type === 'Literal') return String(p.key.value);
  return '?';
}

/** The name of an import/export specifier part (`default`, `"quoted name"`). */
export function nameOf(n: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return n.type === 'Identifier' ? n.name : n.value;
}

/** A dotted name hint for nested definitions: `routes.list`. */
export function joinName(hint: string | null, key: string): string {
  return hint ? `${hint}.${key}` : key;
}

/** Dotted text of a member chain of identifiers (`module.exports`), or '' when it is not one. */
export function memberPath(n: Node): string {
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    const o = memberPath(n.object);
    return o ? `${o}.${n.property.name}` : '';
  }
  return '';
}
