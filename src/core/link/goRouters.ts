/**
 * Router flow for Go backends (gin, chi, echo, net/http): a route is registered on a router expression,
 * and its absolute path is the chain of prefixes from a root router down to that expression, followed
 * through what Go code does with routers:
 *
 * - locals and package-level vars (`api := r.Group("/api")`, `APIv1 = router.Group(…)` in another file);
 * - methods that derive a router (`Group("/x")`, `Use(…)`, `With(…)`), each framework naming its own;
 * - parameters of functions a router is passed to: helper calls (`registerUserRoutes(v1)`,
 *   `api.GetPhoto(APIv1)` in another package, `s.routes(r)` on a struct), and callbacks given the router
 *   (chi `Route("/x", func(r chi.Router) {…})`, `Group(func(r chi.Router) {…})`);
 * - routers mounted under a prefix (chi `Mount("/x", sub)`, net/http `Handle("/api/", StripPrefix(…))`),
 *   including routers returned by constructor functions.
 *
 * Declarations (made by each framework's `extract`): routes carry the router they are registered on as
 * `owner`; a mount's `child` is a function literal (a callback receiving the router as its first
 * parameter), a call (a helper receiving `parent` among its arguments), or a router expression mounted
 * under `prefix`. Whatever cannot be followed keeps the route, partial, with the reason.
 */
import type { Value } from '../resolve/evaluate';
import type { BackendDecl, LinkContext, LinkedRoute, MountDecl, RouteDecl } from '../frameworks/types';
import type { Sym } from '../resolve/sym';
import { symText } from '../resolve/sym';
import type { MethodOrAny } from '../types';
import { joinUrl } from './mounts';
import { findInPackage, goPathText, methodOf, typeOf } from './goMethods';

export interface GoRouterApi {
  /** Word for a router in messages: `gin router`. */
  readonly noun: string;
  /** Is the evaluated callee of a call a router constructor (`gin.New`, `chi.NewRouter`)? */
  isConstructor(callee: Value): boolean;
  /** Is a value itself a root router (net/http's package-level `http.HandleFunc` default mux)? */
  isRoot?(v: Value): boolean;
  /** Methods returning a router derived from their receiver: name → index of their prefix argument, or null. */
  readonly derive: Readonly<Record<string, number | null>>;
  /** Can a constructed router be mounted under another (chi `Mount`)? When false, constructed routers are roots. */
  readonly mountable: boolean;
  /** Read a route's own path text (net/http `"GET /items/{id}"` carries its method). */
  pattern?(path: string): { methods: MethodOrAny[] | null; path: string };
  /** Join a prefix and a path the way the framework does (default: one `/` between them). */
  join?(prefix: string, path: string): string;
}

interface Chain {
  readonly text: string;
  readonly unresolved: readonly string[];
  readonly notes: readonly string[];
  /** The arguments a helper call gave the function the router came in through (`file#fnId`). */
  readonly bind?: { readonly key: string; readonly args: readonly Value[] };
}

const MAX_DEPTH = 32;
const MAX_CHAINS = 64;

export function linkGoRoutes(decls: readonly BackendDecl[], ctx: LinkContext, api: GoRouterApi): LinkedRoute[] {
  const routes = decls.filter((d): d is RouteDecl => d.t === 'route');
  // A mount and a route at one place: the handler may be a router (`mux.Handle("/api/", api.NewMux())`).
  const twins = new Set(routes.map(spanKey));
  const graph = new GoRouterGraph(ctx, api, decls.filter((d): d is MountDecl => d.t === 'mount'), twins);
  const out: LinkedRoute[] = [];
  for (const r of routes) if (!graph.mountedAt.has(spanKey(r))) linkOne(r, graph, ctx, api, out);
  return out;
}

function spanKey(d: { file: string; span: { line: number; column: number } }): string {
  return `${d.file}:${d.span.line}:${d.span.column}`;
}

