/**
 * Call facts of JS/TS modules: every call and `new` expression with its callee and arguments as
 * symbols, the function it sits in, and where a diagnostic about it goes.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';
import type { Sym } from '../../resolve/sym';
import { spanOf, type Node } from './ast';
import type { Scope } from './scope';
import { argSyms, toSym, type SymSource } from './syms';

export interface JsCall {
  readonly callee: Sym;
  readonly args: readonly Sym[];
  /** Id of the innermost enclosing function, or null at module level. */
  readonly fn: string | null;
  /** The whole call expression. */
  readonly span: Span;
  /** Where a diagnostic about this call goes: from the callee's last name to the end of the first argument. */
  readonly anchor: Span;
  readonly isNew: boolean;
  /** A navigation by assignment (`location.href = url`): `callee` is the target assigned to, `args[0]` the value. */
  readonly assign?: boolean;
  /** Made on some paths only (in a branch of its function). */
  readonly conditional?: true;
}

const NAVIGATION_TARGET = /^(?:(?:window|self|globalThis|document|top|parent)\.)?location(?:\.href)?$/;

/** `location = url`, `location.href = url` (also through `window.`, `document.`): recorded as a call with `assign` set. */
export function navigationFact(node: TSESTree.AssignmentExpression, scope: Scope, src: SymSource): JsCall | null {
  if (node.operator !== '=' || !NAVIGATION_TARGET.test(dottedName(node.left as Node) ?? '')) return null;
  const l = node.left.loc.start;
  const r = node.right.loc.end;
  const anchor = { line: l.line, column: l.column + 1, endLine: r.line, endColumn: r.column + 1 };
  return { callee: toSym(node.left as Node, scope, src), args: [toSym(node.right as Node, scope, src)], fn: scope.fnId, span: spanOf(node), anchor, isNew: false, assign: true };
}

function dottedName(n: Node): string | null {
  if (n.type === 'Identifier') return n.name;
  if (n.type !== 'MemberExpression' || n.computed || n.property.type !== 'Identifier') return null;
  const obj = dottedName(n.object as Node);
  return obj === null ? null : `${obj}.${n.property.name}`;
}

/** The fact for one call or `new` expression seen in `scope`. */
export function callFact(node: TSESTree.CallExpression | TSESTree.NewExpression, scope: Scope, src: SymSource): JsCall {
  const callee = toSym(node.callee as Node, scope, src);
  const args = argSyms(node.arguments, scope, src);
  const span = spanOf(node);
  const startNode = node.callee.type === 'MemberExpression' ? node.callee.property : node.callee;
  const endNode = node.arguments[0] ?? node;
  const anchor = { line: startNode.loc.start.line, column: startNode.loc.start.column + 1, endLine: endNode.loc.end.line, endColumn: endNode.loc.end.column + 1 };
  return { callee, args, fn: scope.fnId, span, anchor, isNew: node.type === 'NewExpression' };
}

/** Module specifiers loaded by `require('x')` / `import('x')`, as calls or inside bound values (lazy routes). */
export function loadedSpecifiers(calls: readonly JsCall[], bindings: Readonly<Record<string, Sym>>, out: Set<string>): void {
  for (const c of calls) {
    const a = c.args[0];
    if (c.callee.k === 'ref' && (c.callee.name === 'require' || c.callee.name === 'import') && a?.k === 'str') out.add(a.v);
  }
  for (const b of Object.values(bindings)) collectImportCalls(b, out);
}

/** `import('x')` inside bound values (lazy route modules) also counts as a dependency. */
function collectImportCalls(s: Sym, out: Set<string>): void {
  if (s.k === 'call') {
    if (s.callee.k === 'ref' && (s.callee.name === 'import' || s.callee.name === 'require') && s.args[0]?.k === 'str') out.add(s.args[0].v);
    for (const a of s.args) collectImportCalls(a, out);
    collectImportCalls(s.callee, out);
  } else if (s.k === 'member') collectImportCalls(s.obj, out);
}

/**
 * `client.defaults.baseURL = v` (also `this.api.defaults["baseURL"] = v`): a client default set by
 * assignment, which applies to requests made anywhere else with that client; and a name given to every
 * component (`Vue.prototype.$http = v`, `app.config.globalProperties.$api = v`).
 */
export interface JsDefaultsSet {
  /** The client whose `defaults` are set (`axios`, `api`, `this.http`), or what `prototype`/`globalProperties` belong to. */
  readonly target: Sym;
  readonly holder: 'defaults' | 'prototype' | 'globalProperties';
  /** The default or the name set (`baseURL`, `$http`). */
  readonly prop: string;
  readonly value: Sym;
  readonly fn: string | null;
  readonly span: Span;
  /** Set on some paths only (in a branch of its function). */
  readonly conditional: boolean;
}

const HOLDERS = new Set(['defaults', 'prototype', 'globalProperties']);

export function defaultsFact(node: TSESTree.AssignmentExpression, scope: Scope, src: SymSource, conditional: boolean): JsDefaultsSet | null {
  const left = node.left;
  if (node.operator !== '=' || left.type !== 'MemberExpression') return null;
  const prop = !left.computed && left.property.type === 'Identifier' ? left.property.name : left.property.type === 'Literal' && typeof left.property.value === 'string' ? left.property.value : null;
  const holder = left.object;
  if (prop === null || holder.type !== 'MemberExpression' || holder.computed || holder.property.type !== 'Identifier' || !HOLDERS.has(holder.property.name)) return null;
  return { target: toSym(holder.object as Node, scope, src), holder: holder.property.name as JsDefaultsSet['holder'], prop, value: toSym(node.right as Node, scope, src), fn: scope.fnId, span: spanOf(node), conditional };
}
