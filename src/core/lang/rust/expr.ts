/**
 * Rust expressions as plain data: the builder chains route registrations are written in
 * (`App::new().service(web::scope("/api").route(...))`, `Router::new().route("/x", get(h))`), kept as
 * a small tree that framework contributions interpret. Strings, paths, calls, method calls, macros and
 * closures are kept; anything else keeps only the calls nested in it.
 */
import type { Span } from '../../types';
import type { TsNode } from '../../parse/treeSitter';

export type RsExpr =
  | { readonly k: 'str'; readonly v: string; readonly at: Span }
  /** `a`, `web::scope`, `crate::handlers::health` (generic arguments dropped). */
  | { readonly k: 'path'; readonly segs: readonly string[]; readonly at: Span }
  /** A call of a function or associated function: `web::scope("/x")`, `get(h)`. */
  | { readonly k: 'call'; readonly fn: RsExpr; readonly args: readonly RsExpr[]; readonly at: Span }
  /** A method call `recv.name(args)`; `at` is the method name's span. */
  | { readonly k: 'mcall'; readonly recv: RsExpr; readonly name: string; readonly args: readonly RsExpr[]; readonly at: Span }
  /** `name!(…)`: the top-level comma-separated token groups of its input, each read as an expression. */
  | { readonly k: 'macro'; readonly name: string; readonly args: readonly RsExpr[]; readonly at: Span }
  /** A closure or block: the expressions of its body. */
  | { readonly k: 'block'; readonly params: readonly string[]; readonly body: readonly RsExpr[] }
  | { readonly k: 'arr'; readonly items: readonly RsExpr[] }
  /** `name = value` inside an attribute or macro input. */
  | { readonly k: 'kv'; readonly key: string; readonly value: RsExpr }
  /** Anything else: its source (short) and the calls nested in it. */
  | { readonly k: 'other'; readonly text: string; readonly inner: readonly RsExpr[] };

const TEXT_MAX = 80;

/** The 1-based span of a tree-sitter node. */
export function spanOfTs(n: TsNode): Span {
  return { line: n.startPosition.row + 1, column: n.startPosition.column + 1, endLine: n.endPosition.row + 1, endColumn: n.endPosition.column + 1 };
}
const UNWRAP = new Set(['await_expression', 'try_expression', 'reference_expression', 'parenthesized_expression', 'type_cast_expression']);

/** The string a literal node holds (escapes of `"`, `\\`, `\n`, `\t` read; raw strings as written). */
export function stringValue(n: TsNode): string | null {
  if (n.type === 'raw_string_literal') {
    const c = n.namedChildren.find((x) => x?.type === 'string_content');
    return c ? c.text : '';
  }
  if (n.type !== 'string_literal') return null;
  let out = '';
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_content') out += c.text;
    else if (c.type === 'escape_sequence') out += unescape(c.text);
  }
  return out;
}

function unescape(e: string): string {
  const map: Record<string, string> = { '\\n': '\n', '\\t': '\t', '\\r': '\r', '\\0': '\0', '\\"': '"', "\\'": "'", '\\\\': '\\' };
  return map[e] ?? '';
}

function pathSegs(n: TsNode): string[] {
  return n.text.replace(/<[^<>]*(?:<[^<>]*>[^<>]*)*>/g, '').replace(/\s+/g, '').replace(/^::/, '').split('::').filter(Boolean);
}

/** An expression node as {@link RsExpr}. */
export function rsExpr(n: TsNode): RsExpr {
  if (UNWRAP.has(n.type)) {
    const inner = n.namedChildren.find((c) => c && c.type !== 'mutable_specifier' && !c.type.endsWith('_type') && c.type !== 'type_identifier');
    return inner ? rsExpr(inner) : other(n);
  }
  switch (n.type) {
    case 'string_literal':
    case 'raw_string_literal':
      return { k: 'str', v: stringValue(n) ?? '', at: spanOfTs(n) };
    case 'identifier':
    case 'scoped_identifier':
    case 'self':
    case 'crate':
    case 'super':
      return { k: 'path', segs: pathSegs(n), at: spanOfTs(n) };
    case 'generic_function': {
      const f = n.childForFieldName('function');
      return f ? rsExpr(f) : other(n);
    }
    case 'call_expression':
      return callExpr(n);
    case 'macro_invocation':
      return macroExpr(n);
    case 'closure_expression': {
      const params = (n.childForFieldName('parameters')?.namedChildren ?? []).map((p) => (p?.type === 'identifier' ? p.text : p?.childForFieldName('pattern')?.text ?? '')).filter(Boolean);
      const body = n.childForFieldName('body');
      return { k: 'block', params, body: body ? bodyExprs(body) : [] };
    }
    case 'block':
    case 'async_block':
    case 'unsafe_block':
      return { k: 'block', params: [], body: bodyExprs(n) };
    case 'array_expression':
    case 'tuple_expression':
      return { k: 'arr', items: n.namedChildren.filter((c): c is TsNode => !!c).map(rsExpr) };
    default:
      return other(n);
  }
}

function callExpr(n: TsNode): RsExpr {
  const fn = n.childForFieldName('function');
  const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is TsNode => !!c && c.type !== 'line_comment' && c.type !== 'block_comment').map(rsExpr);
  let target = fn;
  if (target?.type === 'generic_function') target = target.childForFieldName('function');
  if (target?.type === 'field_expression') {
    const recv = target.childForFieldName('value');
    const field = target.childForFieldName('field');
    if (recv && field) return { k: 'mcall', recv: rsExpr(recv), name: field.text, args, at: spanOfTs(field) };
  }
  return { k: 'call', fn: fn ? rsExpr(fn) : other(n), args, at: spanOfTs(n) };
}

