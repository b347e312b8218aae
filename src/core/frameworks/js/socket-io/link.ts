/**
 * Linking Socket.IO declarations: which functions receive a connection's socket (the `connection`
 * callbacks and, transitively, the helpers they pass the socket to), in which namespace; then every event
 * handled or emitted on such a socket, or on the server or a namespace, becomes a `socketio` route.
 */
import { extName, stripGlobal, type Value } from '../../../resolve/evaluate';
import { symText, type Sym } from '../../../resolve/sym';
import type { BackendDecl, LinkContext, LinkedRoute, MountDecl, RouteDecl } from '../../types';

/** A namespace a socket or server belongs to, with what is only assumed about it. */
interface Ns {
  readonly path: string;
  readonly notes: readonly string[];
}

/** Calls and members between a receiver and `.emit` that keep its namespace (`socket.to(room).emit`). */
const CALL_MODIFIERS = new Set(['to', 'in', 'except', 'timeout', 'compress']);
const MEMBER_MODIFIERS = new Set(['broadcast', 'volatile', 'local', 'sockets']);
/** Packages whose servers also raise `connection` with a socket that has `.on`: not Socket.IO. */
const OTHER_SERVERS = /^(ws|net|tls|http|https|http2|dgram|node:.*|socket\.io-client)(\.|$)/;
/** How many helper hops a socket is followed through. */
const MAX_HOPS = 8;

export function linkSocketEvents(decls: readonly BackendDecl[], ctx: LinkContext): LinkedRoute[] {
  const mounts = decls.filter((d): d is MountDecl => d.t === 'mount');
  const sockets = socketParams(mounts, ctx);
  const out: LinkedRoute[] = [];
  for (const r of decls) {
    if (r.t !== 'route' || !r.owner) continue;
    const spaces = receiverNamespaces(r.owner, r, sockets, ctx);
    if (!spaces) continue;
    const name = ctx.pathText(r.path, r.file, r.fn);
    const nameNotes = name.unresolved.map((u) => `event name part ${u} could not be resolved statically`);
    for (const ns of spaces) {
      const notes = [...ns.notes, ...nameNotes];
      out.push({ file: r.file, span: r.span, kind: 'socketio', method: '*', path: ns.path, handler: r.handler, confidence: notes.length ? 'partial' : 'exact', notes, event: name.text, side: r.side ?? 'receive' });
    }
  }
  return out;
}

const keyOf = (file: string, fn: string, index: number) => `${file}#${fn}#${index}`;

/** Parameters that receive a connection's socket (`file#fn#index`), with the namespaces it may be in. */
function socketParams(mounts: readonly MountDecl[], ctx: LinkContext): Map<string, Ns[]> {
  const found = new Map<string, Ns[]>();
  const add = (value: Value, index: number, spaces: readonly Ns[]): boolean => {
    const v = ctx.evaluator.wholeModule(value);
    if (v.t !== 'fn') return false;
    const key = keyOf(v.file, v.id, index);
    const list = found.get(key) ?? [];
    const fresh = spaces.filter((s) => !list.some((l) => l.path === s.path));
    if (fresh.length === 0) return false;
    found.set(key, [...list, ...fresh]);
    return true;
  };
  for (const m of mounts) {
    if (!isConnection(m)) continue;
    const ns = serverNamespace(m.parent, m.file, m.fn, ctx);
    if (ns) add(ctx.value(m.child, m.file, m.fn), 0, [ns]);
  }
  const passes = mounts.filter((m) => m.parent.k === 'param' && m.prefix?.k === 'num');
  for (let hop = 0, changed = true; changed && hop < MAX_HOPS; hop++) {
    changed = false;
    for (const m of passes) {
      const p = m.parent as Extract<Sym, { k: 'param' }>;
      const spaces = found.get(keyOf(m.file, p.fn, p.index));
      if (spaces && add(ctx.value(m.child, m.file, m.fn), (m.prefix as { v: number }).v, spaces)) changed = true;
    }
  }
  return found;
}

/** `X.on("connection", cb)` is recorded as a mount of `cb` under `X` with the prefix `"connection"`. */
function isConnection(m: MountDecl): boolean {
  return m.prefix?.k === 'str' && m.prefix.v === 'connection';
}

/**
 * The namespace of a server or namespace expression (`io`, `io.of("/admin")`, `admin`), or null when it
 * is known to be something else (a `ws` server, a `net` server).
 */
function serverNamespace(sym: Sym, file: string, fn: string | null, ctx: LinkContext): Ns | null {
  const of = ofArgument(boundSym(sym, file, ctx));
  if (of) return namespaceText(ctx.pathText(of, file, fn));
  const v = ctx.evaluator.wholeModule(ctx.value(sym, file, fn));
  return valueNamespace(v, sym, ctx);
}

