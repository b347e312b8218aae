/**
 * Wrapper calls whose result is the decoded body: the wrapper function returns only `res.json()`,
 * `(await fetch(…)).json()`, `res.data`, or a local bound to one of these (`const { data } = await
 * api.get(…); return data`). At such a call site, `const { accessToken } = await login(…)` reads the body.
 */
import type { ModuleFacts, Sym } from '../../resolve/sym';
import type { RelationInput } from '../types';

function bodyLike(s: Sym, m: ModuleFacts, depth = 0): boolean {
  if (depth > 4) return false;
  if (s.k === 'call' && s.callee.k === 'member' && s.callee.prop === 'json' && s.args.length === 0) return true;
  if (s.k === 'member' && s.prop === 'data') return s.obj.k === 'call' || (s.obj.k === 'ref' && m.bindings[s.obj.name]?.k === 'call');
  if (s.k === 'ref' && s.name.includes('::')) {
    const b = m.bindings[s.name];
    return b !== undefined && bodyLike(b, m, depth + 1);
  }
  return false;
}

/** `file:line:column` of the wrapper call sites whose result is the body. */
export function bodyResults(input: RelationInput): Set<string> {
  const out = new Set<string>();
  const verdicts = new Map<string, boolean>();
  for (const d of input.requests.drafts) {
    const w = d.spec.wrapper;
    if (!w) continue;
    const key = `${w.file}#${w.id}`;
    let ok = verdicts.get(key);
    if (ok === undefined) {
      const m = input.program.module(w.file);
      const fn = m?.functions[w.id];
      ok = !!m && !!fn && fn.returns.length > 0 && fn.returns.every((r) => bodyLike(r, m));
      verdicts.set(key, ok);
    }
    if (ok) out.add(`${d.decl.file}:${d.decl.span.line}:${d.decl.span.column}`);
  }
  return out;
}

/** `file:line:column` of the calls made through a wrapper function. */
export function wrappedCalls(input: RelationInput): Set<string> {
  const out = new Set<string>();
  for (const d of input.requests.drafts) if (d.spec.wrapper) out.add(`${d.decl.file}:${d.decl.span.line}:${d.decl.span.column}`);
  return out;
}
