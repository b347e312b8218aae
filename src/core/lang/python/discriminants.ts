/**
 * Message-kind tests of Python modules: `data["type"] == "chat"`, `msg.get("type") != "x"`,
 * `event.type == "x"` and `match data["type"]: case "chat": …`, where the tested key is a discriminator
 * (`type`, `kind`, `event`, `action`, `op`). The real-time plugins read them as the kinds a WebSocket
 * handler accepts, only in files that handle WebSockets. Read with tree-sitter queries by node type
 * after the facts walk (comparisons sit anywhere inside expressions).
 */
import type { Span } from '../../types';
import type { SyntaxNode } from '../../parse/syntaxTree';
import { spanOfTs, toSym } from './syms';
import type { Scope } from './scope';

export interface PyDiscriminant {
  readonly prop: string;
  readonly value: string;
  readonly span: Span;
}

const DISCRIMINATORS = new Set(['type', 'kind', 'event', 'action', 'op', 'msg_type', 'message_type']);

function literal(n: SyntaxNode | null | undefined, scope: Scope): string | null {
  if (!n || n.type !== 'string') return null;
  const s = toSym(n, scope);
  return s.k === 'str' ? s.v : null;
}

/** `x["type"]`, `x.get("type")`, `x.type` → `type` when it is a discriminator. */
function discriminator(n: SyntaxNode | null | undefined, scope: Scope): string | null {
  if (!n) return null;
  let key: string | null = null;
  if (n.type === 'subscript') key = literal(n.childForFieldName('subscript'), scope);
  else if (n.type === 'attribute') key = n.childForFieldName('attribute')?.text ?? null;
  else if (n.type === 'call') {
    const f = n.childForFieldName('function');
    const args = n.childForFieldName('arguments')?.namedChildren ?? [];
    if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'get') key = literal(args[0], scope);
  }
  return key !== null && DISCRIMINATORS.has(key) ? key : null;
}

/**
 * Can the module's text hold a discriminant? Its key is a discriminator written out (`x.type`,
 * `x["type"]`) or a string whose escapes spell one (`"\x74ype"`, a line continuation inside it). Most
 * modules have neither: the tree is then not searched (plane: the search was a sixth of the Python facts' cost).
 */
export function mayHaveDiscriminants(text: string): boolean {
  return DISCRIMINATOR_WORD.test(text) || SPELLING_ESCAPE.test(text);
}
const DISCRIMINATOR_WORD = new RegExp(`\\b(?:${[...DISCRIMINATORS].join('|')})\\b`);
const SPELLING_ESCAPE = /\\(?:[xuUN0-7]|\r?\n|\r)/;

export function pyDiscriminants(root: SyntaxNode, scope: Scope): PyDiscriminant[] {
  const out: PyDiscriminant[] = [];
  for (const c of root.descendantsOfType('comparison_operator')) {
    if (!c) continue;
    const ops = c.children.filter((x) => x && !x.isNamed).map((x) => x!.type);
    if (ops.length !== 1 || (ops[0] !== '==' && ops[0] !== '!=')) continue;
    const [a, b] = c.namedChildren;
    for (const [d, v] of [[a, b], [b, a]] as const) {
      const prop = discriminator(d, scope);
      const value = literal(v, scope);
      if (prop && value !== null) {
        out.push({ prop, value, span: spanOfTs(c) });
        break;
      }
    }
  }
  for (const m of root.descendantsOfType('match_statement')) {
    const prop = discriminator(m?.childForFieldName('subject'), scope);
    if (!m || !prop) continue;
    for (const clause of m.descendantsOfType('case_clause')) {
      const pattern = clause?.namedChildren.find((x) => x?.type === 'case_pattern');
      const value = literal(pattern?.namedChildren[0], scope);
      if (value !== null) out.push({ prop, value, span: spanOfTs(pattern!) });
    }
  }
  return out;
}
