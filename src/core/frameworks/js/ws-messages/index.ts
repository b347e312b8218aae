/**
 * Plain WebSocket message kinds in JS/TS (browser clients and Node `ws` servers): what a file sends
 * (`ws.send(JSON.stringify({ type: "chat", … }))`) and which kinds it handles (`switch (msg.type)` cases,
 * `if (data.type === "status")`). Only files that use a WebSocket API (`new WebSocket`, `onmessage`, a
 * `message` listener, `WebSocketServer`) are read, so a `user.type === "admin"` elsewhere is never taken
 * for a message kind. Which side a file is on is decided by the events relation (its service).
 */
import { memberCallOf } from '../../../resolve/patterns';
import { linkEvents, messageKind, serialised } from '../../../resolve/messages';
import { hasManifest } from '../../../project/projects';
import { defineFramework, type EventDecl } from '../../types';

/** Files that are one end only: a Node server (`ws`'s `WebSocketServer`, a `connection` listener) or a browser client. */
const SERVER = /WebSocketServer|\.on\(\s*['"`]connection['"`]/;
const CLIENT = /new\s+WebSocket\s*\(|\.onmessage\s*=|useWebSocket/;
/** A DOM event's own `type` (`event.type === "close"`) is never a message kind. */
const DOM_EVENT = /^(e|ev|evt|event)\.type$/;

function roleOf(text: string): { role?: 'server' | 'client' } {
  const server = SERVER.test(text);
  const client = CLIENT.test(text);
  return server === client ? {} : { role: server ? 'server' : 'client' };
}

const MARKERS = /new\s+WebSocket\b|WebSocketServer|\.onmessage\b|addEventListener\(\s*['"`]message['"`]|\.on\(\s*['"`]message['"`]|useWebSocket/;

export default defineFramework({
  id: 'ws-messages',
  title: 'WebSocket messages (JS)',
  language: 'js',
  supports: { websocket: true },
  detection: { deps: [], noteWhenNoRoutes: false },
  detect: (p) => hasManifest(p, 'node'),
  events: {
    languages: ['js'],
    accepts: (f, text) => !f.path.endsWith('.d.ts') && MARKERS.test(text),
    extract(file) {
      const decls: EventDecl[] = [];
      const role = roleOf(file.text);
      for (const call of file.js?.calls ?? []) {
        const c = memberCallOf(call);
        const payload = c && c.name === 'send' ? serialised(c.args[0]) : null;
        if (payload) decls.push({ t: 'event', file: file.ref.path, fn: call.fn, side: 'send', channel: 'websocket', name: messageKind(payload), span: call.anchor, ...role, arg: payload });
      }
      for (const d of file.js?.discriminants ?? []) {
        if (DOM_EVENT.test(d.subject)) continue;
        decls.push({ t: 'event', file: file.ref.path, fn: d.fn, side: 'receive', channel: 'websocket', name: { k: 'str', v: d.value }, span: d.span, ...role, ...(d.reads ? { reads: d.reads } : {}) });
      }
      return decls;
    },
    link: linkEvents,
  },
});
