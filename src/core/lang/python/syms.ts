/**
 * Python expressions as symbolic values ({@link Sym}): strings and f-strings (with their prefixes and
 * escapes), `+` and implicit concatenation, `or` as a fallback, names resolved through the scope,
 * attributes and string subscripts, calls with keyword arguments, lists, tuples and dicts. Anything
 * else becomes a `dyn` carrying its (clipped) source text.
 */
import type { Span } from '../../types';
import type { Sym } from '../../resolve/sym';
import type { SyntaxNode } from '../../parse/syntaxTree';
import { resolveIdent, type Scope } from './scope';

/** The 1-based span of a tree-sitter node. */
export function spanOfTs(n: SyntaxNode): Span {
  return { line: n.startPosition.row + 1, column: n.startPosition.column + 1, endLine: n.endPosition.row + 1, endColumn: n.endPosition.column + 1 };
}

/** The symbolic value of an expression. */
export function toSym(node: SyntaxNode, scope: Scope): Sym {
  switch (node.type) {
    case 'string':
      return stringSym(node, scope);
    case 'concatenated_string':
      return { k: 'concat', parts: node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type === 'string').map((c) => stringSym(c, scope)) };
    case 'integer':
      return { k: 'num', v: Number(node.text.replace(/_/g, '')) };
    case 'identifier':
      return resolveIdent(node.text, scope);
    case 'attribute': {
      const obj = node.childForFieldName('object');
      const attr = node.childForFieldName('attribute');
      if (!obj || !attr) return dyn(node);
      return { k: 'member', obj: toSym(obj, scope), prop: attr.text };
    }
    case 'subscript':
      return subscriptSym(node, scope);
    case 'call': {
      const fn = node.childForFieldName('function');
      if (!fn) return dyn(node);
      const { args, kw, kwSpreads } = callArgs(node.childForFieldName('arguments'), scope);
      return kwSpreads.length ? { k: 'call', callee: toSym(fn, scope), args, kw, kwSpreads } : { k: 'call', callee: toSym(fn, scope), args, kw };
    }
    case 'binary_operator':
    case 'boolean_operator':
      return operatorSym(node, scope);
    case 'parenthesized_expression':
    case 'await': {
      const inner = node.namedChildren[0];
      return inner ? toSym(inner, scope) : dyn(node);
    }
    case 'list':
    case 'tuple':
      return listSym(node, scope);
    case 'dictionary':
      return dictSym(node, scope);
    case 'list_comprehension':
      return comprehensionSym(node, scope);
    default:
      return dyn(node);
  }
}

/**
 * `[item for v in over]` (one `for`, a plain loop variable, no `if`): each item is `item` with `v` as the
 * parameter of a pseudo-function of its own (Python 3 gives a comprehension its own scope). Any other
 * comprehension is only known at run time.
 */
