/**
 * Message kinds in real-time payloads, shared by the plugins that read them: the discriminator of a
 * JSON message (`{"type": "jobStatus", …}`), as a symbol the events link evaluates. A payload given by
 * name (`ws.send(JSON.stringify(msg))`) is read as `msg.type`, so a bound object literal still yields its kind.
 */
import type { ArgShape, EventDecl, EventFact, LinkContext } from '../frameworks/types';
import type { Value } from './value';
import type { Sym } from './sym';

const KEYS = ['type', 'kind', 'event', 'action', 'op', 'msgType', 'messageType'];

/** The kind of a message payload: its discriminator property, or `payload.type` when it is not a literal. */
export function messageKind(payload: Sym): Sym {
  if (payload.k === 'obj') {
    const key = KEYS.find((k) => payload.props[k] !== undefined);
    return key ? payload.props[key]! : { k: 'dyn', text: 'a message without a `type` field' };
  }
  return { k: 'member', obj: payload, prop: 'type' };
}

/** `JSON.stringify(x)` / `json.dumps(x)` → x; null for anything else. */
export function serialised(s: Sym | undefined): Sym | null {
  if (!s || s.k !== 'call' || s.callee.k !== 'member') return null;
  const o = s.callee.obj;
  const ok = (o.k === 'ref' && o.name === 'JSON' && s.callee.prop === 'stringify') || (o.k === 'ref' && o.name === 'json' && s.callee.prop === 'dumps');
  return ok ? (s.args[0] ?? null) : null;
}

/** Evaluate each declaration's name; a name that is not one known string is kept as null (unresolved). */
export function linkEvents(decls: readonly EventDecl[], ctx: LinkContext): EventFact[] {
  return decls.map((d) => {
    const p = ctx.pathText(d.name, d.file, d.fn);
    const name = p.unresolved.length === 0 && p.text !== '' && !/[{}]/.test(p.text) ? p.text : null;
    const arg = d.arg === undefined ? undefined : 'shape' in d.arg ? d.arg : argShape(ctx.value(d.arg, d.file, d.fn));
    return { file: d.file, span: d.span, side: d.side, channel: d.channel, name, ...(d.role ? { role: d.role } : {}), ...(arg ? { arg } : {}), ...(d.reads ? { reads: d.reads } : {}) };
  });
}

/** An evaluated payload: an object literal (no spread) or a string; anything else is not judged. */
function argShape(v: Value): ArgShape | undefined {
  if (v.t === 'obj' && v.spreads.length === 0) return { shape: 'object', keys: Object.keys(v.props) };
  if (v.t === 'str' && v.parts.every((p) => 'lit' in p)) return { shape: 'string' };
  return undefined;
}
