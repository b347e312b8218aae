/**
 * Plain WebSocket message kinds a Python server sends: FastAPI/Starlette `websocket.send_json({...})`,
 * `send_text(json.dumps({...}))`, the `websockets` library's `send(json.dumps({...}))`, and Django
 * Channels consumers' `self.send(text_data=json.dumps({...}))` / `self.send_json(content={...})`. The
 * kind is the payload's discriminator (`type`, `kind`, `event` …); a payload whose kind cannot be
 * evaluated is kept unresolved. Channel-layer `group_send` messages (`{"type": "chat.message"}` names a
 * handler method, not a client message kind) are not read. Handled kinds (`data["type"] == …`) are not read yet.
 */
import { memberCallOf } from '../../../resolve/patterns';
import { linkEvents, messageKind, serialised } from '../../../resolve/messages';
import { hasManifest } from '../../../project/projects';
import type { Sym } from '../../../resolve/sym';
import { defineFramework, type EventDecl } from '../../types';

const MARKERS = /\.send_json\(|\.send_text\(\s*json\.dumps|\.send\(\s*(text_data\s*=\s*)?json\.dumps/;

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
    accepts: (f, text) => f.ext === '.py' && MARKERS.test(text),
    extract(file) {
      const decls: EventDecl[] = [];
      for (const call of file.py?.calls ?? []) {
        const c = memberCallOf(call);
        const payload = c ? payloadOf(c.name, c.args, c.kw) : null;
        if (payload) decls.push({ t: 'event', file: file.ref.path, fn: call.fn, side: 'send', channel: 'websocket', name: messageKind(payload), span: call.anchor, role: 'server' });
      }
      return decls;
    },
    link: linkEvents,
  },
});