function valueNamespace(v: Value, sym: Sym, ctx: LinkContext): Ns | null {
  if (v.t === 'call') {
    const callee = v.callee;
    if (callee.t === 'ext') {
      const path = stripGlobal(callee.path);
      if (path.startsWith('socket.io') && !path.startsWith('socket.io-client')) return { path: '/', notes: [] };
      if (OTHER_SERVERS.test(path)) return null;
      if (extName(callee) === 'of' && v.args[0]) return namespaceText(ctx.pathText(v.args[0], v.ctx.file, v.ctx.fn));
    }
    if (callee.t === 'param' && callee.path[callee.path.length - 1] === 'of' && v.args[0]) return namespaceText(ctx.pathText(v.args[0], v.ctx.file, v.ctx.fn));
  }
  if (v.t === 'ext') return OTHER_SERVERS.test(stripGlobal(v.path)) ? null : { path: '/', notes: [`namespace assumed \`/\`: \`${symText(sym)}\` is \`${v.path}\``] };
  if (v.t === 'param') return { path: '/', notes: [`namespace assumed \`/\`: \`${symText(sym)}\` is a function parameter`] };
  if (v.t === 'unknown') return { path: '/', notes: [`namespace assumed \`/\`: the server \`${symText(sym)}\` could not be resolved (${v.why})`] };
  if (v.t === 'str' || v.t === 'num' || v.t === 'fn' || v.t === 'class' || v.t === 'module') return null;
  return { path: '/', notes: [`namespace assumed \`/\`: the server \`${symText(sym)}\` is not a known Socket.IO server`] };
}

function namespaceText(t: { text: string; unresolved: string[] }): Ns {
  const path = t.text.startsWith('/') ? t.text : `/${t.text}`;
  return { path, notes: t.unresolved.map((u) => `namespace part ${u} could not be resolved statically`) };
}

/** What a name is bound to in its module (`const admin = io.of("/admin")`), or the symbol itself. */
function boundSym(sym: Sym, file: string, ctx: LinkContext): Sym {
  if (sym.k !== 'ref') return sym;
  return ctx.evaluator.program.module(file)?.bindings[sym.name] ?? sym;
}

/** `x.of(ns)` → `ns`. */
function ofArgument(sym: Sym): Sym | null {
  return sym.k === 'call' && sym.callee.k === 'member' && sym.callee.prop === 'of' && sym.args[0] ? sym.args[0] : null;
}

/**
 * The namespaces of the receiver of `.on`/`.emit`: a connection's socket (a parameter found above), or
 * the server or a namespace for emits; null when it is neither (a `net.Socket`, an event emitter).
 */
function receiverNamespaces(owner: Sym, r: RouteDecl, sockets: ReadonlyMap<string, Ns[]>, ctx: LinkContext): readonly Ns[] | null {
  let base = owner;
  // `.to(room)`, `.in(room)`, `.broadcast`: only Socket.IO servers, namespaces and sockets have them.
  let roomed = false;
  for (let i = 0; i < 8; i++) {
    if (base.k === 'call' && base.callee.k === 'member' && CALL_MODIFIERS.has(base.callee.prop)) {
      roomed ||= base.callee.prop !== 'timeout' && base.callee.prop !== 'compress';
      base = base.callee.obj;
    } else if (base.k === 'member' && MEMBER_MODIFIERS.has(base.prop)) {
      roomed ||= base.prop === 'broadcast';
      base = base.obj;
    } else break;
  }
  const of = ofArgument(boundSym(base, r.file, ctx));
  if (of) return r.side === 'send' ? [namespaceText(ctx.pathText(of, r.file, r.fn))] : null;
  const v = ctx.evaluator.wholeModule(ctx.value(base, r.file, r.fn));
  const socket = v.t === 'param' && v.path.length === 0 ? sockets.get(keyOf(v.file, v.fn, v.index)) : undefined;
  if (socket) return socket;
  // The server or a namespace only emits; `io.on(event)` is not a client's message.
  if (r.side !== 'send') return null;
  const ns = knownServer(v, base, ctx);
  if (ns) return [ns];
  const other = v.t === 'ext' && OTHER_SERVERS.test(stripGlobal(v.path));
  if (roomed && !other && (v.t === 'unknown' || v.t === 'param' || v.t === 'instance' || v.t === 'call' || v.t === 'ext')) {
    const why = v.t === 'unknown' ? ` (${v.why})` : '';
    return [{ path: '/', notes: [`namespace assumed \`/\`: the server \`${symText(base)}\` could not be resolved${why}; \`.to(room)\`/\`.broadcast\` make it a Socket.IO server`] }];
  }
  return null;
}

/** A value that is surely a Socket.IO server or namespace (built by the package, or `x.of(ns)`). */
function knownServer(v: Value, sym: Sym, ctx: LinkContext): Ns | null {
  if (v.t !== 'call') return null;
  const ns = valueNamespace(v, sym, ctx);
  return ns && ns.notes.length === 0 ? ns : null;
}
