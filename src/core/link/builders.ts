/**
 * The registration graph of builder-style backends (actix-web `App`/`web::scope`/`configure`, axum
 * `Router::nest`/`merge`): nodes are either syntactic (one builder expression, identified by its place)
 * or functions (a `configure` function, a function returning a router, a handler carrying its own
 * route), followed across modules through the evaluator. Mounts are edges with a prefix; every route gets
 * one absolute path per chain of edges from a root down to its node.
 *
 * - A route declared on its handler (`role: 'attr'`) counts only where the handler is registered.
 * - A documented route (`role: 'doc'`, utoipa) counts only through a `docs` mount (`routes!(h)`); where the
 *   handler is registered otherwise, the registration decides and a disagreement is a note on it.
 * - A node no edge reaches is a root when `orphansAreRoots` (axum: a router is served as it is); otherwise
 *   its routes are kept partial, with the reason.
 */
import type { BackendDecl, DocumentedAs, LinkContext, LinkedRoute, MountDecl, RouteDecl } from '../frameworks/types';
import type { Span } from '../types';
import type { Sym } from '../resolve/sym';
import { symText } from '../resolve/sym';
import { joinUrl } from './mounts';

const NODE = '\u0000node:';

/** The symbol of a syntactic node: one builder expression (`App::new()`, `web::scope(…)`) at `span`. */
export function builderNode(file: string, span: Span, root: boolean): Sym {
  return { k: 'str', v: `${NODE}${root ? 'root' : 'node'}:${file}:${span.line}:${span.column}` };
}

export interface BuilderGraphOptions {
  /** Word for the thing routes are registered on, in messages (`scope`, `router`). */
  readonly noun: string;
  /** What roots are called in messages (`App`). */
  readonly rootNoun: string;
  readonly orphansAreRoots: boolean;
}

interface Edge {
  readonly parent: string;
  readonly prefix: Sym | null;
  readonly file: string;
  readonly fn: string | null;
  readonly role: 'docs' | undefined;
}

interface Chain {
  readonly text: string;
  readonly unresolved: readonly string[];
  readonly orphan: boolean;
  readonly last: 'docs' | undefined;
}

type NodeId = { id: string; label: string } | { missing: string };

/** A `conf` declaration naming (by `key`, its id in the file) a handler that answers with a WebSocket upgrade. */
export const WEBSOCKET_HANDLER = 'websocket-handler';

export function linkBuilders(decls: readonly BackendDecl[], ctx: LinkContext, opts: BuilderGraphOptions): LinkedRoute[] {
  const g = new BuilderGraph(ctx, opts);
  for (const d of decls) if (d.t === 'mount') g.addMount(d);
  const routes = withWebSockets(g, decls);
  const owners = routes.map((r) => g.node(r.owner!, r.file, r.fn));
  const attrOwners = new Set<string>();
  routes.forEach((r, i) => {
    const o = owners[i]!;
    if (r.role === 'attr' && 'id' in o) attrOwners.add(o.id);
  });
  const docs = new Map<string, DocAt[]>();
  const out: LinkedRoute[] = [];
  routes.forEach((r, i) => {
    const o = owners[i]!;
    if (r.role === 'doc') {
      if (!('id' in o)) return;
      const path = ctx.pathText(r.path, r.file, r.fn);
      const list = docs.get(o.id) ?? [];
      if (path.unresolved.length === 0) for (const m of r.methods) list.push({ method: m, path: path.text, file: r.file, line: r.span.line, column: r.span.column });
      docs.set(o.id, list);
      // Documented routes count only through `routes!(…)`-style mounts, and never beside a registration.
      if (attrOwners.has(o.id)) return;
      g.emit(r, o, out, (c) => c.last === 'docs');
      return;
    }
    if (!('id' in o)) {
      const path = ctx.pathText(r.path, r.file, r.fn);
      for (const m of r.methods) out.push(linked(r, m, path.text, [`registered on ${o.missing}`, ...path.unresolved.map(unresolvedNote)]));
      return;
    }
    if (r.role === 'attr' && !g.hasIncoming(o.id)) return;
    g.emit(r, o, out, (c) => c.last !== 'docs' || r.role !== 'attr');
  });
  return compareDocs(out, routes, g, docs);
}

