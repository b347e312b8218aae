/**
 * Route registrations in one Go file, for router frameworks described as data ({@link GoRouterSpec}):
 * registrations on values that are routers (by declared type, constructor or derivation, read in the
 * file), callbacks given the router, mounts, and calls that pass a router on to a helper function.
 * Cross-file work (which router a parameter is, prefixes) is `link/goRouters.ts`.
 */
import type { BackendDecl, ParsedFile } from '../../frameworks/types';
import type { Sym } from '../../resolve/sym';
import { handlerName } from '../../resolve/patterns';
import type { EndpointKind, MethodOrAny } from '../../types';
import type { GoCall, GoFileFacts } from './facts';

export type GoRegistration =
  | { readonly t: 'route'; readonly methods: readonly MethodOrAny[]; readonly path: Sym; readonly handler?: Sym; readonly kind?: EndpointKind }
  /** A function given the router (chi `Route("/x", func(r chi.Router) {…})`), under `prefix`. */
  | { readonly t: 'callback'; readonly prefix: Sym | null; readonly fn: Sym }
  /** A router mounted under `prefix` (chi `Mount("/x", sub)`). */
  | { readonly t: 'mount'; readonly prefix: Sym | null; readonly child: Sym }
  /**
   * net/http `Handle(pattern, h)`: a route, unless `h` is a router (through `http.StripPrefix(p, h)`): one
   * of this framework's is mounted (under the stripped prefix, or `mountAt`), another framework's is left to it.
   */
  | { readonly t: 'handle'; readonly methods: readonly MethodOrAny[]; readonly path: Sym; readonly handler: Sym; readonly mountAt?: Sym };

export interface GoRouterSpec {
  /** Import paths of the framework's packages. */
  readonly packages: readonly string[];
  /** Router type names in those packages (`Engine`, `RouterGroup`). */
  readonly types: readonly string[];
  /** Package functions that construct a router (`New`, `Default`). */
  readonly constructors: readonly string[];
  /** Methods returning a router derived from their receiver (name → prefix argument index, or null). */
  readonly derive: Readonly<Record<string, number | null>>;
  /** Is the package itself a router (net/http's `http.HandleFunc` registers on the default mux)? */
  readonly packageIsRouter?: boolean;
  /** Registrations only on values known to be routers (names like `Get` are common elsewhere). */
  readonly strict: boolean;
  /** Otherwise, the registration names that still need a value known to be a router (`Static`, `Any`). */
  readonly strictNames?: ReadonlySet<string>;
  /** Methods that serve a router on an address (`Run`, `Start`, `ListenAndServe`): name → address argument index. */
  readonly serve?: Readonly<Record<string, number>>;
  /** What calling `name` on a router registers, or null when the method is not a registration. */
  register(name: string, args: readonly Sym[]): GoRegistration | GoRegistration[] | null;
}

type Verdict = 'yes' | 'maybe' | 'no';

/** Router types of the Go frameworks we know, for telling a router handed to another one from a handler. */
const GO_ROUTER_TYPES = new Set([
  'github.com/gin-gonic/gin.Engine',
  'github.com/gin-gonic/gin.RouterGroup',
  'github.com/go-chi/chi/v5.Mux',
  'github.com/go-chi/chi/v5.Router',
  'github.com/go-chi/chi.Mux',
  'github.com/go-chi/chi.Router',
  'github.com/labstack/echo/v4.Echo',
  'github.com/gorilla/mux.Router',
  'net/http.ServeMux',
  'github.com/go-pkgz/routegroup.Bundle',
]);
const GO_ROUTER_CONSTRUCTORS = new Set([
  'github.com/gin-gonic/gin.New',
  'github.com/gin-gonic/gin.Default',
  'github.com/go-chi/chi/v5.NewRouter',
  'github.com/go-chi/chi/v5.NewMux',
  'github.com/go-chi/chi.NewRouter',
  'github.com/labstack/echo/v4.New',
  'github.com/gorilla/mux.NewRouter',
  'net/http.NewServeMux',
  'github.com/go-pkgz/routegroup.New',
]);

/** The route, callback, mount and helper-call declarations of one file. */
export function extractGoRoutes(file: ParsedFile, spec: GoRouterSpec): BackendDecl[] {
  const go = file.go;
  if (!go) return [];
  const r = new RouterReader(go, spec);
  const out: BackendDecl[] = [];
  for (const call of go.calls) r.call(call, file.ref.path, out);
  // Test files are no part of the package's program: the routers they pass around mount nothing.
  return file.ref.path.endsWith('_test.go') ? out.filter((d) => d.t !== 'mount') : out;
}

