/**
 * Rust expressions as evaluator symbols: string literals, constants and paths across modules
 * (`crate::config::PREFIX` → a member chain on the `crate` module), `concat!` and `format!` when every
 * piece is static, `env!`, and the conversions that keep a string (`.to_string()`, `String::from`).
 * Anything else is a run-time value with its source as the reason.
 */
import type { Sym } from '../../resolve/sym';
import { exprText, type RsExpr } from './expr';

export interface SymScope {
  /** Id of the enclosing function, or null at module level. */
  readonly fn: string | null;
  /** Names bound by `let` in that function. */
  readonly locals: ReadonlySet<string>;
  readonly params: readonly string[];
}

const KEEP_METHODS = new Set(['to_string', 'to_owned', 'into', 'as_str', 'clone', 'as_ref', 'borrow']);
const KEEP_FNS = new Set(['String::from', 'str::to_string', 'Cow::from', 'Cow::Borrowed']);

export function rsSym(e: RsExpr, scope: SymScope): Sym {
  switch (e.k) {
    case 'str':
      return { k: 'str', v: e.v };
    case 'path':
      return pathSym(e.segs, scope);
    case 'macro':
      return macroSym(e, scope);
    case 'mcall':
      if (KEEP_METHODS.has(e.name) && e.args.length === 0) return rsSym(e.recv, scope);
      return { k: 'dyn', text: exprText(e) };
    case 'call': {
      const callee = e.fn.k === 'path' ? e.fn.segs.join('::') : '';
      if (KEEP_FNS.has(callee) && e.args.length === 1) return rsSym(e.args[0]!, scope);
      if (e.fn.k === 'path') return { k: 'call', callee: pathSym(e.fn.segs, scope), args: e.args.map((a) => rsSym(a, scope)) };
      return { k: 'dyn', text: exprText(e) };
    }
    case 'arr':
      return { k: 'arr', items: e.items.map((i) => rsSym(i, scope)) };
    default:
      if (e.k === 'other' && /^\d[\d_]*$/.test(e.text)) return { k: 'num', v: Number(e.text.replace(/_/g, '')) };
      return { k: 'dyn', text: exprText(e) };
  }
}

/** `a` → the local, parameter or module binding; `a::b::c` → members of the module or item `a`. */
export function pathSym(segs: readonly string[], scope: SymScope): Sym {
  const first = segs[0] ?? '';
  if (first === 'Self') return { k: 'dyn', text: segs.join('::') };
  let s: Sym;
  const pi = scope.params.indexOf(first);
  if (scope.fn !== null && scope.locals.has(first)) s = { k: 'ref', name: `${scope.fn}::${first}` };
  else if (scope.fn !== null && pi >= 0) s = { k: 'param', fn: scope.fn, index: pi, name: first };
  else s = { k: 'ref', name: first };
  for (const seg of segs.slice(1)) s = { k: 'member', obj: s, prop: seg };
  return s;
}

function macroSym(e: Extract<RsExpr, { k: 'macro' }>, scope: SymScope): Sym {
  const text = `${e.name}!(…)`;
  if (e.name === 'concat') return { k: 'concat', parts: e.args.map((a) => rsSym(a, scope)) };
  if (e.name === 'env' && e.args[0]?.k === 'str') return { k: 'env', name: e.args[0].v };
  if (e.name !== 'format') return { k: 'dyn', text };
  const [tpl, ...rest] = e.args;
  if (tpl?.k !== 'str') return { k: 'dyn', text };
  const positional = rest.filter((a) => a.k !== 'kv');
  const named = new Map(rest.flatMap((a) => (a.k === 'kv' ? [[a.key, a.value] as const] : [])));
  const parts: Sym[] = [];
  let lit = '';
  let next = 0;
  const s = tpl.v;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if ((ch === '{' || ch === '}') && s[i + 1] === ch) {
      lit += ch;
      i++;
      continue;
    }
    if (ch !== '{') {
      lit += ch;
      continue;
    }
    const end = s.indexOf('}', i);
    if (end < 0) return { k: 'dyn', text };
    const inner = s.slice(i + 1, end);
    // A format spec (`{:?}`, `{x:>8}`) may change the text: not static.
    if (inner.includes(':')) return { k: 'dyn', text };
    const arg = inner === '' ? positional[next++] : /^\d+$/.test(inner) ? positional[Number(inner)] : (named.get(inner) ?? { k: 'path', segs: [inner], at: tpl.at });
    if (!arg) return { k: 'dyn', text };
    if (lit) parts.push({ k: 'str', v: lit });
    lit = '';
    parts.push(rsSym(arg, scope));
    i = end;
  }
  if (lit) parts.push({ k: 'str', v: lit });
  return { k: 'concat', parts };
}