function comprehensionSym(node: SyntaxNode, scope: Scope): Sym {
  const body = node.childForFieldName('body');
  const clauses = node.namedChildren.filter((c): c is SyntaxNode => !!c && c !== body && c.type !== 'comment');
  const loop = clauses.length === 1 && clauses[0]!.type === 'for_in_clause' ? clauses[0]! : null;
  const v = loop?.childForFieldName('left');
  const over = loop?.childForFieldName('right');
  if (!body || !loop || v?.type !== 'identifier' || !over) return dyn(node);
  const fn = `${scope.fnId ?? ''}@comprehension${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
  const inner: Scope = { fnId: fn, locals: new Set(), params: new Map([[v.text, { k: 'param', fn, index: 0, name: v.text }]]), parent: scope, returns: null };
  return { k: 'each', fn, item: toSym(body, inner), over: toSym(over, scope) };
}

/**
 * Positional and keyword arguments of a call, and the `**options` spread into it (`*args` is only known
 * at run time: a `dyn` in the positional list).
 */
export function callArgs(argsNode: SyntaxNode | null, scope: Scope): { args: Sym[]; kw: Record<string, Sym>; kwSpreads: Sym[] } {
  const args: Sym[] = [];
  const kw: Record<string, Sym> = {};
  const kwSpreads: Sym[] = [];
  for (const a of argsNode?.namedChildren ?? []) {
    if (!a) continue;
    if (a.type === 'keyword_argument') {
      const n = a.childForFieldName('name')?.text;
      const v = a.childForFieldName('value');
      if (n && v) kw[n] = toSym(v, scope);
    } else if (a.type === 'dictionary_splat') {
      const e = a.namedChildren[0];
      kwSpreads.push(e ? toSym(e, scope) : { k: 'dyn', text: a.text });
    } else if (a.type === 'list_splat') {
      args.push({ k: 'dyn', text: a.text });
    } else if (a.type !== 'comment') args.push(toSym(a, scope));
  }
  return { args, kw, kwSpreads };
}

function dyn(node: SyntaxNode): Sym {
  return { k: 'dyn', text: clip(node.text) };
}

/** `a + b` as a concatenation, `a or b` as a fallback; other operators are run-time values. */
function operatorSym(node: SyntaxNode, scope: Scope): Sym {
  const op = node.childForFieldName('operator')?.text;
  const l = node.childForFieldName('left');
  const r = node.childForFieldName('right');
  if (node.type === 'binary_operator' && op === '+' && l && r) return { k: 'concat', parts: [toSym(l, scope), toSym(r, scope)] };
  if (node.type === 'boolean_operator' && op === 'or' && l && r) return { k: 'fallback', options: [toSym(l, scope), toSym(r, scope)] };
  return dyn(node);
}

/** `x["key"]` as a member; other subscripts are run-time values. */
function subscriptSym(node: SyntaxNode, scope: Scope): Sym {
  const value = node.childForFieldName('value');
  const sub = node.childForFieldName('subscript');
  if (value && sub?.type === 'string') {
    const s = stringSym(sub, scope);
    if (s.k === 'str') return { k: 'member', obj: toSym(value, scope), prop: s.v };
  }
  return dyn(node);
}

/**
 * A list or tuple; one that unpacks others (`[*a, b, *c]`) is their concatenation, as `a + [b] + c`
 * is (Django's `urlpatterns = [*app_urls, *api_urls]`).
 */
function listSym(node: SyntaxNode, scope: Scope): Sym {
  const parts: Sym[] = [];
  let items: Sym[] = [];
  let splat = false;
  for (const c of node.namedChildren) {
    if (!c || c.type === 'comment') continue;
    const inner = c.type === 'list_splat' ? c.namedChildren[0] : null;
    if (inner) {
      splat = true;
      if (items.length) parts.push({ k: 'arr', items });
      items = [];
      parts.push(toSym(inner, scope));
    } else items.push(toSym(c, scope));
  }
  if (!splat) return { k: 'arr', items };
  if (items.length) parts.push({ k: 'arr', items });
  return { k: 'concat', parts };
}

/** A dict literal: string keys as properties, `**x` as spreads. */
function dictSym(node: SyntaxNode, scope: Scope): Sym {
  const props: Record<string, Sym> = {};
  const spreads: Sym[] = [];
  for (const p of node.namedChildren) {
    if (p?.type === 'pair') {
      const k = p.childForFieldName('key');
      const v = p.childForFieldName('value');
      if (k?.type === 'string' && v) {
        const ks = stringSym(k, scope);
        if (ks.k === 'str') props[ks.v] = toSym(v, scope);
        else spreads.push(dyn(k));
      } else if (k && v) spreads.push(dyn(k));
    } else if (p?.type === 'dictionary_splat') {
      const e = p.namedChildren[0];
      if (e) spreads.push(toSym(e, scope));
    }
  }
  return { k: 'obj', props, spreads };
}

/** A string literal or f-string: literal runs (unescaped unless raw) and interpolated expressions. */
function stringSym(node: SyntaxNode, scope: Scope): Sym {
  const start = node.namedChildren.find((c) => c?.type === 'string_start')?.text ?? node.text.slice(0, 1);
  const prefix = start.replace(/["']+$/, '').toLowerCase();
  const raw = prefix.includes('r');
  const fstring = prefix.includes('f');
  const parts: Sym[] = [];
  let lit = '';
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_content') {
      const t = raw ? c.text : unescapePy(c.text);
      lit += fstring ? t.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : t;
    } else if (c.type === 'escape_interpolation') lit += c.text.slice(0, 1);
    else if (c.type === 'escape_sequence') lit += raw ? c.text : unescapePy(c.text);
    else if (c.type === 'interpolation') {
      if (lit) parts.push({ k: 'str', v: lit });
      lit = '';
      const e = c.childForFieldName('expression') ?? c.namedChildren[0];
      parts.push(e ? toSym(e, scope) : { k: 'dyn', text: clip(c.text) });
    }
  }
  if (lit || parts.length === 0) parts.push({ k: 'str', v: lit });
  return parts.length === 1 ? parts[0]! : { k: 'concat', parts };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', a: '\u0007', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '\n': '' };

/**
 * Python's escapes in a non-raw string: `\n` and friends, `\xhh`, `\uXXXX`, `\UXXXXXXXX`, octal `\ooo`
 * (`"/api\x2fusers"` is `/api/users`). `\N{NAME}` stays as written (its table is not worth shipping).
 */
export function unescapePy(s: string): string {
  return s.replace(/\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0-7]{1,3}|[\s\S])/g, (all, e: string) => {
    if (e in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[e]!;
    if (/^[xuU]/.test(e) && e.length > 1) {
      const code = parseInt(e.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return all; // an unknown escape keeps its backslash, as in Python
  });
}

function clip(t: string): string {
  const s = t.replace(/\s+/g, ' ');
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
}