/** A route a handler's annotation documents, and where the annotation is. */
type DocAt = Omit<DocumentedAs, 'agrees'>;

/** The routes, a GET registration of a WebSocket handler (axum's `WebSocketUpgrade` extractor, actix's `ws::start`) as a `websocket` route. */
function withWebSockets(g: BuilderGraph, decls: readonly BackendDecl[]): RouteDecl[] {
  const ws = new Set(decls.flatMap((d) => (d.t === 'conf' && d.name === WEBSOCKET_HANDLER && d.key ? [`fn:${d.file}#${d.key}`] : [])));
  const routes = decls.filter((d): d is RouteDecl => d.t === 'route');
  if (ws.size === 0) return routes;
  return routes.map((r) => {
    // A route declared on its handler (`#[get("/ws")]`) has the handler as its owner.
    const sym = r.role === 'attr' ? r.owner : r.handlerSym;
    if (r.kind !== 'http' || !sym || !r.methods.every((m) => m === 'GET')) return r;
    const h = g.node(sym, r.file, r.fn);
    return 'id' in h && ws.has(h.id) ? { ...r, kind: 'websocket' } : r;
  });
}

/**
 * Each registration of a handler with documented routes carries them (`documentedAs`, each saying whether
 * it agrees with a registration of the handler). A handler whose documented routes agree with none of its
 * registrations also gets a note on each (the registration is what is served; the documentation is stale
 * or wrong).
 */
function compareDocs(out: LinkedRoute[], routes: readonly RouteDecl[], g: BuilderGraph, docs: Map<string, DocAt[]>): LinkedRoute[] {
  if (docs.size === 0) return out;
  const handlerOf = new Map<string, string>();
  for (const r of routes) {
    if (r.role === 'doc') continue;
    const sym = r.role === 'attr' ? r.owner : r.handlerSym;
    if (!sym) continue;
    const n = g.node(sym, r.file, r.fn);
    if ('id' in n) handlerOf.set(`${r.file}:${r.span.line}:${r.span.column}`, n.id);
  }
  const key = (l: LinkedRoute) => handlerOf.get(`${l.file}:${l.span.line}:${l.span.column}`);
  const fits = (d: DocAt, l: LinkedRoute) => (d.method === l.method || l.method === '*') && agrees(canonical(d.path), canonical(l.path));
  const agreed = new Set<string>();
  for (const l of out) {
    const h = key(l);
    if (h && docs.get(h)?.some((d) => fits(d, l))) agreed.add(h);
  }
  return out.map((l) => {
    const h = key(l);
    const documented = h ? docs.get(h) : undefined;
    if (!documented?.length || l.confidence === 'partial') return l;
    const documentedAs = documented.map((d) => ({ ...d, agrees: fits(d, l) }));
    if (agreed.has(h!)) return { ...l, documentedAs };
    const said = documented.map((d) => `${d.method} ${d.path}`).join(', ');
    return { ...l, documentedAs, notes: [...l.notes, `utoipa documents ${said}, but the handler is registered as ${l.method} ${l.path} (the registration is what is served)`] };
  });
}

/** The documented path is the served one, or its tail under the scopes (utoipa-actix-web documents paths relative to them). */
function agrees(doc: string, served: string): boolean {
  return doc === served || (doc !== '/' && doc.startsWith('/') && served.endsWith(doc));
}

function canonical(p: string): string {
  return p.replace(/\{[^}]*\}|:[A-Za-z_]\w*|\*[A-Za-z_]\w*/g, '{}').replace(/\/+$/, '') || '/';
}

function unresolvedNote(u: string): string {
  return `path part ${u} could not be resolved statically`;
}

function linked(r: RouteDecl, method: RouteDecl['methods'][number], path: string, notes: string[]): LinkedRoute {
  return { file: r.file, span: r.span, kind: r.kind, method, path, handler: r.handler, confidence: notes.length ? 'partial' : 'exact', notes };
}

