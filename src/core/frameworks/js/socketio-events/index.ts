/**
 * Socket.IO events, both ends: `socket.on("addMonitor", …)` handlers and `emit("monitorList", …)` calls
 * (`socket.emit`, `io.to(room).emit`, `socket.broadcast.emit`, `this.$root.getSocket().emit`). Only calls on
 * a receiver that names a socket (`socket`, `io`, `nsp`, `getSocket()` …) with a literal or evaluable event
 * name are read, so other emitters (`process.on`, a Vue `$emit`, a Node `EventEmitter`) are left alone; the
 * library's reserved events (`connect`, `disconnect` …) and Node's socket events (`data`, `timeout`, `secureConnect`
 * …, in files opening `net`/`tls`/`dgram` sockets none are read) are not message kinds. An acknowledgement callback
 * as the last argument is part of the call, not an event. The end a file is on: a component (`.vue`,
 * `.svelte`), a file importing `socket.io-client` or calling the browser's global `io()` is a client; one importing `socket.io` or listening for
 * `connection` is a server; otherwise its project decides (see relations/events).
 */
import { memberCallOf } from '../../../resolve/patterns';
import { linkEvents } from '../../../resolve/messages';
import { hasDependency } from '../../../project/projects';
import type { Sym } from '../../../resolve/sym';
import { defineFramework, type EventDecl, type ParsedFile } from '../../types';
import { handlerArgUse, sentArg } from './args';

const RESERVED = new Set(['connect', 'connection', 'disconnect', 'disconnecting', 'connect_error', 'error', 'reconnect', 'reconnect_attempt', 'reconnect_error', 'reconnect_failed', 'ping', 'newListener', 'removeListener']);
/** Events of Node's own sockets and streams (`net`, `tls`, `dgram`): a `socket.on("data")` there is not Socket.IO. */
const NODE_SOCKET_EVENTS = new Set(['data', 'end', 'close', 'timeout', 'drain', 'lookup', 'ready', 'secureConnect', 'listening', 'finish', 'message', 'session', 'keylog', 'OCSPResponse']);
/** A file that opens Node sockets (`net`, `tls`, `dgram`) and does not import Socket.IO: its `socket` is not one. */
const NODE_SOCKETS = /require\(\s*['"](node:)?(net|tls|dgram)['"]\s*\)|from\s+['"](node:)?(net|tls|dgram)['"]/;
const SOCKETISH = /(^|[.(])(socket|sock|io|nsp|namespace|getSocket)\b|socket/i;
const SERVER = /require\(\s*['"]socket\.io['"]\s*\)|from\s+['"]socket\.io['"]|\.on\(\s*['"]connection['"]/;
const CLIENT = /socket\.io-client/;

/** `io.to(room)` → `io.to()`: enough of a receiver to tell a socket from another emitter. */
function receiverText(s: Sym): string {
  if (s.k === 'ref') return s.name;
  if (s.k === 'member') return `${receiverText(s.obj)}.${s.prop}`;
  if (s.k === 'call') return `${receiverText(s.callee)}()`;
  if (s.k === 'param') return s.name;
  return '';
}

/** `io(…)` with `io` neither imported nor defined: the browser global the Socket.IO client script defines. */
function globalIo(js: ParsedFile['js']): boolean {
  if (!js || 'io' in js.module.imports || 'io' in js.module.bindings) return false;
  return js.calls.some((c) => c.callee.k === 'ref' && c.callee.name === 'io');
}

function roleOf(language: string, text: string, browserGlobal: boolean): { role?: 'server' | 'client' } {
  if (language === 'markup' || CLIENT.test(text) || browserGlobal) return { role: 'client' };
  if (SERVER.test(text)) return { role: 'server' };
  return {};
}

export default defineFramework({
  id: 'socketio-events',
  title: 'Socket.IO events',
  language: 'js',
  supports: { websocket: true },
  detection: { deps: ['socket.io', 'socket.io-client'], noteWhenNoRoutes: false },
  detect: (p) => hasDependency(p, 'socket.io') || hasDependency(p, 'socket.io-client'),
  events: {
    languages: ['js'],
    accepts: (_f, text) => /\.(emit|on|once)\(/.test(text) && /socket|\bio\b/i.test(text),
    extract(file) {
      const decls: EventDecl[] = [];
      if (NODE_SOCKETS.test(file.text) && !/socket\.io/.test(file.text)) return decls;
      const role = roleOf(file.ref.language, file.text, globalIo(file.js));
      for (const call of file.js?.calls ?? []) {
        const c = memberCallOf(call);
        if (!c || !['emit', 'on', 'once'].includes(c.name) || !c.args[0] || !SOCKETISH.test(receiverText(c.owner))) continue;
        const name = c.args[0];
        if (name.k === 'str' && (RESERVED.has(name.v) || NODE_SOCKET_EVENTS.has(name.v))) continue;
        const handler = c.args[1];
        const arg = c.name === 'emit' ? sentArg(c.args) : handler?.k === 'func' ? handlerArgUse(handler.id, file.js!.calls, file.js!.module) : undefined;
        decls.push({ t: 'event', file: file.ref.path, fn: call.fn, side: c.name === 'emit' ? 'send' : 'receive', channel: 'socketio', name, span: call.anchor, ...role, ...(arg ? { arg } : {}) });
      }
      return decls;
    },
    link: linkEvents,
  },
});
