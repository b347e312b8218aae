/**
 * Where Django starts resolving URLs: the `ROOT_URLCONF` of the settings module that `manage.py` (or
 * `asgi.py`/`wsgi.py`) names in `DJANGO_SETTINGS_MODULE`, else of any settings file; without one, every
 * URLconf no other includes, each route marked partial with the reason. Channels' `ProtocolTypeRouter`
 * gives the WebSocket roots (through middleware stacks down to `URLRouter`), else `websocket_urlpatterns`.
 */
import type { Value } from '../../../resolve/evaluate';
import { extName } from '../../../resolve/evaluate';
import type { ConfDecl } from '../../types';
import { includeModule, walkPatterns } from './urlconf';
import type { DjangoLink, Prefix } from './walk';

const ROOT: Prefix = { text: '', notes: [], kind: 'http', via: [] };

/** Link every route reachable from the root URLconfs and the ASGI application's WebSocket router. */
export function linkAll(link: DjangoLink, decls: readonly ConfDecl[]): void {
  const roots = rootUrlconfs(link, decls);
  for (const r of roots) includeModule(link, r.file, ROOT, r.at);
  if (roots.length === 0) fallbackRoots(link, decls);
  websocketRoots(link, decls);
}

interface RootConf {
  readonly file: string;
  readonly at: { file: string; span: ConfDecl['span'] };
}

function rootUrlconfs(link: DjangoLink, decls: readonly ConfDecl[]): RootConf[] {
  const fromSettings = (settingsFile: string, d: ConfDecl): RootConf | null => {
    const v = link.ev.exported(settingsFile, 'ROOT_URLCONF', new Set());
    return v ? urlconfFile(link, v, settingsFile, d) : null;
  };
  const out = new Map<string, RootConf>();
  for (const d of decls) {
    if (d.name !== 'settings-module') continue;
    const spec = link.text(d.value, d);
    const settings = spec === null ? null : link.ev.program.resolveImport(d.file, spec);
    const r = settings === null ? null : fromSettings(settings, d);
    if (r) out.set(r.file, r);
  }
  if (out.size) return [...out.values()];
  for (const d of decls) {
    if (d.name !== 'root-urlconf') continue;
    const r = urlconfFile(link, link.value(d.value, d), d.file, d);
    if (r) out.set(r.file, r);
  }
  return [...out.values()];
}

function urlconfFile(link: DjangoLink, v: Value, from: string, d: ConfDecl): RootConf | null {
  if (v.t !== 'str') return null;
  const t = link.ctx.valueText(v);
  const file = t.unresolved.length ? null : link.ev.program.resolveImport(from, t.text);
  return file === null ? null : { file, at: { file: d.file, span: d.span } };
}

/** No root URLconf found: every URLconf no other one includes is served as a root, partial. */
function fallbackRoots(link: DjangoLink, decls: readonly ConfDecl[]): void {
  const candidates = [...new Set(decls.filter((d) => d.name === 'urlconf').map((d) => d.file))];
  const included = new Set<string>();
  for (const c of candidates) {
    const probe = link.fork();
    includeModule(probe, c, ROOT, { file: c, span: { line: 1, column: 1, endLine: 1, endColumn: 1 } });
    for (const f of probe.visited) if (f !== c) included.add(f);
  }
  const note = 'no ROOT_URLCONF was found in the settings; served from a URLconf no other one includes';
  for (const c of candidates) {
    if (included.has(c)) continue;
    includeModule(link, c, { ...ROOT, notes: [note] }, { file: c, span: { line: 1, column: 1, endLine: 1, endColumn: 1 } });
  }
}

function websocketRoots(link: DjangoLink, decls: readonly ConfDecl[]): void {
  const ws: Prefix = { ...ROOT, kind: 'websocket' };
  const asgi = decls.filter((d) => d.name === 'asgi');
  let found = false;
  for (const d of asgi) {
    if (d.value.k !== 'call') continue;
    const protocols = link.value(d.value.args[0] ?? d.value.kw?.['application_mapping'] ?? { k: 'dyn', text: '' }, d);
    if (protocols.t !== 'obj' || !protocols.props['websocket']) continue;
    found = true;
    urlRouterOf(link, link.value(protocols.props['websocket'], protocols.ctx), ws, 0);
  }
  if (found) return;
  for (const d of decls) {
    if (d.name !== 'ws-urlconf') continue;
    walkPatterns(link, d.value, d, ws);
  }
}

/** Down through middleware (`AuthMiddlewareStack(URLRouter(...))`) to the `URLRouter`'s patterns. */
function urlRouterOf(link: DjangoLink, v: Value, prefix: Prefix, depth: number): void {
  if (v.t !== 'call' || depth > 8) return;
  const inner = v.args[0];
  if (!inner) return;
  if (extName(v.callee) === 'URLRouter') return walkPatterns(link, inner, { file: v.ctx.file, fn: v.ctx.fn }, prefix);
  urlRouterOf(link, link.ev.evaluate(inner, v.ctx), prefix, depth + 1);
}
