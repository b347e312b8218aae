/**
 * Django Channels' channel layer, followed to the socket. Code outside the consumer pushes with
 * `async_to_sync(channel_layer.group_send)(group, {"type": "job.event", "payload": {...}})` (or `await
 * layer.group_send(...)`); the layer calls the consumer method the type names (`job.event` → `job_event`),
 * which forwards what it was given: `self.send_json(event["payload"])`, or the whole message
 * (`self.send_json(event)`, whose type is then the layer's `job.event`). The message kinds the browser
 * sees are those of the forwarded values, sent where `group_send` is called.
 *
 * A forwarding method no `group_send` names, or one named by a `group_send` whose type cannot be
 * evaluated, keeps its own send unresolved: what it forwards is unknown, so no client kind is "never sent".
 */
import { messageKind } from '../../../resolve/messages';
import type { PyCall } from '../../../lang/python/calls';
import type { FunctionFact, Sym } from '../../../resolve/sym';
import type { EventDecl, LinkContext } from '../../types';

/** The `group_send` call's message (the dict after the group), or null when `call` is no `group_send`. */
export function layerMessage(call: PyCall): Sym | null {
  const c = call.callee;
  const direct = c.k === 'member' && c.prop === 'group_send';
  // `async_to_sync(layer.group_send)(group, message)`
  const wrapped = c.k === 'call' && c.callee.k === 'ref' && c.callee.name === 'async_to_sync' && c.args[0]?.k === 'member' && c.args[0].prop === 'group_send';
  if (!direct && !wrapped) return null;
  return call.args[1] ?? call.kw['message'] ?? null;
}

/**
 * A send of a consumer method that forwards its channel-layer message: the payload is the method's
 * first parameter after `self` (`event`) or one of its fields (`event["payload"]`). Null otherwise.
 */
export function forwardOf(sent: Sym, fn: FunctionFact | undefined, bindings: Readonly<Record<string, Sym>>): EventDecl['forward'] | null {
  if (!fn || !fn.name.includes('.')) return null;
  // `message = event["message"]; await self.send_json(message)`
  const payload = sent.k === 'ref' && bindings[sent.name] ? bindings[sent.name]! : sent;
  const method = fn.name.slice(fn.name.lastIndexOf('.') + 1);
  const isEvent = (s: Sym) => s.k === 'param' && s.fn === fn.id && s.index === 1;
  if (isEvent(payload)) return { method, key: null };
  if (payload.k === 'member' && isEvent(payload.obj)) return { method, key: payload.prop };
  return null;
}

/** The consumer method a layer message's type names (`job.event` → `job_event`); null when the type is not known. */
function handlerName(d: EventDecl, ctx: LinkContext): string | null {
  const msg = d.arg as Sym;
  const type: Sym = msg.k === 'obj' ? (msg.props['type'] ?? { k: 'dyn', text: 'no type' }) : { k: 'member', obj: msg, prop: 'type' };
  const p = ctx.pathText(type, d.file, d.fn);
  return p.unresolved.length === 0 && p.text !== '' ? p.text.replace(/\./g, '_') : null;
}

/** What the browser gets from a forwarded layer message: the message itself or its field `key`. */
function forwarded(msg: Sym, key: string | null): Sym {
  if (key === null) return msg;
  return msg.k === 'obj' && msg.props[key] ? msg.props[key] : { k: 'member', obj: msg, prop: key };
}

/**
 * The declarations with the channel layer followed: layer messages are dropped (no socket sees them),
 * and each forwarding send becomes one send per `group_send` that names its method, at that call.
 */
export function followLayer(decls: readonly EventDecl[], ctx: LinkContext): EventDecl[] {
  const layer = decls.filter((d) => d.layer && d.arg !== undefined && !('shape' in d.arg));
  const names = layer.map((d) => handlerName(d, ctx));
  const anyUnknown = names.some((n) => n === null);
  const out: EventDecl[] = [];
  for (const d of decls) {
    if (d.layer) continue;
    if (!d.forward) {
      out.push(d);
      continue;
    }
    const { method, key } = d.forward;
    const from = layer.filter((_, i) => names[i] === method);
    // Not every message it may get is known: its own send stays (unresolved).
    if (from.length === 0 || anyUnknown) out.push(d);
    for (const l of from) {
      const msg = forwarded(l.arg as Sym, key);
      out.push({ t: 'event', file: l.file, fn: l.fn, side: 'send', channel: 'websocket', name: messageKind(msg), span: l.span, role: 'server', arg: msg });
    }
  }
  return out;
}
