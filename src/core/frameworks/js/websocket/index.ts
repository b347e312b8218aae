import { stripGlobal } from '../../../resolve/evaluate';
import { defineFramework } from '../../types';
import { callDecls } from '../callDecls';

const MARKERS = /\bnew\s+(?:[\w$]+\.)?(?:WebSocket|ReconnectingWebSocket|Sockette)\s*\(|\buseWebSocket\s*\(/;
/** Constructors that open a WebSocket to their first argument: the browser's, `ws`'s, and wrappers that keep its signature. */
const CONSTRUCTORS = new Set([
  'WebSocket',
  'ws',
  'ws.default',
  'ws.WebSocket',
  'isomorphic-ws',
  'isomorphic-ws.default',
  'reconnecting-websocket',
  'reconnecting-websocket.default',
  'sockette',
  'sockette.default',
]);
/** Hooks that open a WebSocket to their first argument (react-use-websocket, VueUse). */
const HOOKS = new Set(['react-use-websocket', 'react-use-websocket.default', 'react-use-websocket.useWebSocket', '@vueuse/core.useWebSocket']);

/**
 * WebSocket clients: `new WebSocket(url)` (the browser's, or the `ws` package's), reconnecting wrappers
 * (`new ReconnectingWebSocket(url)`, `new Sockette(url)`) and hooks (`useWebSocket(url)`). Each opens
 * one connection, matched to the WebSocket endpoints of the service its URL reaches; a URL on the
 * page's own host (`${proto}://${location.host}/ws/…`) is read as relative. The messages sent over
 * it are the events relation's (`ws-messages`).
 */
export default defineFramework({
  id: 'websocket',
  title: 'WebSocket clients',
  language: 'js',
  docs: 'https://developer.mozilla.org/docs/Web/API/WebSocket/WebSocket',
  supports: { crossModule: true, envBase: true, websocket: true },
  detection: { deps: [] },
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    // Any constructor (an import may be renamed: `import RWS from 'reconnecting-websocket'`); `resolve` keeps the known ones.
    extract: (file) => callDecls(file, (c) => !!c.args[0] && (c.isNew || (c.callee.k === 'ref' ? c.callee.name : c.callee.k === 'member' ? c.callee.prop : '').endsWith('useWebSocket'))),
    resolve(decl, ctx) {
      const callee = ctx.value(decl.callee, decl);
      if (callee.t !== 'ext') return null;
      const path = stripGlobal(callee.path);
      const hook = HOOKS.has(path);
      if (!hook && !CONSTRUCTORS.has(path)) return null;
      const client = hook ? 'useWebSocket' : path === 'WebSocket' ? 'WebSocket' : path.replace(/\.default$/, '');
      return { client, kind: 'websocket', method: { t: 'str', parts: [{ lit: 'GET' }] }, defaultMethod: 'GET', url: ctx.value(decl.args[0]!, decl), base: null, via: [] };
    },
  },
});
