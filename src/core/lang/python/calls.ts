/**
 * Call facts of Python modules: every call with positional and keyword arguments as symbols, the
 * function it sits in, and where a diagnostic about it goes.
 */
import type { Span } from '../../types';
import type { Sym } from '../../resolve/sym';
import type { SyntaxNode } from '../../parse/syntaxTree';
import type { Scope } from './scope';
import { callArgs, spanOfTs, toSym } from './syms';

export interface PyCall {
  readonly callee: Sym;
  readonly args: readonly Sym[];
  readonly kw: Readonly<Record<string, Sym>>;
  /** `**options` spread into the call. */
  readonly kwSpreads: readonly Sym[];
  readonly fn: string | null;
  readonly span: Span;
  /** From the callee's last name to the end of the first argument. */
  readonly anchor: Span;
}

/** Record every call inside an expression (not inside nested lambdas' bodies, which run later). */
export function scanCalls(node: SyntaxNode, scope: Scope, out: PyCall[]): void {
  if (node.type === 'call') {
    const call = callFact(node, scope);
    if (call) out.push(call);
  }
  if (node.type === 'lambda') return;
  for (const c of node.namedChildren) if (c) scanCalls(c, scope, out);
}

function callFact(node: SyntaxNode, scope: Scope): PyCall | null {
  const fnNode = node.childForFieldName('function');
  const argsNode = node.childForFieldName('arguments');
  if (!fnNode) return null;
  const { args, kw, kwSpreads } = callArgs(argsNode, scope);
  const start = fnNode.type === 'attribute' ? (fnNode.childForFieldName('attribute') ?? fnNode) : fnNode;
  const first = argsNode?.namedChildren[0] ?? node;
  return {
    callee: toSym(fnNode, scope),
    args,
    kw,
    kwSpreads,
    fn: scope.fnId,
    span: spanOfTs(node),
    anchor: { line: start.startPosition.row + 1, column: start.startPosition.column + 1, endLine: first.endPosition.row + 1, endColumn: first.endPosition.column + 1 },
  };
}