function macroExpr(n: TsNode): RsExpr {
  const name = n.childForFieldName('macro')?.text ?? '';
  const tt = n.namedChildren.find((c) => c?.type === 'token_tree');
  return { k: 'macro', name: name.replace(/^.*::/, ''), args: tt ? tokenGroups(tt) : [], at: spanOfTs(n) };
}

/** The top-level comma-separated groups of a token tree (`(a, b = "x", c(…))`), each read as an expression. */
export function tokenGroups(tt: TsNode): RsExpr[] {
  const groups: TsNode[][] = [[]];
  for (const c of tt.children) {
    if (!c || c.type === '(' || c.type === ')' || c.type === '[' || c.type === ']' || c.type === '{' || c.type === '}') continue;
    if (c.type === ',') groups.push([]);
    else groups[groups.length - 1]!.push(c);
  }
  return groups.filter((g) => g.length > 0).map(groupExpr);
}

function groupExpr(toks: TsNode[]): RsExpr {
  const eq = toks.findIndex((t) => t.type === '=');
  if (eq === 1 && toks[0]!.type === 'identifier') return { k: 'kv', key: toks[0]!.text, value: groupExpr(toks.slice(2)) };
  if (toks.length === 1) {
    const t = toks[0]!;
    if (t.type === 'string_literal' || t.type === 'raw_string_literal') return { k: 'str', v: stringValue(t) ?? '', at: spanOfTs(t) };
    if (t.type === 'identifier' || t.type === 'self' || t.type === 'crate' || t.type === 'super') return { k: 'path', segs: [t.text], at: spanOfTs(t) };
    // `["a", "b"]` (utoipa's `tags = [...]`): a list of its groups.
    if (t.type === 'token_tree' && t.text.startsWith('[')) return { k: 'arr', items: tokenGroups(t) };
  }
  // `a::b::c` arrives as identifiers separated by `::` tokens.
  if (toks.every((t, i) => (i % 2 === 0 ? /^(identifier|self|crate|super)$/.test(t.type) : t.type === '::'))) {
    return { k: 'path', segs: toks.filter((_, i) => i % 2 === 0).map((t) => t.text), at: spanOfTs(toks[0]!) };
  }
  // `name(…)` (utoipa's `request_body(…)`, `params(…)`): kept as a call of its groups.
  if (toks.length === 2 && toks[0]!.type === 'identifier' && toks[1]!.type === 'token_tree') {
    return { k: 'call', fn: { k: 'path', segs: [toks[0]!.text], at: spanOfTs(toks[0]!) }, args: tokenGroups(toks[1]!), at: spanOfTs(toks[0]!) };
  }
  return { k: 'other', text: toks.map((t) => t.text).join(' ').slice(0, TEXT_MAX), inner: [] };
}

function other(n: TsNode): RsExpr {
  const inner: RsExpr[] = [];
  collectCalls(n, inner);
  return { k: 'other', text: n.text.slice(0, TEXT_MAX), inner };
}

/** The outermost calls, macros and closures under a node that is not itself one of them. */
function collectCalls(n: TsNode, out: RsExpr[]): void {
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'call_expression' || c.type === 'macro_invocation' || c.type === 'closure_expression') out.push(rsExpr(c));
    else if (c.type === 'let_declaration') out.push(...letExprs(c));
    else if (c.type !== 'function_item' && c.type !== 'line_comment' && c.type !== 'block_comment') collectCalls(c, out);
  }
}

function letExprs(n: TsNode): RsExpr[] {
  const v = n.childForFieldName('value');
  return v ? [rsExpr(v)] : [];
}

/** The expressions of a block or expression body: statements, `let` values and the tail. */
export function bodyExprs(body: TsNode): RsExpr[] {
  if (body.type !== 'block' && body.type !== 'async_block' && body.type !== 'unsafe_block') return [rsExpr(body)];
  const out: RsExpr[] = [];
  for (const c of body.namedChildren) {
    if (!c || c.type.endsWith('_item') || c.type === 'line_comment' || c.type === 'block_comment' || c.type === 'attribute_item') continue;
    if (c.type === 'let_declaration') out.push(...letExprs(c));
    else if (c.type === 'expression_statement') {
      const e = c.namedChildren[0];
      if (e) out.push(rsExpr(e));
    } else out.push(rsExpr(c));
  }
  return out;
}

/** A path expression's segments, or null. */
export function pathOf(e: RsExpr | undefined): readonly string[] | null {
  return e?.k === 'path' ? e.segs : null;
}

/** The source-like text of an expression, for messages and handler names. */
export function exprText(e: RsExpr): string {
  switch (e.k) {
    case 'str':
      return JSON.stringify(e.v);
    case 'path':
      return e.segs.join('::');
    case 'call':
      return `${exprText(e.fn)}(…)`;
    case 'mcall':
      return `${exprText(e.recv)}.${e.name}(…)`;
    case 'macro':
      return `${e.name}!(…)`;
    case 'block':
      return e.params.length ? `|${e.params.join(', ')}| …` : '{…}';
    case 'arr':
      return '[…]';
    case 'kv':
      return `${e.key} = ${exprText(e.value)}`;
    case 'other':
      return e.text;
  }
}
