/**
 * Go expressions as symbolic values ({@link Sym}): interpreted and raw strings, `+` concatenation,
 * names resolved through the scope (parameters, locals, package-level names of this file or of the
 * package's other files, imported packages), selectors, calls, slice and struct literals, and function
 * literals (recorded as functions by the facts builder). Anything else is a `dyn` with its source text.
 */
import type { Span } from '../../types';
import type { Sym } from '../../resolve/sym';
import type { TsNode } from '../../parse/treeSitter';
import type { GoScope } from './scope';

/** The 1-based span of a tree-sitter node. */
export function spanOf(n: TsNode): Span {
  return { line: n.startPosition.row + 1, column: n.startPosition.column + 1, endLine: n.endPosition.row + 1, endColumn: n.endPosition.column + 1 };
}

/** Conversions that keep a string a string (`string(x)`, `[]byte(x)` is not one). */
const STRING_CONVERSIONS = new Set(['string']);

/** What the facts builder offers the expression reader: scope lookup and function literals. */
export interface SymHost {
  ident(name: string, scope: GoScope): Sym;
  funcLit(node: TsNode, scope: GoScope): Sym;
  /** A struct literal `T{field: value}` was read (struct fields may hold routers). */
  fieldInit(type: TsNode, field: string, value: Sym): void;
}

export function toSym(node: TsNode, scope: GoScope, host: SymHost): Sym {
  switch (node.type) {
    case 'interpreted_string_literal':
      return { k: 'str', v: unescapeGo(node.text.slice(1, -1)) };
    case 'raw_string_literal':
      return { k: 'str', v: node.text.slice(1, -1).replace(/\r/g, '') };
    case 'int_literal':
      return /^\d+$/.test(node.text.replace(/_/g, '')) ? { k: 'num', v: Number(node.text.replace(/_/g, '')) } : dyn(node);
    case 'identifier':
      return host.ident(node.text, scope);
    case 'selector_expression': {
      const obj = node.childForFieldName('operand');
      const field = node.childForFieldName('field');
      if (!obj || !field) return dyn(node);
      return { k: 'member', obj: toSym(obj, scope, host), prop: field.text };
    }
    case 'call_expression':
      return callSym(node, scope, host);
    case 'binary_expression': {
      const l = node.childForFieldName('left');
      const r = node.childForFieldName('right');
      const op = node.childForFieldName('operator')?.text ?? node.children.find((c) => c && !c.isNamed)?.text;
      if (op === '+' && l && r) return { k: 'concat', parts: [toSym(l, scope, host), toSym(r, scope, host)] };
      return dyn(node);
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      return inner ? toSym(inner, scope, host) : dyn(node);
    }
    case 'unary_expression': {
      // `&T{…}`: the struct itself, for reading its fields.
      const op = node.children[0]?.text;
      const operand = node.childForFieldName('operand');
      return op === '&' && operand ? toSym(operand, scope, host) : dyn(node);
    }
    case 'composite_literal':
      return compositeSym(node, scope, host);
    case 'func_literal':
      return host.funcLit(node, scope);
    case 'nil':
    case 'true':
    case 'false':
      return { k: 'dyn', text: node.text };
    default:
      return dyn(node);
  }
}

/** Arguments of a call (`f(a, b...)`): a spread `xs...` stays a run-time value. */
export function argSyms(argsNode: TsNode | null, scope: GoScope, host: SymHost): Sym[] {
  const out: Sym[] = [];
  for (const a of argsNode?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    if (a.type === 'variadic_argument') out.push({ k: 'dyn', text: clip(a.text) });
    else out.push(toSym(a, scope, host));
  }
  return out;
}

function callSym(node: TsNode, scope: GoScope, host: SymHost): Sym {
  const fn = node.childForFieldName('function');
  if (!fn) return dyn(node);
  const args = argSyms(node.childForFieldName('arguments'), scope, host);
  if (fn.type === 'identifier' && STRING_CONVERSIONS.has(fn.text) && args.length === 1 && host.ident(fn.text, scope).k === 'dyn') return args[0]!;
  if (fn.type === 'parenthesized_expression' || fn.type.endsWith('_type')) return args.length === 1 ? { k: 'dyn', text: clip(node.text) } : dyn(node);
  return { k: 'call', callee: toSym(fn, scope, host), args };
}

/** `[]string{"GET", "POST"}` → an array; `T{a: x}` → an object with its keyed fields. */
function compositeSym(node: TsNode, scope: GoScope, host: SymHost): Sym {
  const body = node.childForFieldName('body');
  const type = node.childForFieldName('type');
  const items: Sym[] = [];
  const props: Record<string, Sym> = {};
  let keyed = false;
  for (const el of body?.namedChildren ?? []) {
    if (!el) continue;
    if (el.type === 'keyed_element') {
      keyed = true;
      const [k, v] = el.namedChildren;
      const key = k?.namedChildren[0] ?? k;
      const val = v?.namedChildren[0] ?? v;
      if (key && val && (key.type === 'identifier' || key.type === 'field_identifier')) {
        props[key.text] = toSym(val, scope, host);
        if (type) host.fieldInit(type, key.text, props[key.text]!);
      }
    } else if (el.type === 'literal_element') {
      const v = el.namedChildren[0];
      if (v) items.push(toSym(v, scope, host));
    }
  }
  if (keyed || (type && !type.type.endsWith('slice_type') && !type.type.endsWith('array_type') && items.length === 0)) return { k: 'obj', props, spreads: [] };
  return { k: 'arr', items };
}

function dyn(node: TsNode): Sym {
  return { k: 'dyn', text: clip(node.text) };
}

export function clip(t: string): string {
  const s = t.replace(/\s+/g, ' ');
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
}

const SIMPLE: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', a: '\u0007', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** Go's escapes in an interpreted string: `\n`…, `\xhh`, `\uXXXX`, `\UXXXXXXXX`, octal `\ooo`. */
export function unescapeGo(s: string): string {
  return s.replace(/\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0-7]{3}|[\s\S])/g, (all, e: string) => {
    if (e in SIMPLE) return SIMPLE[e]!;
    if (/^[xuU]/.test(e) && e.length > 1) {
      const code = parseInt(e.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    if (/^[0-7]{3}$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return all;
  });
}
