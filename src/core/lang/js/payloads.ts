/**
 * Payload reads of JS/TS modules: the fields code reads off the result of an awaited call, recorded in
 * the same walk as the other facts, for the payload relation (relations/payload). Only values whose
 * origin is a call seen in this function are followed:
 *
 * - `const res = await fetch(…)` → `res` is the call's result (`via: 'result'`);
 * - `const data = await res.json()`, `await (await fetch(…)).json()` → its JSON body (`via: 'json'`);
 * - `res.data`, `(await api.get(…)).data`, `const { data } = await api.get(…)` → axios' body (`via: 'data'`);
 *
 * and then `data.accessToken` (not as a callee, not assigned to) and `const { accessToken } = …` are reads.
 * Which `via` is the body is decided by the relation from the call's client; a value whose origin is not
 * one of these is never followed.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';
import { spanOf, type Node } from './ast';
import { bindingKey, declaredKey, resolveIdent, type Scope } from './scope';
import { TsTypes } from './tsTypes';

export type PayloadVia = 'result' | 'json' | 'data';

export interface JsPayloadRead {
  /** The whole call expression whose result is read (the request). */
  readonly call: Span;
  readonly via: PayloadVia;
  readonly field: string;
  readonly span: Span;
  readonly fn: string | null;
}

/**
 * A handler reading its request's body (`req.body.user_name`, `const { a } = req.body`), where `req` is
 * the first parameter of function `fn`; `field` null: the body is used whole (passed on, spread), so the
 * fields it reads cannot all be seen.
 */
export interface JsBodyRead {
  readonly fn: string;
  readonly field: string | null;
  readonly span: Span;
}

interface Origin {
  readonly call: Span;
  readonly via: PayloadVia;
}

const PASS_THROUGH = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ChainExpression']);

function strip(n: Node): { node: Node; awaited: boolean } {
  let awaited = false;
  for (;;) {
    if (n.type === 'AwaitExpression') {
      awaited = true;
      n = n.argument as Node;
    } else if (PASS_THROUGH.has(n.type)) n = (n as { expression: Node }).expression;
    else return { node: n, awaited };
  }
}

function memberName(n: TSESTree.MemberExpression): string | null {
  if (!n.computed && n.property.type === 'Identifier') return n.property.name;
  if (n.computed && n.property.type === 'Literal' && typeof n.property.value === 'string') return n.property.value;
  return null;
}

export class PayloadReads {
  readonly reads: JsPayloadRead[] = [];
  readonly bodyReads: JsBodyRead[] = [];
  private readonly origins = new Map<string, Origin>();
  /** Declared types and the answers given one (lang/js/tsTypes.ts). */
  readonly types = new TsTypes();

  /** Where a value comes from, when it is a request's result or body. */
  private originOf(expr: Node, scope: Scope): Origin | null {
    const { node, awaited } = strip(expr);
    if (node.type === 'Identifier') {
      const key = declaredKey(node.name, scope);
      return key === null ? null : (this.origins.get(key) ?? null);
    }
    if (node.type === 'CallExpression') {
      const callee = strip(node.callee as Node).node;
      if (callee.type === 'MemberExpression' && memberName(callee) === 'json' && node.arguments.length === 0) {
        if (!awaited) return null;
        const inner = this.resultOf(callee.object as Node, scope);
        return inner ? { call: inner.call, via: 'json' } : null;
      }
      return awaited ? { call: spanOf(node), via: 'result' } : null;
    }
    if (node.type === 'MemberExpression' && memberName(node) === 'data') {
      const inner = this.resultOf(node.object as Node, scope);
      return inner ? { call: inner.call, via: 'data' } : null;
    }
    return null;
  }

  /** A request's result (`res`, `await fetch(…)`), not its body. */
  private resultOf(expr: Node, scope: Scope): Origin | null {
    const o = this.originOf(expr, scope);
    if (o) return o.via === 'result' ? o : null;
    const { node } = strip(expr);
    // `(await fetch(…)).json()` — the call itself, awaited inside.
    return node.type === 'CallExpression' && strip(expr).awaited ? { call: spanOf(node), via: 'result' } : null;
  }

  /** `const x = <origin>` and `const { a, data } = <origin>`. */
  declarator(node: TSESTree.VariableDeclarator, scope: Scope): void {
    if (!node.init) return;
    const origin = this.originOf(node.init as Node, scope);
    if (!origin) return;
    this.types.annotated(node.id.typeAnnotation?.typeAnnotation, origin, scope);
    this.pattern(node.id as Node, origin, scope);
  }

