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
  /**
   * A `case`'s fields read off the tested object within the case (`msg.payload` under `switch (msg.type)`
   * gives `payload`); absent when the object is used whole there (passed on, spread, indexed), so the
   * fields it needs cannot all be seen.
   */
  readonly reads?: readonly string[];
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

/** The kinds a `switch` over a discriminator accepts (one per string `case`), with the fields each case reads. */
export function switchDiscriminants(node: TSESTree.SwitchStatement, fn: string | null): JsDiscriminant[] {
  const d = discriminatorOf(node.discriminant as Node);
  if (!d) return [];
  const object = d.subject.slice(0, -(d.prop.length + 1));
  return node.cases.flatMap((c, i) => {
    const value = stringOf(c.test as Node | null);
    if (value === null) return [];
    // Cases that fall through share the body of the first case with statements.
    const body = node.cases.slice(i).find((k) => k.consequent.length > 0)?.consequent ?? [];
    const reads = object ? fieldReads(body as Node[], object) : null;
    return [{ ...d, value, fn, span: spanOf(c.test!), how: 'case' as const, ...(reads ? { reads } : {}) }];
  });
}

/**
 * The fields read off `object` (a path such as `msg` or `event.data`) in `nodes`: `object.field` and
 * `const { field } = object`. Null when `object` is used otherwise (passed, spread, indexed, reassigned).
 */
function fieldReads(nodes: readonly Node[], object: string): string[] | null {
  const out = new Set<string>();
  let whole = false;
  const visit = (n: Node | null | undefined, parent: Node | null): void => {
    if (!n || whole || typeof n !== 'object' || !('type' in n)) return;
    if (n.type === 'MemberExpression' && memberPath(n.object as Node) === object) {
      if (!n.computed && n.property.type === 'Identifier') out.add(n.property.name);
      else whole = true;
      return;
    }
    if (memberPath(n) === object && !(parent?.type === 'MemberExpression' && parent.object === n)) {
      const destructured = parent?.type === 'VariableDeclarator' && parent.init === n && parent.id.type === 'ObjectPattern' ? parent.id : null;
      if (!destructured || destructured.properties.some((p) => p.type !== 'Property' || p.computed || p.key.type !== 'Identifier')) whole = true;
      else for (const p of destructured.properties) if (p.type === 'Property' && p.key.type === 'Identifier') out.add(p.key.name);
      return;
    }
    for (const key of Object.keys(n)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      const v = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) for (const x of v) visit(x as Node, n);
      else if (v && typeof v === 'object') visit(v as Node, n);
    }
  };
  for (const n of nodes) visit(n, null);
  return whole ? null : [...out];
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

const FUNCTION_VALUES = new Set(['ArrowFunctionExpression', 'FunctionExpression']);

/**
 * Handler maps: `const handlers = { chat: (m) => …, status(m) { … } }` dispatched with `handlers[msg.type]`
 * (the index a discriminator). Each key is a kind the code handles, at the key. Only maps whose every value
 * is a function written there count: `LABELS[msg.type]` over strings is a lookup, not a handler.
 */
export class HandlerMaps {
  private readonly maps = new Map<string, TSESTree.ObjectExpression>();
  private readonly dispatches: Array<{ key: string; d: { subject: string; prop: string }; fn: string | null }> = [];

  /** `const <key> = { … }`: a map when every property is a plain key with a function value. */
  declared(key: string, init: TSESTree.Expression | null | undefined): void {
    if (init?.type !== 'ObjectExpression' || init.properties.length === 0) return;
    const ok = init.properties.every((p) => p.type === 'Property' && !p.computed && (p.key.type === 'Identifier' || (p.key.type === 'Literal' && typeof p.key.value === 'string')) && FUNCTION_VALUES.has(p.value.type));
    if (ok) this.maps.set(key, init);
  }

  /** `<name>[msg.type]`; `keyOf` gives the binding the name reads. */
  member(node: TSESTree.MemberExpression, keyOf: (name: string) => string | null, fn: string | null): void {
    if (!node.computed || node.object.type !== 'Identifier') return;
    const d = discriminatorOf(node.property as Node);
    const key = d ? keyOf(node.object.name) : null;
    if (d && key) this.dispatches.push({ key, d, fn });
  }

  /** The kinds of the maps that are dispatched (a map may be declared after the function that dispatches it). */
  discriminants(): JsDiscriminant[] {
    const out: JsDiscriminant[] = [];
    for (const { key, d, fn } of this.dispatches) {
      for (const p of this.maps.get(key)?.properties ?? []) {
        if (p.type !== 'Property') continue;
        const value = p.key.type === 'Identifier' ? p.key.name : String((p.key as TSESTree.StringLiteral).value);
        out.push({ ...d, value, fn, span: spanOf(p.key as Node), how: 'case' });
      }
    }
    return out;
  }
}
