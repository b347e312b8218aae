/**
 * The events relation: real-time message kinds one end sends ↔ the kinds the other end handles, per
 * channel (`websocket`; `socketio` plugs in through the same `events` contributions). The ends: a
 * file's role when its plugin can tell (a Python consumer, a `WebSocketServer` file, a browser client),
 * else its project (a service with routes is the server). Kinds are pooled over the workspace per
 * channel and direction, so a kind counts as handled when any client handles it: that never invents a
 * mismatch between two unrelated sockets, at the price of missing some. A direction is judged only when
 * both ends have kinds, and "handled but never sent" only when every kind the sender sends is known.
 */
import { Evaluator } from '../../resolve/evaluate';
import { linkContext } from '../../engine/routes';
import { indexedFrameworks } from '../../frameworks/registry';
import type { EventDecl, EventFact } from '../../frameworks/types';
import { projectOf } from '../../project/projects';
import { fileRole } from '../../project/roles';
import type { Relation, RelationInput } from '../types';
import { nearestKind } from './nearest';

export interface EventMismatch {
  /** The unpaired end: a kind sent that nobody handles, or handled that nobody sends. */
  readonly fact: EventFact & { readonly name: string };
  readonly problem: 'not-handled' | 'not-sent';
  /** `server` → `client` or the reverse. */
  readonly from: 'server' | 'client';
  /** The other end's locations for this channel and direction (first few), and its closest kind. */
  readonly others: readonly EventFact[];
  readonly nearest: string | null;
}

export interface EventsRelation {
  readonly facts: readonly EventFact[];
  readonly mismatches: readonly EventMismatch[];
}

declare module '../types' {
  interface RelationOutputs {
    events: EventsRelation;
  }
}

const relation: Relation<'events'> = {
  id: 'events',
  title: 'Real-time messages: sent ↔ handled',
  relate(input) {
    const facts = collect(input);
    const mismatches: EventMismatch[] = [];
    for (const channel of new Set(facts.map((f) => f.channel))) {
      const on = facts.filter((f) => f.channel === channel);
      for (const from of ['server', 'client'] as const) {
        const to = from === 'server' ? 'client' : 'server';
        mismatches.push(...judge(on.filter((f) => f.side === 'send' && f.role === from), on.filter((f) => f.side === 'receive' && f.role === to), from));
      }
    }
    return { output: { facts, mismatches }, state: undefined };
  },
};
export default relation;

type Sided = EventFact & { readonly role: 'server' | 'client' };

function collect(input: RelationInput): Sided[] {
  const lctx = linkContext(new Evaluator(input.program));
  const out: Sided[] = [];
  for (const fw of indexedFrameworks) {
    if (!fw.events) continue;
    const decls: EventDecl[] = [];
    for (const e of input.store.sources()) decls.push(...(e.parsed.decls.events[fw.id] ?? []));
    let facts: EventFact[] = [];
    try {
      facts = fw.events.link(decls.filter((d) => fileRole(input.ctx.config, d.file) !== 'test'), lctx);
    } catch (err) {
      input.ctx.notes.push({ level: 'warning', code: 'link-failed', message: `${fw.title}: linking events failed (${(err as Error).message}); its messages are not paired` });
    }
    for (const f of facts) {
      const rec = input.services.byRoot.get(projectOf(input.projects, f.file).root);
      out.push({ ...f, role: f.role ?? (rec && rec.endpoints.length > 0 ? 'server' : 'client') });
    }
  }
  return out;
}

/** One direction: `sends` from one end, `handles` at the other. */
function judge(sends: readonly EventFact[], handles: readonly EventFact[], from: 'server' | 'client'): EventMismatch[] {
  if (sends.length === 0 || handles.length === 0) return [];
  const sent = new Set(sends.flatMap((f) => (f.name ? [f.name] : [])));
  const handled = new Set(handles.flatMap((f) => (f.name ? [f.name] : [])));
  const allSentKnown = sends.every((f) => f.name !== null);
  const out: EventMismatch[] = [];
  const seen = new Set<string>();
  for (const f of sends) {
    if (f.name === null || handled.has(f.name) || seen.has(`s:${f.name}`)) continue;
    seen.add(`s:${f.name}`);
    out.push({ fact: { ...f, name: f.name }, problem: 'not-handled', from, others: handles.slice(0, 3), nearest: nearestKind(f.name, [...handled]) });
  }
  if (!allSentKnown) return out;
  for (const f of handles) {
    if (f.name === null || sent.has(f.name) || seen.has(`h:${f.name}`)) continue;
    seen.add(`h:${f.name}`);
    out.push({ fact: { ...f, name: f.name }, problem: 'not-sent', from, others: sends.slice(0, 3), nearest: nearestKind(f.name, [...sent]) });
  }
  return out;
}