function linkOne(r: RouteDecl, graph: GoRouterGraph, ctx: LinkContext, api: GoRouterApi, out: LinkedRoute[]): void {
  let chains = r.owner ? graph.chains(r.owner, r.file, r.fn, 0) : [ROOT];
  if (chains.length === 0) chains = [{ text: '', unresolved: [], notes: ['mount prefix unknown: the chain of routers above it loops or is too deep to follow'] }];
  const join = api.join ?? joinUrl;
  const plain = goPathText(ctx, r.path, r.file, r.fn);
  for (const c of chains) {
    // A path built from the helper's parameters (`router.GET("/folders/"+urlPath, h)`) reads the call's arguments.
    const own = c.bind && c.bind.key === `${r.file}#${r.fn}` ? goPathText(ctx, r.path, r.file, r.fn, c.bind.args) : plain;
    const pat = api.pattern ? api.pattern(own.text) : { methods: null, path: own.text };
    const methods = pat.methods ?? r.methods;
    const unresolved = [...c.unresolved, ...own.unresolved];
    const notes = [...c.notes, ...own.notes, ...unresolved.map((u) => `path part ${u} could not be resolved statically`)];
    for (const method of methods) {
      out.push({ file: r.file, span: r.span, kind: r.kind, method, path: join(c.text, pat.path), handler: r.handler, confidence: notes.length ? 'partial' : 'exact', notes });
    }
  }
}

class GoRouterGraph {
  /** `file#fnId` → the mounts that pass a router into that function (callbacks and helper calls). */
  private readonly entries = new Map<string, { m: MountDecl; index: number }[]>();
  /** Router node id → the mounts that place it under a prefix. */
  private readonly mounted = new Map<string, MountDecl[]>();
  /** Mounts whose child router could not be identified. */
  private unresolvedMounts = 0;
  private readonly memo = new Map<string, Chain[]>();
  private readonly active = new Set<string>();
  /** Places where a handler turned out to be a router (its route twin is dropped). */
  readonly mountedAt = new Set<string>();

  constructor(
    private readonly ctx: LinkContext,
    private readonly api: GoRouterApi,
    mounts: readonly MountDecl[],
    private readonly twins: ReadonlySet<string>,
  ) {
    for (const m of mounts) this.addMount(m);
  }

  private addMount(m: MountDecl): void {
    const child = m.child;
    if (child.k === 'func') return this.entry(`${m.file}#${child.id}`, m, 0);
    const want = JSON.stringify(m.parent);
    if (child.k === 'call' && child.args.some((a) => JSON.stringify(a) === want)) {
      // A helper given the router: its parameter at that position stands for it.
      const fnRef = this.functionOf(child.callee, m.file, m.fn);
      if (!fnRef) return;
      child.args.forEach((a, i) => {
        if (JSON.stringify(a) === want) this.entry(`${fnRef.file}#${fnRef.id}`, m, i);
      });
      return;
    }
    const nodes = this.nodeIds(child, m.file, m.fn, 0);
    if (nodes.length > 0) this.mountedAt.add(spanKey(m));
    // A handler that may be a router we could not follow (`h.Routes()`) leaves every unmounted router's prefix in doubt.
    else if (!this.twins.has(spanKey(m)) || this.unfollowed(child, m)) this.unresolvedMounts++;
    for (const id of nodes) this.mounted.set(id, [...(this.mounted.get(id) ?? []), m]);
  }

  /**
   * A handler we could not follow at all: a method called on a value of no known type (`h.Routes()`,
   * `newOrders().Routes()`). Workspace functions were followed (they build no router), and a method of
   * a declared type of another library (`m.HTTPHandler(…)`) is no router of ours.
   */
  private unfollowed(child: Sym, m: MountDecl): boolean {
    if (child.k !== 'call' || child.callee.k !== 'member') return false;
    if (this.functionOf(child.callee, m.file, m.fn)) return false;
    if (typeOf(this.ctx.evaluator.program, child.callee.obj, m.file)) return false;
    return this.ctx.value(child.callee, m.file, m.fn).t !== 'ext';
  }

  private entry(key: string, m: MountDecl, index: number): void {
    this.entries.set(key, [...(this.entries.get(key) ?? []), { m, index }]);
  }

  /**
   * The workspace function a callee names: `register`, `api.GetPhoto`, or a method, which `extract`
   * writes as a member of its receiver's type (`{class T}.routes`) when it knows that type.
   */
  private functionOf(callee: Sym, file: string, fn: string | null): { file: string; id: string } | null {
    if (callee.k === 'member' && callee.obj.k === 'class') return methodOf(this.ctx.evaluator.program, callee.obj.name, callee.prop, file);
    const v = this.ctx.value(callee, file, fn);
    return v.t === 'fn' ? { file: v.file, id: v.id } : null;
  }

