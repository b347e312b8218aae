import { handlerName, memberCallOf } from '../../../resolve/patterns';
import type { Sym } from '../../../resolve/sym';
import { defineFramework, type BackendDecl, type MountDecl, type RouteDecl } from '../../types';
import { linkSocketEvents } from './link';

const MARKERS = /socket|\bio\b|\bnsp\b|\.of\s*\(|["'`]connect(?:ion)?["'`]/i;

/** Events Socket.IO itself raises on a server socket: lifecycle, not messages a client sends. */
const RESERVED = new Set(['connect', 'connection', 'connect_error', 'disconnect', 'disconnecting', 'error', 'newListener', 'removeListener']);

/**
 * Socket.IO server: the events a server handles (`socket.on("event", …)` on a connection's socket, in the
 * connection callback or in a helper it passes the socket to) and the events it emits (`socket.emit`,
 * `socket.to(room).emit`, `io.emit`, `io.to(room).emit`, `nsp.emit`), per namespace (`io.of("/admin")`).
 * They are `socketio` endpoints (the path is the namespace, `event` the name), apart from the HTTP API.
 * Extraction records three shapes; `link` decides which receivers are Socket.IO sockets:
 * - `X.on("connection", cb)`: a mount of `cb` under `X` (prefix: `"connection"`);
 * - a call inside a function that passes one of its parameters on (`handler(socket)`): a mount of the
 *   callee under that parameter (prefix: the argument's index);
 * - `R.on(name, h)` / `R.emit(name, …)`: an event on receiver `R`.
 */
export default defineFramework({
  id: 'socket-io',
  title: 'Socket.IO',
  language: 'js',
  docs: 'https://socket.io/docs/v4/server-api/',
  supports: { crossModule: true, websocket: true },
  detection: { deps: ['socket.io'], noteWhenNoRoutes: false },
  routes: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract(file) {
      const decls: BackendDecl[] = [];
      for (const call of file.js!.calls) {
        const at = { file: file.ref.path, fn: call.fn, span: call.anchor };
        passedParams(call.callee, call.args, at, decls);
        const c = memberCallOf(call);
        if (!c || !c.args[0]) continue;
        const name = c.args[0];
        if ((c.name === 'on' || c.name === 'once') && name.k === 'str' && (name.v === 'connection' || name.v === 'connect') && c.args[1]) {
          decls.push({ t: 'mount', ...at, parent: c.owner, child: c.args[1], prefix: { k: 'str', v: 'connection' } } satisfies MountDecl);
        } else if ((c.name === 'on' || c.name === 'once') && c.args.length >= 2 && isEventName(name)) {
          if (name.k === 'str' && RESERVED.has(name.v)) continue;
          decls.push({ t: 'route', ...at, kind: 'socketio', methods: ['*'], owner: c.owner, path: name, handler: handlerName(c.args[c.args.length - 1]), side: 'receive' } satisfies RouteDecl);
        } else if ((c.name === 'emit' || c.name === 'emitWithAck') && isEventName(name)) {
          if (name.k === 'str' && RESERVED.has(name.v)) continue;
          decls.push({ t: 'route', ...at, kind: 'socketio', methods: ['*'], owner: c.owner, path: name, handler: null, side: 'send' } satisfies RouteDecl);
        }
      }
      return decls;
    },
    link: linkSocketEvents,
  },
});

/** An event name as written: a string, a template, a concatenation or a constant (never a function). */
function isEventName(s: Sym): boolean {
  return s.k === 'str' || s.k === 'concat' || s.k === 'ref' || s.k === 'member';
}

/** `helper(socket, …)` inside a function whose parameter `socket` is: the helper receives it too. */
function passedParams(callee: Sym, args: readonly Sym[], at: Pick<RouteDecl, 'file' | 'fn' | 'span'>, decls: BackendDecl[]): void {
  if (at.fn === null) return;
  args.forEach((a, i) => {
    if (a.k === 'param' && callee.k !== 'member') decls.push({ t: 'mount', ...at, parent: a, child: callee, prefix: { k: 'num', v: i } });
    else if (a.k === 'param' && callee.k === 'member' && !['on', 'once', 'emit', 'to', 'in', 'join', 'leave', 'push', 'log', 'error', 'warn', 'info', 'debug'].includes(callee.prop)) {
      decls.push({ t: 'mount', ...at, parent: a, child: callee, prefix: { k: 'num', v: i } });
    }
  });
}