class RouterReader {
  constructor(
    private readonly go: GoFileFacts,
    private readonly spec: GoRouterSpec,
  ) {}

  call(call: GoCall, file: string, out: BackendDecl[]): void {
    const c = call.callee;
    const at = { file, fn: call.fn, span: call.anchor };
    if (c.k === 'member') {
      const reg = this.spec.register(c.prop, call.args);
      if (reg) {
        const v = this.routerish(c.obj, 0);
        if (v === 'no' || (v === 'maybe' && (this.spec.strict || this.spec.strictNames?.has(c.prop)))) return;
        for (const g of Array.isArray(reg) ? reg : [reg]) {
          if (g.t === 'route') out.push({ t: 'route', ...at, kind: g.kind ?? 'http', methods: g.methods, owner: c.obj, path: withHttpConstants(g.path), handler: goHandlerName(g.handler) });
          else if (g.t === 'handle') this.handle(g, c.obj, at, out);
          else if (g.t === 'callback') out.push({ t: 'mount', ...at, parent: c.obj, child: g.fn, prefix: g.prefix });
          else out.push({ t: 'mount', ...at, parent: c.obj, child: this.typedCallees(g.child), prefix: g.prefix });
        }
        return;
      }
      if (c.prop in this.spec.derive) return;
      const addr = this.spec.serve?.[c.prop];
      const port = addr === undefined ? null : literalPort(call.args[addr]);
      if (port !== null && this.routerish(c.obj, 0) === 'yes') out.push({ t: 'port', file, fn: call.fn, port: { k: 'num', v: port } });
    }
    // A router handed to a helper: its parameter stands for this router.
    for (const a of call.args) {
      if (this.routerish(a, 0) !== 'yes') continue;
      out.push({ t: 'mount', ...at, parent: a, child: { k: 'call', callee: this.typed(c), args: call.args }, prefix: null });
    }
  }

  private handle(g: Extract<GoRegistration, { t: 'handle' }>, owner: Sym, at: { file: string; fn: string | null; span: GoCall['span'] }, out: BackendDecl[]): void {
    let h = g.handler;
    // chi `Mount("/x", h)` places a router under its prefix, or serves a handler for the subtree.
    let prefix: Sym | null = g.mountAt ?? null;
    if (h.k === 'call' && h.callee.k === 'member' && h.callee.prop === 'StripPrefix' && h.callee.obj.k === 'ref' && this.importPath(h.callee.obj.name) === 'net/http' && h.args.length === 2) {
      prefix = h.args[0]!;
      h = h.args[1]!;
    }
    const v = this.routerish(h, 0);
    if (v === 'yes') return void out.push({ t: 'mount', ...at, parent: owner, child: this.typedCallees(h), prefix });
    if (this.anyRouter(h, 0)) return;
    // A handler built elsewhere (`api.NewMux()`) may be a mux: the linker keeps the route only when it is not.
    if (v === 'maybe' && (h.k === 'call' || h.k === 'ref')) out.push({ t: 'mount', ...at, parent: owner, child: this.typedCallees(h), prefix });
    out.push({ t: 'route', ...at, kind: 'http', methods: g.methods, owner, path: withHttpConstants(g.path), handler: goHandlerName(g.handler) });
  }

  /** Is a handler a router of any Go framework we know (served by another framework's plugin)? */
  private anyRouter(s: Sym, depth: number): boolean {
    if (depth > 16) return false;
    const t = this.typeOf(s);
    if (t) return GO_ROUTER_TYPES.has(t);
    if (s.k === 'ref' && this.go.module.bindings[s.name]) return this.anyRouter(this.go.module.bindings[s.name]!, depth + 1);
    if (s.k !== 'call' || s.callee.k !== 'member') return false;
    if (s.callee.obj.k === 'ref') {
      const path = this.importPath(s.callee.obj.name);
      if (path !== null) return GO_ROUTER_CONSTRUCTORS.has(`${path}.${s.callee.prop}`);
    }
    return this.anyRouter(s.callee.obj, depth + 1) && /^(Group|With|Route|Mount)$/.test(s.callee.prop);
  }

  /** A method called on a value of a workspace type, as `{class T}.method` for the linker. */
  private typed(callee: Sym): Sym {
    if (callee.k !== 'member') return callee;
    const t = this.typeOf(callee.obj);
    return t ? { k: 'member', obj: { k: 'class', name: t }, prop: callee.prop } : callee;
  }

