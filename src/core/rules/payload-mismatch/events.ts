/**
 * The Socket.IO side of payload-mismatch: an event one end emits with an object literal while every
 * handler of it at the other end uses its argument as a string only (seed 001: `emit('conversation:join',
 * { conversation_id })` against `(conversationId) => socket.join(`conversation:${conversationId}`)`).
 */
import type { EventFact } from '../../frameworks/types';
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
