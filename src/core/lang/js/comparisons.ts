/**
 * Comparisons of a member with a string (`req.method === 'POST'`, `switch (req.method) { case 'GET': … }`):
 * what handlers that branch on a request's method (Next.js Pages Router API routes) declare they accept.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Sym } from '../../resolve/sym';
import type { Node } from './ast';

export interface JsComparison {
  /** The member compared (`req.method`). */
  readonly subject: Sym;
  /** `===`/`==` (equal), `!==`/`!=` (not equal), or `case` (a switch on the subject). */
  readonly op: 'eq' | 'ne' | 'case';
  readonly value: string;
  /** Id of the innermost enclosing function, or null at module level. */
  readonly fn: string | null;
  readonly line: number;
}

function stringOf(n: Node): string | null {
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? null;
  return null;
}

/** The comparisons a node makes, when it compares a member with a string. */
export function comparisonsOf(node: TSESTree.BinaryExpression | TSESTree.SwitchStatement, sym: (n: Node) => Sym, fn: string | null): JsComparison[] {
  if (node.type === 'BinaryExpression') {
    const op = node.operator === '===' || node.operator === '==' ? 'eq' : node.operator === '!==' || node.operator === '!=' ? 'ne' : null;
    if (!op || node.left.type === 'PrivateIdentifier') return [];
    const [member, lit] = node.left.type === 'MemberExpression' ? [node.left, node.right] : [node.right, node.left as Node];
    const value = stringOf(lit);
    if (member.type !== 'MemberExpression' || value === null) return [];
    return [{ subject: sym(member), op, value, fn, line: node.loc.start.line }];
  }
  if (node.discriminant.type !== 'MemberExpression') return [];
  const subject = sym(node.discriminant);
  const out: JsComparison[] = [];
  for (const c of node.cases) {
    const value = c.test ? stringOf(c.test) : null;
    if (value !== null) out.push({ subject, op: 'case', value, fn, line: c.loc.start.line });
  }
  return out;
}
