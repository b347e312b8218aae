/**
 * The mount graph shared by router-based backends (FastAPI `include_router`, Express `app.use`): apps and
 * routers are nodes identified by the binding that created them, mounts are edges carrying a prefix, and
 * every route gets one absolute path per chain from an app down to its router. A router no app includes
 * keeps its routes, marked partial with the reason, so nothing is dropped silently.
 */
import type { Value } from '../resolve/evaluate';
import type { BackendDecl, LinkContext, LinkedRoute, MountDecl, PassDecl, RouteDecl } from '../frameworks/types';
import type { Sym } from '../resolve/sym';
import { symText } from '../resolve/sym';

export interface NodeKind {
  readonly root: boolean;
  /** The router's own prefix (`APIRouter(prefix=...)`), evaluated where the router was created. */
  readonly prefix: Value | null;
  /**
   * The node this one was attached to when it was built (Flask-RESTful `Api(app)`, `Api(blueprint)`):
   * an edge from it without a prefix of its own, as if it had been mounted there.
   */
  readonly attachedTo?: Value;
  /**
   * For frameworks that name routes: the segment this node puts in front of the names of the routes
   * below it (a Flask blueprint's name); null when it cannot be evaluated; absent: it adds none.
   */
  readonly name?: Value | null;
  /** The tags this node gives every route below it (`APIRouter(tags=[...])`); absent: none. */
  readonly tags?: Value | null;
}

export interface MountGraphOptions {
  /**
   * Recognise an app or router value; null for anything else (middleware, plain functions). An instance
   * of a workspace class is offered as the constructor calls of the external classes it derives from
   * (`class UserRouter(APIRouter)` → `APIRouter(…)` with the arguments its `__init__` passes on).
   */
  classify(v: Value): NodeKind | null;
  /** Word for a node in messages: `router`, `Router`. */
  readonly noun: string;
  /** What roots are called in messages: `FastAPI app`, `express() app`. */
  readonly rootNoun: string;
  /**
   * Drop a route whose owner is known to be something other than an app or router (Express `cache.get(k, f)`
   * looks like a route registration); owners that are function parameters or unresolvable are kept, partial.
   */
  readonly dropForeignOwners?: boolean;
  /**
   * The route's name (Flask `bp.view`), given the name segments of the nodes from the app down to its
   * owner (null when one could not be evaluated or the owner is unknown) and the owner's kind; null when
   * it cannot be known. Absent: the framework does not name routes.
   */
  routeName?(r: RouteDecl, chain: readonly string[] | null, owner: NodeKind | null): string | null;
}

interface Node {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  /** A stand-in for a parent that could not be resolved (a function parameter): why it is assumed to be served at the root. */
  readonly assumption?: string;
}

interface Edge {
  readonly parent: string;
  readonly child: string;
  readonly prefix: Sym | null;
  /** The mount's prefix, when it has one, stands instead of the child's own (Flask `register_blueprint(bp, url_prefix=)`). */
  readonly replacesOwnPrefix: boolean;
  readonly file: string;
  readonly fn: string | null;
  readonly params?: readonly Value[];
  /** The mount's tags (`include_router(r, tags=[...])`). */
  readonly tags?: Sym;
}

interface Prefix {
  readonly text: string;
  readonly unresolved: readonly string[];
}

/** A prefix from an app down to a node; `orphan` when the chain starts at a router no app mounts. */
type RoutePrefix = Prefix & { readonly orphan: boolean; readonly notes: readonly string[]; readonly names?: readonly string[] | null; readonly tags?: readonly string[] };

/** Why a symbol is not a node; `foreign` when it is known to be something else (not merely unresolved). */
interface NotANode {
  readonly missing: string;
  readonly foreign: boolean;
}

const NO_PREFIX: Prefix = { text: '', unresolved: [] };

/** {@link linkMountGraph} over a framework's mixed declarations (its routes and mounts; ports are skipped). */
export function linkDeclarations(decls: readonly BackendDecl[], ctx: LinkContext, opts: MountGraphOptions): LinkedRoute[] {
  const routes = decls.filter((d): d is RouteDecl => d.t === 'route');
  const mounts = decls.filter((d): d is MountDecl => d.t === 'mount');
  const passes = decls.filter((d): d is PassDecl => d.t === 'pass');
  return linkMountGraph(routes, mounts, ctx, opts, passes);
}

