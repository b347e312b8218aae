/**
 * Argument shapes of Socket.IO events, where they can be seen: what a send passes after the event name
 * (evaluated at link time; an acknowledgement callback is not a payload), and how a handler uses its first
 * parameter. A handler that only ever puts it into strings (`` `conversation:${id}` ``, `'room:' + id`)
 * uses it as a string; any member read (`data.conversation_id`) or other use leaves the shape unknown.
 */
import type { Sym } from '../../../resolve/sym';
import type { ModuleFacts } from '../../../resolve/sym';
import type { JsCall } from '../../../lang/js/facts';
import type { ArgShape } from '../../types';

/** What a send passes: its first argument after the name, unless that is the acknowledgement callback. */
export function sentArg(args: readonly Sym[]): Sym | undefined {
  const a = args[1];
  return a && a.k !== 'func' && args.length === 2 ? a : undefined;
}

type Use = 'string' | 'other';

const isParam = (s: Sym, fn: string): boolean => s.k === 'param' && s.fn === fn && s.index === 0;

function uses(s: Sym, fn: string, out: Set<Use>, depth = 0): void {
  if (depth > 12) return;
  switch (s.k) {
    case 'concat':
      for (const p of s.parts) {
        if (isParam(p, fn)) out.add('string');
        else uses(p, fn, out, depth + 1);
      }
      return;
    case 'member':
      if (isParam(s.obj, fn)) out.add('other');
      else uses(s.obj, fn, out, depth + 1);
      return;
    case 'call':
      uses(s.callee, fn, out, depth + 1);
      for (const a of [...s.args, ...Object.values(s.kw ?? {})]) {
        if (isParam(a, fn)) out.add('other');
        else uses(a, fn, out, depth + 1);
      }
      return;
    case 'obj':
      for (const v of [...Object.values(s.props), ...s.spreads]) {
        if (isParam(v, fn)) out.add('other');
        else uses(v, fn, out, depth + 1);
      }
      return;
    case 'arr':
      for (const v of s.items) {
        if (isParam(v, fn)) out.add('other');
        else uses(v, fn, out, depth + 1);
      }
      return;
    case 'alt':
    case 'fallback':
      for (const v of s.options) {
        if (isParam(v, fn)) out.add('other');
        else uses(v, fn, out, depth + 1);
      }
      return;
    default:
      return;
  }
}

/** How handler `fn` uses its first parameter: as a string only, or unknown (undefined). */
export function handlerArgUse(fn: string, calls: readonly JsCall[], m: ModuleFacts): ArgShape | undefined {
  const found = new Set<Use>();
  for (const c of calls) uses({ k: 'call', callee: c.callee, args: c.args }, fn, found);
  for (const [key, b] of Object.entries(m.bindings)) {
    if (isParam(b, fn)) found.add('other');
    else if (key.includes('::')) uses(b, fn, found);
  }
  for (const f of Object.values(m.functions)) {
    for (const r of f.returns) {
      if (isParam(r, fn)) found.add('other');
      else uses(r, fn, found);
    }
  }
  return found.size === 1 && found.has('string') ? { shape: 'string' } : undefined;
}