  private typedCallees(s: Sym): Sym {
    return s.k === 'call' ? { ...s, callee: this.typed(s.callee) } : s;
  }

  /** The declared type of a parameter, receiver or var; null when not declared. */
  private typeOf(s: Sym): string | null {
    if (s.k === 'param') return (s.index === -1 ? this.go.receivers[s.fn]?.type : this.go.paramTypes[s.fn]?.[s.index]) || null;
    if (s.k === 'ref') return this.go.varTypes[s.name] ?? null;
    if (s.k === 'member') {
      const t = this.typeOf(s.obj);
      return t ? (this.go.fieldTypes[`${t}.${s.prop}`] ?? null) : null;
    }
    return null;
  }

  private verdictOfType(t: string, depth = 0): Verdict {
    for (const p of this.spec.packages) if (this.spec.types.some((n) => t === `${p}.${n}`)) return 'yes';
    if (t.includes('.')) return 'no'; // a type of another package is something else
    // A struct of this file is a router when it embeds one (`type Server struct { *gin.Engine }`).
    const fields = Object.entries(this.go.fieldTypes).filter(([k]) => k.startsWith(`${t}.`));
    if (fields.length === 0 || depth > 4) return 'maybe';
    return fields.some(([k, ft]) => k === `${t}.${ft.slice(ft.lastIndexOf('.') + 1)}` && this.verdictOfType(ft, depth + 1) === 'yes') ? 'yes' : 'no';
  }

  /** Is a value a router, as far as this file tells? */
  routerish(s: Sym, depth: number): Verdict {
    if (depth > 16) return 'maybe';
    const mod = this.go.module;
    switch (s.k) {
      case 'param':
      case 'member': {
        const t = this.typeOf(s);
        return t ? this.verdictOfType(t) : 'maybe';
      }
      case 'ref': {
        const path = this.importPath(s.name);
        if (path !== null) return this.spec.packageIsRouter && this.spec.packages.includes(path) ? 'yes' : 'no';
        const t = this.go.varTypes[s.name];
        if (t) return this.verdictOfType(t);
        const b = mod.bindings[s.name];
        return b ? this.routerish(b, depth + 1) : 'maybe';
      }
      case 'call': {
        const c = s.callee;
        if (c.k !== 'member') return 'maybe';
        if (c.prop in this.spec.derive) return this.routerish(c.obj, depth + 1);
        const path = c.obj.k === 'ref' ? this.importPath(c.obj.name) : null;
        if (path !== null && this.spec.packages.includes(path)) return this.spec.constructors.includes(c.prop) ? 'yes' : 'no';
        return 'maybe';
      }
      default:
        return 'no';
    }
  }

  /** The import path a package name stands for in this file (not the package's own names). */
  private importPath(name: string): string | null {
    const i = this.go.module.imports[name];
    return i && i.name === '*' ? i.specifier : null;
  }
}

/** net/http's method constants inside a path pattern (`http.MethodDelete + " /orders/{id}"`) as their text. */
function withHttpConstants(s: Sym): Sym {
  if (s.k === 'member' && s.obj.k === 'ref' && /^Method[A-Z][a-z]+$/.test(s.prop)) return { k: 'str', v: s.prop.slice(6).toUpperCase() };
  if (s.k === 'concat') return { k: 'concat', parts: s.parts.map(withHttpConstants) };
  return s;
}

/** A handler's name, seen through net/http's adapters (`http.HandlerFunc(f)`, `http.StripPrefix(p, h)`). */
function goHandlerName(s: Sym | undefined): string | null {
  if (s?.k === 'call' && s.callee.k === 'member' && /^(HandlerFunc|StripPrefix|TimeoutHandler|MaxBytesHandler)$/.test(s.callee.prop) && s.args.length > 0) {
    const inner = s.args[s.callee.prop === 'HandlerFunc' ? 0 : s.callee.prop === 'StripPrefix' ? 1 : 0];
    return inner?.k === 'call' ? goHandlerName(inner) : handlerName(inner);
  }
  return handlerName(s);
}

/** The port of a literal address (`":8080"`, `"0.0.0.0:8080"`), or null. */
function literalPort(s: Sym | undefined): number | null {
  const m = s?.k === 'str' ? /:(\d{2,5})$/.exec(s.v) : null;
  return m ? Number(m[1]) : null;
}
