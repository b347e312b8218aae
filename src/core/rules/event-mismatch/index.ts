/**
 * event-mismatch: a real-time message kind one end sends that no handler on the other end accepts, or
 * one a handler accepts that the other end never sends (seed 003: the server sends `jobStatus` while
 * the client's `switch (msg.type)` handles `status`). Kinds that cannot be evaluated are never paired by
 * guess (see relations/events for when a direction is judged at all).
 */
import type { GapRule } from '../types';

const CHANNEL: Readonly<Record<string, string>> = { websocket: 'WebSocket message', socketio: 'Socket.IO event', sse: 'server-sent event' };

const rule: GapRule = {
  meta: {
    kind: 'event-mismatch',
    title: 'Event mismatches',
    name: 'EventMismatch',
    short: 'A real-time message kind one end sends and the other never handles, or handles and never receives.',
    full: 'A WebSocket (or Socket.IO) message kind is sent by one end of the connection and handled by no code at the other end, or is handled by one end and never sent by the other. Such messages are dropped silently (a `switch` falls through), so real-time updates quietly fall back to polling or never happen. Rename one side, or add the missing handler.',
    defaultSeverity: 'warning',
    configurable: true,
    subject: 'endpoint',
  },
  check({ relations }) {
    return relations.events.mismatches.map((m) => {
      const other = m.from === 'server' ? 'client' : 'server';
      const what = CHANNEL[m.fact.channel] ?? `${m.fact.channel} message`;
      const near = m.nearest ? ` Did you mean \`${m.nearest}\`?` : '';
      const message =
        m.problem === 'not-handled'
          ? `The ${m.from} sends ${what} \`${m.fact.name}\`, but no ${other} handler accepts it.${near}`
          : `This ${other} handles ${what} \`${m.fact.name}\`, but the ${m.from} never sends it.${near}`;
      const { file, span } = m.fact;
      return {
        method: null,
        path: null,
        event: m.fact.name,
        file,
        ...span,
        message,
        related: m.others.map((o) => ({ file: o.file, line: o.span.line, column: o.span.column, message: `${o.side === 'send' ? 'sends' : 'handles'} ${o.name === null ? 'an unresolved kind' : `\`${o.name}\``}` })),
        subject: `event:${file}:${span.line}:${span.column}`,
      };
    });
  },
};
export default rule;