  /** What a workspace function returns, each with its file and function id. */
  private returnsOf(callee: Sym, file: string, fn: string | null): { sym: Sym; file: string; fn: string }[] {
    const target = this.functionOf(callee, file, fn);
    if (!target) return [];
    const f = this.ctx.evaluator.program.module(target.file)?.functions[target.id];
    return (f?.returns ?? []).map((sym) => ({ sym, file: target.file, fn: target.id }));
  }

  /** Where a package-level or local name is bound: its symbol and file (locals stay in their file). */
  private binding(name: string, file: string): { sym: Sym; file: string } | null {
    const mod = this.ctx.evaluator.program.module(file);
    if (!mod) return null;
    if (name.includes('::')) return mod.bindings[name] ? { sym: mod.bindings[name]!, file } : null;
    if (mod.imports[name] && mod.imports[name]!.specifier !== '.') return null;
    const found = findInPackage(this.ctx.evaluator.program, file, (f) => this.ctx.evaluator.program.module(f)?.bindings[name] ?? null);
    return found ? { sym: found.value, file: found.file } : null;
  }

  /** Every prefix chain from a root router down to the router `sym` (evaluated in `file`, inside `fn`). */
  chains(sym: Sym, file: string, fn: string | null, depth: number): Chain[] {
    const key = `${file}|${fn}|${JSON.stringify(sym)}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    if (this.active.has(key) || depth > MAX_DEPTH) return [];
    this.active.add(key);
    try {
      const out = dedupe(this.walk(sym, file, fn, depth)).slice(0, MAX_CHAINS);
      this.memo.set(key, out);
      return out;
    } finally {
      this.active.delete(key);
    }
  }

  private walk(sym: Sym, file: string, fn: string | null, depth: number): Chain[] {
    const unknown = (why: string): Chain[] => [{ text: '', unresolved: [], notes: [`mount prefix unknown: ${why}`] }];
    switch (sym.k) {
      case 'ref': {
        const v = this.ctx.value(sym, file, fn);
        if (this.api.isRoot?.(v)) return [ROOT];
        const b = this.binding(sym.name, file);
        if (!b) return unknown(`\`${symText(sym)}\` could not be resolved to a ${this.api.noun}`);
        const bfn = sym.name.includes('::') ? sym.name.slice(0, sym.name.indexOf('::')) : null;
        if (this.isConstruction(b.sym, b.file, bfn)) return this.nodeChains(`${b.file}#${sym.name}`, symText(sym), depth, this.returned(sym.name, b.file, bfn));
        return this.chains(b.sym, b.file, bfn, depth + 1);
      }
      case 'param': {
        const list = (this.entries.get(`${file}#${sym.fn}`) ?? []).filter((e) => e.index === sym.index);
        if (list.length === 0) return unknown(`registered on \`${sym.name}\`, a function parameter no call we found passes a ${this.api.noun} to`);
        return list.flatMap(({ m }) => {
          const under = this.under(m, depth);
          if (m.child.k !== 'call') return under;
          const args = m.child.args.map((a) => this.ctx.value(a, m.file, m.fn));
          return under.map((c) => ({ ...c, bind: { key: `${file}#${sym.fn}`, args } }));
        });
      }
      case 'call': {
        const c = sym.callee;
        if (c.k === 'member' && c.prop in this.api.derive) {
          const idx = this.api.derive[c.prop]!;
          const base = this.chains(c.obj, file, fn, depth + 1);
          const p = idx === null ? null : sym.args[idx];
          if (!p) return base;
          return this.extend(base, p, file, fn);
        }
        if (this.api.isConstructor(this.ctx.value(c, file, fn))) return [ROOT];
        const rets = this.returnsOf(c, file, fn);
        if (rets.length > 0) return rets.flatMap((r) => this.chains(r.sym, r.file, r.fn, depth + 1));
        return unknown(`\`${symText(sym)}\` is not a known ${this.api.noun}`);
      }
      case 'member': {
        // A field of a struct of the package (`s.router`): the value a literal or an assignment gives it.
        const t = typeOf(this.ctx.evaluator.program, sym.obj, file);
        const found = t && !t.includes('.') ? findInPackage(this.ctx.evaluator.program, file, (f) => this.ctx.evaluator.program.module(f)?.bindings[`${t}.${sym.prop}`] ?? null) : null;
        if (found) {
          if (this.isConstruction(found.value, found.file, null)) return this.nodeChains(`${found.file}#${t}.${sym.prop}`, symText(sym), depth, false);
          return this.chains(found.value, found.file, null, depth + 1);
        }
        return unknown(`registered on \`${symText(sym)}\`, a struct field or package member we do not follow`);
      }
      default:
        return unknown(`\`${symText(sym)}\` is not a known ${this.api.noun}`);
    }
  }

  /** The chains of a mount's parent, extended by its prefix. */
  private under(m: MountDecl, depth: number): Chain[] {
    const base = this.chains(m.parent, m.file, m.fn, depth + 1);
    if (!m.prefix) return base;
    return this.extend(base, m.prefix, m.file, m.fn);
  }

  /**
   * Chains extended by a prefix written in `file`/`fn`; a chain that came in through a helper call
   * reads the helper's parameters from that call (`func register(g *gin.RouterGroup, prefix string)`).
   */
  private extend(base: Chain[], prefix: Sym, file: string, fn: string | null): Chain[] {
    const plain = goPathText(this.ctx, prefix, file, fn);
    return base.map((b) => {
      const pt = b.bind && b.bind.key === `${file}#${fn}` ? goPathText(this.ctx, prefix, file, fn, b.bind.args) : plain;
      return { ...b, text: joinUrl(b.text, pt.text), unresolved: [...b.unresolved, ...pt.unresolved], notes: [...b.notes, ...pt.notes] };
    });
  }

  /** Does function `fn` return its local `name` (`func (rs X) Routes() chi.Router { r := …; return r }`)? */
  private returned(name: string, file: string, fn: string | null): boolean {
    const f = fn === null ? undefined : this.ctx.evaluator.program.module(file)?.functions[fn];
    return !!f?.returns.some((r) => r.k === 'ref' && r.name === name);
  }

  /**
   * A constructed router: a root, unless something mounts it. One its function returns (a sub-router
   * factory) may also be mounted by a mount we could not follow: then its prefix is in doubt.
   */
  private nodeChains(id: string, label: string, depth: number, returned: boolean): Chain[] {
    if (!this.api.mountable) return [ROOT];
    const ms = this.mounted.get(id);
    if (ms) return ms.flatMap((m) => this.under(m, depth));
    if (returned && this.unresolvedMounts > 0) return [{ text: '', unresolved: [], notes: [`${this.api.noun} \`${label}\` is not mounted where we can see, and ${this.unresolvedMounts} mount${this.unresolvedMounts === 1 ? '' : 's'} of a ${this.api.noun} could not be followed; its prefix may be missing`] }];
    return [ROOT];
  }

  private isConstruction(sym: Sym, file: string, fn: string | null): boolean {
    return sym.k === 'call' && !(sym.callee.k === 'member' && sym.callee.prop in this.api.derive) && this.api.isConstructor(this.ctx.value(sym.callee, file, fn));
  }

  /** The constructed routers an expression may be (through locals, vars and constructor functions), by id. */
  private nodeIds(sym: Sym, file: string, fn: string | null, depth: number): string[] {
    if (depth > MAX_DEPTH) return [];
    if (sym.k === 'ref') {
      const b = this.binding(sym.name, file);
      if (!b) return [];
      const bfn = sym.name.includes('::') ? sym.name.slice(0, sym.name.indexOf('::')) : null;
      if (this.isConstruction(b.sym, b.file, bfn)) return [`${b.file}#${sym.name}`];
      return this.nodeIds(b.sym, b.file, bfn, depth + 1);
    }
    if (sym.k === 'call') return this.returnsOf(sym.callee, file, fn).flatMap((r) => this.nodeIds(r.sym, r.file, r.fn, depth + 1));
    return [];
  }
}

const ROOT: Chain = { text: '', unresolved: [], notes: [] };

function dedupe(list: Chain[]): Chain[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = `${c.text}\0${c.notes.join('\0')}\0${c.bind ? c.bind.key + JSON.stringify(c.bind.args).slice(0, 300) : ''}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
