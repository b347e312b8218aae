/**
 * NestJS gateways: `@WebSocketGateway(port?, { namespace })` classes and their `@SubscribeMessage('event')`
 * handlers, as Socket.IO events the server receives, on the gateway's namespace (`/` by default).
 */
import type { BackendDecl, LinkContext, LinkedRoute } from '../../types';
import type { Setting } from '../settings';
import { classKey, member, type NestGraph } from './modules';

export function gatewayRoutes(decls: readonly BackendDecl[], graph: NestGraph, ctx: LinkContext): LinkedRoute[] {
  const out: LinkedRoute[] = [];
  for (const d of decls) {
    if (d.t !== 'route' || d.kind !== 'socketio' || !d.owner || !d.meta?.['event']) continue;
    const key = classKey(ctx.value(d.owner, d.file, d.fn));
    const gateway = key ? graph.gateways.get(key) : undefined;
    if (!gateway) continue;
    const ns = namespaceOf(gateway, ctx);
    const event = ctx.pathText(d.meta['event'], d.file, d.fn);
    const notes = [...ns.notes, ...event.unresolved.map((u) => `event name ${u} could not be resolved statically`)];
    out.push({ file: d.file, span: d.span, kind: 'socketio', method: '*', path: ns.path, handler: d.handler, confidence: notes.length ? 'partial' : 'exact', notes, event: event.text, side: 'receive' });
  }
  return out;
}

function namespaceOf(g: Setting, ctx: LinkContext): { path: string; notes: string[] } {
  for (const a of g.args) {
    const v = ctx.value(a, g.file, g.fn);
    if (v.t !== 'obj') continue;
    const ns = member(ctx, v, 'namespace');
    if (ns.t === 'unknown' && ns.absent) break;
    const t = ctx.valueText(ns);
    const path = t.text.startsWith('/') ? t.text : `/${t.text}`;
    return { path, notes: t.unresolved.map((u) => `namespace ${u} could not be resolved statically`) };
  }
  return { path: '/', notes: [] };
}
