/**
 * The real-time side of payload-mismatch. Socket.IO: an event one end emits with an object literal while every
 * handler of it at the other end uses its argument as a string only (seed 001: `emit('conversation:join',
 * { conversation_id })` against `(conversationId) => socket.join(`conversation:${conversationId}`)`).
 */
import type { EventFact } from '../../frameworks/types';
import { caseStyle, styleless } from '../../relations/payload/shape';
import { nearestKind } from '../../relations/events/nearest';
import type { Finding } from '../types';

export function eventArgFindings(facts: readonly EventFact[]): Finding[] {
  const out: Finding[] = [];
  for (const send of facts) {
    if (send.channel !== 'socketio' || send.side !== 'send' || send.name === null || send.arg?.shape !== 'object' || !send.role) continue;
    const handlers = facts.filter((f) => f.channel === 'socketio' && f.side === 'receive' && f.name === send.name && f.role !== undefined && f.role !== send.role);
    if (handlers.length === 0 || !handlers.every((h) => h.arg?.shape === 'string')) continue;
    const other = send.role === 'client' ? 'server' : 'client';
    const keys = send.arg.keys.map((k) => `${k}`).join(', ');
    out.push({
      method: null,
      path: null,
      event: send.name,
      file: send.file,
      ...send.span,
      message: `Emits Socket.IO event \`${send.name}\` with an object (\`{ ${keys} }\`), but the ${other} handler uses its argument as a string.`,
      related: handlers.slice(0, 3).map((h) => ({ file: h.file, line: h.span.line, column: h.span.column, message: `handles \`${send.name}\`, using its argument as a string` })),
      subject: `event:${send.file}:${send.span.line}:${send.span.column}`,
    });
  }
  return out;
}

/**
 * The WebSocket side: a handler of message kind `k` reads a field (`msg.payload` under `case "jobStatus":`)
 * that no message of kind `k` from the other end carries. Judged only when the handler's every use of the
 * message is a named field, and every send of that kind at the other end is one literal object.
 */
export function wsReadFindings(facts: readonly EventFact[]): Finding[] {
  const out: Finding[] = [];
  for (const h of facts) {
    if (h.channel !== 'websocket' || h.side !== 'receive' || h.name === null || !h.role || !h.reads?.length) continue;
    const sends = facts.filter((f) => f.channel === 'websocket' && f.side === 'send' && f.name === h.name && f.role !== undefined && f.role !== h.role);
    if (sends.length === 0 || !sends.every((s) => s.arg?.shape === 'object')) continue;
    const keys = [...new Set(sends.flatMap((s) => (s.arg?.shape === 'object' ? s.arg.keys : [])))];
    const missing = h.reads.filter((r) => !keys.includes(r));
    if (missing.length === 0) continue;
    const other = h.role === 'client' ? 'server' : 'client';
    const hints = missing.map((field) => {
      const same = keys.find((k) => styleless(k) === styleless(field));
      if (same) return ` \`${field}\` and \`${same}\` differ only in case style (${caseStyle(field)} against ${caseStyle(same)}).`;
      const near = nearestKind(field, keys);
      return near ? ` Did you mean \`${near}\`?` : '';
    });
    const fields = keys.map((k) => `\`${k}\``).join(', ');
    out.push({
      method: null,
      path: null,
      event: h.name,
      file: h.file,
      ...h.span,
      message: `Handles WebSocket message \`${h.name}\` reading ${missing.map((f) => `\`${f}\``).join(', ')}, but the ${other} sends \`${h.name}\` with ${fields} only.${hints.join('')}`,
      related: sends.slice(0, 3).map((s) => ({ file: s.file, line: s.span.line, column: s.span.column, message: `sends \`${h.name}\` with ${fields}` })),
      subject: `event:${h.file}:${h.span.line}:${h.span.column}`,
    });
  }
  return out;
}
