/**
 * Plain WebSocket message kinds a Python server sends: FastAPI/Starlette `websocket.send_json({...})`,
 * `send_text(json.dumps({...}))`, the `websockets` library's `send(json.dumps({...}))`, and Django
 * Channels consumers' `self.send(text_data=json.dumps({...}))` / `self.send_json(content={...})`. The
 * kind is the payload's discriminator (`type`, `kind`, `event` …); a payload whose kind cannot be
 * evaluated is kept unresolved. Channel-layer `group_send` messages (`{"type": "chat.message"}` names a
 * handler method, not a client message kind) are followed to the consumer method that forwards them to
 * the socket (`channelLayer.ts`); their own type is never a client kind. The kinds the server handles are its
 * discriminator tests (`data["type"] == "chat"`, `match msg["type"]`) in files that handle WebSockets.
 */
import { memberCallOf } from '../../../resolve/patterns';
import { linkEvents, messageKind, serialised } from '../../../resolve/messages';
import { followLayer, forwardOf, layerMessage } from './channelLayer';
import { hasManifest } from '../../../project/projects';
import type { Sym } from '../../../resolve/sym';
import { defineFramework, type EventDecl } from '../../types';

const MARKERS = /\.send_json\(|\.send_text\(\s*json\.dumps|\.send\(\s*(text_data\s*=\s*)?json\.dumps|\.group_send\b/;
/** Files that handle WebSockets: only there are `data["type"] == "x"` tests read as handled kinds. */
const HANDLER = /WebSocket\b|WebsocketConsumer|receive_json|receive_text|websockets\.serve|async for \w+ in websocket/;

function payloadOf(name: string, args: readonly Sym[], kw: Readonly<Record<string, Sym>>): Sym | null {
  if (name === 'send_json') return args[0] ?? kw['content'] ?? kw['data'] ?? null;
  if (name === 'send_text' || name === 'send') return serialised(args[0] ?? kw['text_data'] ?? kw['data'] ?? kw['message']);
  return null;
}

export default defineFramework({
  id: 'ws-messages-py',
  title: 'WebSocket messages (Python)',
  language: 'python',
  supports: { websocket: true },
  detection: { deps: [], noteWhenNoRoutes: false },
  detect: (p) => hasManifest(p, 'python'),
  events: {
    languages: ['python'],
    accepts: (f, text) => f.ext === '.py' && (MARKERS.test(text) || HANDLER.test(text)),
    extract(file) {
      const decls: EventDecl[] = [];
      for (const call of file.py?.calls ?? []) {
        const layer = layerMessage(call);
        if (layer) {
          decls.push({ t: 'event', file: file.ref.path, fn: call.fn, side: 'send', channel: 'websocket', name: messageKind(layer), span: call.anchor, role: 'server', arg: layer, layer: true });
          continue;
        }
        const c = memberCallOf(call);
        const payload = c ? payloadOf(c.name, c.args, c.kw) : null;
        if (!payload) continue;
        const forward = forwardOf(payload, call.fn ? file.py?.module.functions[call.fn] : undefined, file.py?.module.bindings ?? {});
        decls.push({ t: 'event', file: file.ref.path, fn: call.fn, side: 'send', channel: 'websocket', name: messageKind(payload), span: call.anchor, role: 'server', arg: payload, ...(forward ? { forward } : {}) });
      }
      if (HANDLER.test(file.text)) {
        for (const d of file.py?.discriminants ?? []) decls.push({ t: 'event', file: file.ref.path, fn: null, side: 'receive', channel: 'websocket', name: { k: 'str', v: d.value }, span: d.span, role: 'server' });
      }
      return decls;
    },
    link: (decls, ctx) => linkEvents(followLayer(decls, ctx), ctx),
  },
});