  private pattern(id: Node, origin: Origin, scope: Scope): void {
    if (id.type === 'Identifier') {
      this.origins.set(bindingKey(id.name, scope), origin);
      return;
    }
    if (id.type !== 'ObjectPattern') return;
    for (const p of id.properties) {
      if (p.type !== 'Property' || p.computed) continue;
      const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : null;
      if (key === null) continue;
      const value = (p.value.type === 'AssignmentPattern' ? p.value.left : p.value) as Node;
      // `const { data } = await axios.get(…)`: the body, read further.
      if (origin.via === 'result' && key === 'data') {
        this.pattern(value, { call: origin.call, via: 'data' }, scope);
        continue;
      }
      this.reads.push({ call: origin.call, via: origin.via, field: key, span: spanOf(p.key), fn: scope.fnId });
    }
  }

  /** `x = …` again: `x` no longer holds what it was declared with. */
  reassigned(left: Node, scope: Scope): void {
    if (left.type !== 'Identifier') return;
    const key = declaredKey(left.name, scope);
    if (key !== null) this.origins.delete(key);
  }

  /** Nodes whose role a member read depends on, marked before their children are visited (no parent links). */
  private readonly callees = new WeakSet<Node>();
  private readonly consumed = new WeakSet<Node>();
  private readonly pending: Array<{ node: Node; fn: string; span: Span }> = [];

  /** Called for every node the walk descends into generically (before its children). */
  visit(node: Node, scope: Scope): void {
    switch (node.type) {
      case 'CallExpression':
        this.callees.add(strip(node.callee as Node).node);
        return this.types.call(node, scope, (n) => this.resultOf(n, scope), (n) => strip(n).node);
      case 'TSAsExpression':
      case 'TSTypeAssertion': {
        const origin = this.originOf(node.expression as Node, scope);
        return origin ? this.types.annotated(node.typeAnnotation, origin, scope) : undefined;
      }
      case 'AssignmentExpression':
        this.callees.add(node.left as Node);
        return this.reassigned(node.left as Node, scope);
      case 'LogicalExpression':
        // `req.body && …` tests the body; `req.body || {}` is the body (its use decides).
        if (node.operator === '&&') this.consumed.add(node.left as Node);
        return;
      case 'UnaryExpression':
        this.consumed.add(node.argument as Node);
        return;
      case 'IfStatement':
        this.consumed.add(node.test as Node);
        return;
      case 'MemberExpression':
        return this.member(node, scope);
      default:
        return;
    }
  }

  /** `x.field` where `x` has an origin; never a callee (`data.map(…)`) or an assignment target. */
  private member(node: TSESTree.MemberExpression, scope: Scope): void {
    const body = this.bodyOf(node.object as Node, scope);
    if (body) {
      this.consumed.add(node.object as Node);
      const name = memberName(node);
      this.bodyReads.push({ fn: body, field: this.callees.has(node) ? null : name, span: spanOf(node) });
    }
    if (this.bodyOf(node, scope)) this.pending.push({ node, fn: this.bodyOf(node, scope)!, span: spanOf(node) });
    if (this.callees.has(node)) return;
    const name = memberName(node);
    if (name === null) return;
    // `data.x`, `res.data.x`, `(await res.json()).x`.
    const origin = this.originOf(node.object as Node, scope);
    if (!origin) return;
    this.reads.push({ call: origin.call, via: origin.via, field: name, span: spanOf(node.property), fn: scope.fnId });
  }

  /** `req.body` (also `req.body || {}`), where `req` is a function's first parameter: that function's id. */
  private bodyOf(n: Node, scope: Scope): string | null {
    let node = strip(n).node;
    if (node.type === 'LogicalExpression' && node.operator !== '&&') node = strip(node.left as Node).node;
    if (node.type !== 'MemberExpression' || memberName(node) !== 'body' || node.object.type !== 'Identifier') return null;
    const p = resolveIdent(node.object.name, scope);
    return p.k === 'param' && p.index === 0 ? p.fn : null;
  }

  /** `const { a, b } = req.body`: named reads; a rest element reads the rest. */
  bodyPattern(node: TSESTree.VariableDeclarator, scope: Scope): void {
    if (!node.init) return;
    const fn = this.bodyOf(node.init as Node, scope);
    if (!fn || node.id.type !== 'ObjectPattern') return;
    this.consumed.add(strip(node.init as Node).node);
    if (node.init.type === 'LogicalExpression') this.consumed.add(strip(node.init.left as Node).node);
    for (const q of node.id.properties) {
      const key = q.type === 'Property' && !q.computed ? (q.key.type === 'Identifier' ? q.key.name : q.key.type === 'Literal' ? String(q.key.value) : null) : null;
      this.bodyReads.push({ fn, field: key, span: spanOf(q) });
    }
  }

  /** Every `req.body` not read by field, tested or destructured: used whole. */
  finish(): void {
    for (const p of this.pending) if (!this.consumed.has(p.node)) this.bodyReads.push({ fn: p.fn, field: null, span: p.span });
  }
}
