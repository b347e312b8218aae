/**
 * Message-kind tests of JS/TS modules: `switch (msg.type) { case "chat": … }` and
 * `if (data.type === "status")` (also `!==`, `==`, and the literal on either side), where the tested
 * property is a discriminator name (`type`, `kind`, `event`, `action`, `op`). The real-time relations read
 * them as the message kinds a handler accepts; which of them are real-time handlers is decided there.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';
import { memberPath, spanOf, type Node } from './ast';

export interface JsDiscriminant {
  /** The tested expression as written (`msg.type`, `data.payload.kind`). */
  readonly subject: string;
  /** The discriminator property (`type`). */
  readonly prop: string;
  readonly value: string;
  readonly fn: string | null;
  readonly span: Span;
  readonly how: 'case' | 'compare';
}

const DISCRIMINATORS = new Set(['type', 'kind', 'event', 'action', 'op', 'msgType', 'messageType']);

function discriminatorOf(n: Node): { subject: string; prop: string } | null {
  if (n.type !== 'MemberExpression') return null;
  const p = n.property;
  const prop = !n.computed && p.type === 'Identifier' ? p.name : n.computed && p.type === 'Literal' && typeof p.value === 'string' ? p.value : null;
  if (prop === null || !DISCRIMINATORS.has(prop)) return null;
  return { subject: memberPath(n), prop };
}

function stringOf(n: Node | null | undefined): string | null {
  if (!n) return null;
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? null;
  return null;
}

/** The kinds a `switch` over a discriminator accepts (one per string `case`). */
export function switchDiscriminants(node: TSESTree.SwitchStatement, fn: string | null): JsDiscriminant[] {
  const d = discriminatorOf(node.discriminant as Node);
  if (!d) return [];
  return node.cases.flatMap((c) => {
    const value = stringOf(c.test as Node | null);
    return value === null ? [] : [{ ...d, value, fn, span: spanOf(c.test!), how: 'case' as const }];
  });
}

/** `x.type === "kind"` (either side; `==`, `!==`, `!=`). */
export function compareDiscriminant(node: TSESTree.BinaryExpression, fn: string | null): JsDiscriminant | null {
  if (!['===', '==', '!==', '!='].includes(node.operator)) return null;
  const pairs: Array<[Node, Node]> = [
    [node.left as Node, node.right as Node],
    [node.right as Node, node.left as Node],
  ];
  for (const [a, b] of pairs) {
    const d = discriminatorOf(a);
    const value = stringOf(b);
    if (d && value !== null) return { ...d, value, fn, span: spanOf(node), how: 'compare' };
  }
  return null;
}