/** Every route with one absolute path per chain of mounts from an app down to the router it is registered on. */
export function linkMountGraph(routes: readonly RouteDecl[], mounts: readonly MountDecl[], ctx: LinkContext, opts: MountGraphOptions, passes: readonly PassDecl[] = []): LinkedRoute[] {
  const graph = new MountGraph(ctx, opts, passes);
  for (const m of mounts) graph.addMount(m);
  const linked: LinkedRoute[] = [];
  for (const r of routes) linkRoute(r, graph, ctx, opts, linked);
  // One registration reached twice the same way (a helper called twice with the same app) is one route.
  const seen = new Set<string>();
  return linked.filter((l) => {
    const key = `${l.file}:${l.span.line}:${l.span.column}\0${l.method}\0${l.path}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The apps and routers (nodes, created as they are met) and the mounts between them (edges, by child). */
class MountGraph {
  private readonly nodes = new Map<string, Node>();
  private readonly incoming = new Map<string, Edge[]>();
  private readonly memo = new Map<string, RoutePrefix[]>();

  constructor(
    private readonly ctx: LinkContext,
    private readonly opts: MountGraphOptions,
    private readonly passes: readonly PassDecl[] = [],
  ) {}

  /** Parameter (`file#fn#index`) → the arguments passed to it, indexed on first use. */
  private passedTo: Map<string, PassDecl[]> | null = null;
  private readonly following = new Set<string>();

  /**
   * The one app or router a function parameter receives at every call site found (`registerRoutes(app)`);
   * null when there is none, several, or a cycle.
   */
  private passedNode(p: { file: string; fn: string; index: number }): Node | null {
    if (!this.passedTo) {
      this.passedTo = new Map();
      for (const d of this.passes) {
        const v = this.ctx.evaluator.wholeModule(this.ctx.value(d.callee, d.file, d.fn));
        if (v.t !== 'fn') continue;
        const key = `${v.file}#${v.id}#${d.index}`;
        this.passedTo.set(key, [...(this.passedTo.get(key) ?? []), d]);
      }
    }
    const key = `${p.file}#${p.fn}#${p.index}`;
    const sites = this.passedTo.get(key);
    if (!sites || this.following.has(key)) return null;
    this.following.add(key);
    try {
      const found = new Map<string, Node>();
      for (const d of sites) {
        const n = this.nodeOf(d.arg, d.file, d.fn);
        if ('missing' in n) return null;
        found.set(n.id, n);
      }
      return found.size === 1 ? [...found.values()][0]! : null;
    } finally {
      this.following.delete(key);
    }
  }

  /** The node an expression in `file` (inside function `fn`) stands for, or why it is not one. */
  nodeOf(sym: Sym, file: string, fn: string | null, params?: readonly Value[]): Node | NotANode {
    return this.nodeOfValue(this.ctx.value(sym, file, fn, params), `${file}:${symText(sym)}`, symText(sym));
  }

  /** The node a value stands for (`fallbackId` when it has no origin), or why it is not one. */
  private nodeOfValue(value: Value, fallbackId: string, text: string): Node | NotANode {
    const v = this.ctx.evaluator.wholeModule(value);
    const origin = 'origin' in v ? v.origin : undefined;
    const kind = this.classify(v);
    if (!('root' in kind)) {
      const passed = kind.t === 'param' && kind.path.length === 0 ? this.passedNode(kind) : null;
      if (passed) return passed;
      if (kind.t === 'param') return { missing: `registered on \`${kind.name}\`, a function parameter, so its mount point is unknown`, foreign: false };
      if (kind.t === 'unknown') return { missing: `\`${text}\` could not be resolved (${kind.why})`, foreign: false };
      return { missing: `\`${text}\` is not a known ${this.opts.noun}`, foreign: true };
    }
    const id = origin ?? fallbackId;
    let n = this.nodes.get(id);
    if (!n) {
      n = { id, kind, label: labelOf(id) };
      this.nodes.set(id, n);
      if (kind.attachedTo) this.attach(n, kind.attachedTo);
    }
    return n;
  }

  /** The edge from the node a new node was built on (`Api(app)`) to it. */
  private attach(child: Node, parentValue: Value): void {
    const parent = this.nodeOfValue(parentValue, `${child.id}^`, 'its parent');
    if ('missing' in parent) return;
    const list = this.incoming.get(child.id) ?? [];
    list.push({ parent: parent.id, child: child.id, prefix: null, replacesOwnPrefix: false, file: '', fn: null });
    this.incoming.set(child.id, list);
  }

  /**
   * What a value is as a node, or the value that explains why it is none: an instance whose external
   * bases are none of the framework's classes is that instance, or the first base that could not be
   * evaluated.
   */
  private classify(v: Value): NodeKind | Value {
    const kind = this.opts.classify(v);
    if (kind || v.t !== 'instance') return kind ?? v;
    let why: Value = v;
    for (const base of this.ctx.evaluator.constructions(v)) {
      const k = this.opts.classify(base);
      if (k) return k;
      if (base.t === 'unknown' && why === v) why = base;
    }
    return why;
  }

  /** Add the edge a mount declares, when both ends are nodes and its prefix reads as one. */
  addMount(m: MountDecl): void {
    const found = this.nodeOf(m.parent, m.file, m.fn, m.params);
    if ('missing' in found && found.foreign) return;
    for (const child of this.childNodes(m)) this.addEdge(m, found, child);
  }

  /** The node(s) a mount's child stands for: each one a loop variable may be (`for bp in [a, b]: app.register_blueprint(bp)`). */
  private childNodes(m: MountDecl): Node[] {
    const v = this.ctx.value(m.child, m.file, m.fn, m.params);
    const options = v.t === 'alt' ? v.options : [v];
    return options.flatMap((o, i) => {
      const n = this.nodeOfValue(o, `${m.file}:${symText(m.child)}${options.length > 1 ? `#${i}` : ''}`, symText(m.child));
      return 'missing' in n ? [] : [n];
    });
  }

  private addEdge(m: MountDecl, found: Node | NotANode, child: Node): void {
    // `app.use('/api', router)` on an `app` we cannot resolve (a parameter of `init(app)`): the prefix is
    // still known; what is above `app` is assumed to be nothing, and said so.
    const parent = 'missing' in found ? this.standIn(m.parent, m.file, found.missing) : found;
    if (m.prefix) {
      // `app.use(a, b)` is read both as (prefix a, child b) and (child a): keep the reading that makes sense.
      const pv = this.ctx.value(m.prefix, m.file, m.fn, m.params);
      if (pv.t !== 'str' && pv.t !== 'num' && pv.t !== 'unknown' && pv.t !== 'param') return;
    }
    const list = this.incoming.get(child.id) ?? [];
    list.push({ parent: parent.id, child: child.id, prefix: m.prefix, replacesOwnPrefix: !!(m.prefix && m.replacesOwnPrefix), file: m.file, fn: m.fn, ...(m.params ? { params: m.params } : {}), ...(m.tags ? { tags: m.tags } : {}) });
    this.incoming.set(child.id, list);
  }

  /** The stand-in root for an unresolved parent, one per expression and file. */
  private standIn(sym: Sym, file: string, missing: string): Node {
    const id = `?${file}:${symText(sym)}`;
    let n = this.nodes.get(id);
    if (!n) {
      const what = missing.startsWith('registered on') ? `\`${symText(sym)}\`, a function parameter` : missing;
      const assumption = `mounted on ${what}; taken to be the served app, with no prefix above it`;
      n = { id, kind: { root: true, prefix: null }, label: symText(sym), assumption };
      this.nodes.set(id, n);
    }
    return n;
  }

  /** A node's own prefix; one that cannot be evaluated says why (`prefix` from `**options`). */
  private ownPrefix(v: Value | null): Prefix {
    if (!v) return NO_PREFIX;
    const own = this.ctx.valueText(v);
    if (v.t === 'unknown' && own.unresolved.length === 1) return { text: own.text, unresolved: [`${own.unresolved[0]} (${v.why})`] };
    return own;
  }

  /** Every distinct prefix of a node: one per chain of mounts above it (`stack` breaks mount cycles). */
  prefixesOf(node: Node, stack: Set<string>): RoutePrefix[] {
    const hit = this.memo.get(node.id);
    if (hit) return hit;
    const own = this.ownPrefix(node.kind.prefix);
    const names = this.ownName(node.kind.name);
    const tags = node.kind.tags ? tagTexts(this.ctx, node.kind.tags) : [];
    const out: RoutePrefix[] = [];
    const ins = (this.incoming.get(node.id) ?? []).filter((e) => !stack.has(e.parent));
    // An app mounted in another (`app.use('/api', subApp)`, koa-mount, `app.mount("/v2", subapp)`) serves
    // its routes under the mount only.
    if (node.kind.root && ins.length === 0) out.push({ text: own.text, unresolved: own.unresolved, orphan: false, notes: node.assumption ? [node.assumption] : [], names, tags });
    else {
      if (ins.length === 0) out.push({ text: own.text, unresolved: own.unresolved, orphan: true, notes: [], names, tags });
      stack.add(node.id);
      for (const e of ins) {
        const parent = this.nodes.get(e.parent)!;
        const ep = e.prefix ? this.ctx.pathText(e.prefix, e.file, e.fn, e.params) : NO_PREFIX;
        const edgeTags = e.tags ? tagTexts(this.ctx, this.ctx.value(e.tags, e.file, e.fn, e.params)) : [];
        for (const pp of this.prefixesOf(parent, stack)) {
          const mine = e.replacesOwnPrefix ? NO_PREFIX : own;
          const chain = pp.names && names ? [...pp.names, ...names] : null;
          const allTags = [...(pp.tags ?? []), ...edgeTags, ...tags];
          out.push({ text: joinUrl(joinUrl(pp.text, ep.text), mine.text), unresolved: [...pp.unresolved, ...ep.unresolved, ...mine.unresolved], orphan: pp.orphan, notes: pp.notes, names: chain, tags: allTags });
        }
      }
      stack.delete(node.id);
    }
    const unique = dedupe(out);
    this.memo.set(node.id, unique);
    return unique;
  }

  /** The name segments a node adds to its routes' names: none, its name, or null when that cannot be evaluated. */
  private ownName(v: Value | null | undefined): readonly string[] | null {
    if (v === undefined) return [];
    if (v === null) return null;
    const t = this.ctx.valueText(v);
    return t.unresolved.length || t.text === '' ? null : [t.text];
  }
}

/** Emit one linked route per method and prefix of a route's owner (none for a lookalike registration). */
function linkRoute(r: RouteDecl, graph: MountGraph, ctx: LinkContext, opts: MountGraphOptions, linked: LinkedRoute[]): void {
  const path = ctx.pathText(r.path, r.file, r.fn, r.params);
  const base = { file: r.at?.file ?? r.file, span: r.at?.span ?? r.span, kind: r.kind, handler: r.handler };
  const own = r.tags ? tagTexts(ctx, ctx.value(r.tags, r.file, r.fn, r.params)) : [];
  const emit = (prefix: RoutePrefix | Prefix, mountNotes: string[], kind: NodeKind | null) => {
    const notes = [...(r.notes ?? []), ...mountNotes];
    const unresolved = [...prefix.unresolved, ...path.unresolved];
    const allNotes = [...notes, ...unresolved.map((u) => `path part ${u} could not be resolved statically`)];
    const chain = 'names' in prefix ? (prefix.names ?? null) : kind ? [] : null;
    const named = opts.routeName ? { name: opts.routeName(r, chain, kind) } : {};
    const tags = uniqueTags([...('tags' in prefix ? (prefix.tags ?? []) : []), ...own]);
    const variants = path.variants?.map((v) => joinUrl(prefix.text, v));
    for (const method of r.methods) {
      linked.push({ ...base, method, path: joinUrl(prefix.text, path.text), confidence: allNotes.length ? 'partial' : 'exact', notes: allNotes, ...named, ...(tags.length ? { tags } : {}), ...(variants?.length ? { variants } : {}) });
    }
  };
  if (r.owner === null) return emit(NO_PREFIX, [], { root: true, prefix: null });
  const owner = graph.nodeOf(r.owner, r.file, r.fn, r.params);
  if ('missing' in owner) {
    // With lookalike registrations (`cache.get(key, fn)`), an owner we cannot identify only counts when
    // the path is unmistakably one.
    if (opts.dropForeignOwners && (owner.foreign || path.unresolved.length > 0 || !(path.text.startsWith('/') || path.text === '*'))) return;
    return emit(NO_PREFIX, [`mount prefix unknown: ${owner.missing}`], null);
  }
  for (const p of graph.prefixesOf(owner, new Set())) {
    emit(p, p.orphan ? [`${opts.noun} \`${owner.label}\` is not mounted on any ${opts.rootNoun} found in the workspace`] : [...p.notes], owner.kind);
  }
}

/**
 * The tags a value lists (`["users", TAG]`, or one string): only those that evaluate to a whole string;
 * tags only group the catalogue, so one that cannot be read is left out rather than guessed.
 */
export function tagTexts(ctx: LinkContext, v: Value): string[] {
  const items = v.t === 'arr' ? v.items.map((s) => ctx.value(s, v.ctx.file, v.ctx.fn, v.ctx.params)) : [v];
  return items.flatMap((item) => {
    if (item.t !== 'str') return [];
    const t = ctx.valueText(item);
    return t.unresolved.length || t.text === '' ? [] : [t.text];
  });
}

export function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags)];
}

function labelOf(id: string): string {
  const hash = id.lastIndexOf('#');
  const name = hash >= 0 ? id.slice(hash + 1) : id;
  const local = name.lastIndexOf('::');
  return local >= 0 ? name.slice(local + 2) : name;
}

function dedupe<T extends Prefix>(list: T[]): T[] {
  const seen = new Set<string>();
  const key = (p: T) => `${'names' in p && p.names ? `${p.text}\0${(p.names as readonly string[]).join('.')}` : p.text}\0${'tags' in p && p.tags ? (p.tags as readonly string[]).join('\0') : ''}`;
  return list.filter((p) => (seen.has(key(p)) ? false : (seen.add(key(p)), true)));
}

/** Join URL path pieces with exactly one `/` between them. */
export function joinUrl(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return a.replace(/\/+$/, '') + '/' + b.replace(/^\/+/, '');
}