class BuilderGraph {
  private readonly incoming = new Map<string, Edge[]>();
  private readonly memo = new Map<string, Chain[]>();

  constructor(
    private readonly ctx: LinkContext,
    private readonly opts: BuilderGraphOptions,
  ) {}

  /** The node a symbol stands for: a builder expression, or a function followed across modules. */
  node(sym: Sym, file: string, fn: string | null): NodeId {
    if (sym.k === 'str' && sym.v.startsWith(NODE)) return { id: sym.v, label: this.opts.noun };
    let v = this.ctx.value(sym, file, fn);
    if (v.t === 'ext' && sym.k === 'ref') v = this.globImported(file, sym.name) ?? v;
    if (v.t === 'fn') return { id: `fn:${v.file}#${v.id}`, label: v.id };
    if (v.t === 'unknown') return { missing: `\`${symText(sym)}\`, which could not be resolved (${v.why})` };
    if (v.t === 'param') return { missing: `\`${v.name}\`, a function parameter, so its mount point is unknown` };
    return { missing: `\`${symText(sym)}\`, which is not a function of the workspace` };
  }

  /** A name brought in by `use module::*` (the evaluator sees only names imported one by one). */
  private globImported(file: string, name: string) {
    const mod = this.ctx.evaluator.program.module(file);
    for (const re of mod?.reexports ?? []) {
      if (re.names !== null) continue;
      const v = this.ctx.evaluator.importValue(file, re.specifier, name);
      if (v.t === 'fn') return v;
    }
    return null;
  }

  addMount(m: MountDecl): void {
    const parent = this.node(m.parent, m.file, m.fn);
    const child = this.node(m.child, m.file, m.fn);
    if (!('id' in parent) || !('id' in child)) return;
    const list = this.incoming.get(child.id) ?? [];
    list.push({ parent: parent.id, prefix: m.prefix, file: m.file, fn: m.fn, role: m.role });
    this.incoming.set(child.id, list);
  }

  hasIncoming(id: string): boolean {
    return (this.incoming.get(id) ?? []).length > 0;
  }

  private isRoot(id: string): boolean {
    return id.startsWith(`${NODE}root:`);
  }

  chains(id: string, stack: Set<string>): Chain[] {
    const hit = this.memo.get(id);
    if (hit) return hit;
    if (this.isRoot(id)) return [{ text: '', unresolved: [], orphan: false, last: undefined }];
    const ins = (this.incoming.get(id) ?? []).filter((e) => !stack.has(e.parent));
    const out: Chain[] = [];
    if (ins.length === 0) out.push({ text: '', unresolved: [], orphan: !this.opts.orphansAreRoots, last: undefined });
    stack.add(id);
    for (const e of ins) {
      const ep = e.prefix ? this.ctx.pathText(e.prefix, e.file, e.fn) : { text: '', unresolved: [] };
      for (const pc of this.chains(e.parent, stack)) out.push({ text: joinUrl(pc.text, ep.text), unresolved: [...pc.unresolved, ...ep.unresolved], orphan: pc.orphan, last: e.role });
    }
    stack.delete(id);
    const seen = new Set<string>();
    const unique = out.filter((c) => {
      const k = `${c.text}\0${c.last ?? ''}\0${c.orphan}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    if (stack.size === 0) this.memo.set(id, unique);
    return unique;
  }

  emit(r: RouteDecl, owner: { id: string; label: string }, out: LinkedRoute[], keep: (c: Chain) => boolean): void {
    const path = this.ctx.pathText(r.path, r.file, r.fn);
    const seen = new Set<string>();
    for (const c of this.chains(owner.id, new Set()).filter(keep)) {
      const full = joinUrl(c.text, path.text) || '/';
      const notes = [...(c.orphan ? [`${this.opts.noun} \`${owner.label}\` is not registered on any ${this.opts.rootNoun} found in the workspace`] : []), ...[...c.unresolved, ...path.unresolved].map(unresolvedNote)];
      for (const m of r.methods) {
        const k = `${m} ${full}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(linked(r, m, full.startsWith('/') ? full : `/${full}`, notes));
      }
    }
  }
}
