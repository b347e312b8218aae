/**
 * actix-web registrations in one file: builder chains on `App::new()`, `web::scope(…)` and a
 * `configure` function's `&mut ServiceConfig`, resources with their routes, attribute macros on handlers,
 * and utoipa's `#[utoipa::path]` as a second, documenting source.
 */
import type { Sym } from '../../../resolve/sym';
import type { MethodOrAny } from '../../../types';
import type { RsFileFacts, RsFn } from '../../../lang/rust/facts';
import { exprText, type RsExpr } from '../../../lang/rust/expr';
import { attrName, bindPorts, calleePath, endsWith, FnReader, unwind, visitCalls } from '../../../lang/rust/builders';
import { builderNode, WEBSOCKET_HANDLER } from '../../../link/builders';
import type { BackendDecl, MountDecl, RouteDecl } from '../../types';
import { utoipaDecls } from '../utoipa';

const VERBS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace', 'connect'];

export function actixDecls(file: string, rs: RsFileFacts, note: (m: string) => void): BackendDecl[] {
  const out: BackendDecl[] = [];
  for (const fn of rs.fns) {
    out.push(...attrRoutes(file, fn), ...utoipaDecls(file, fn));
    if (upgradesToWebSocket(fn)) out.push({ t: 'conf', file, fn: null, name: WEBSOCKET_HANDLER, key: fn.id, value: { k: 'str', v: fn.id }, span: fn.span });
    const r = new FnReader(file, fn);
    new ChainReader(r, out, note).read();
    for (const port of bindPorts(r)) out.push({ t: 'port', file, fn: fn.id, port });
  }
  return out;
}

/** A handler that answers with a WebSocket: it calls actix-web-actors' `ws::start(…)` (or a variant) or `actix_ws::handle(…)`. */
function upgradesToWebSocket(fn: RsFn): boolean {
  let found = false;
  visitCalls(fn.body, (e) => {
    const p = calleePath(e);
    if (endsWith(p, 'ws', 'start') || endsWith(p, 'ws', 'start_with_addr') || endsWith(p, 'ws', 'start_with_protocols') || endsWith(p, 'actix_ws', 'handle')) found = true;
    return found;
  });
  return found;
}

/** `#[get("/x")]`, `#[route("/x", method = "GET", method = "POST")]` on a handler (owner: the handler). */
function attrRoutes(file: string, fn: RsFn): RouteDecl[] {
  if (fn.id !== fn.name) return [];
  const out: RouteDecl[] = [];
  for (const a of fn.attrs) {
    const name = attrName(a);
    if (a.path.includes('::') && !a.path.startsWith('actix_web::')) continue;
    const path = a.args[0];
    if (path?.k !== 'str' && path?.k !== 'path') continue;
    let methods: MethodOrAny[];
    if (VERBS.includes(name)) methods = [name.toUpperCase() as MethodOrAny];
    else if (name === 'route') methods = a.args.flatMap((x) => (x.k === 'kv' && x.key === 'method' && x.value.k === 'str' ? [x.value.v.toUpperCase() as MethodOrAny] : []));
    else continue;
    if (methods.length === 0) methods = ['*'];
    const r = new FnReader(file, fn);
    out.push({ t: 'route', file, fn: null, kind: 'http', methods, path: r.sym(path), owner: { k: 'ref', name: fn.name }, handler: fn.name, span: a.span, role: 'attr' });
  }
  return out;
}

class ChainReader {
  private readonly done = new Set<string>();

  constructor(
    private readonly r: FnReader,
    private readonly out: BackendDecl[],
    private readonly note: (m: string) => void,
  ) {}

  read(): void {
    const fn = this.r.fn;
    // A function returning a scope or resource: its node hangs under the function.
    if (fn.tail && fn.id === fn.name) {
      const callee = calleePath(this.r.resolve(unwind(this.r.resolve(fn.tail)).base));
      if (isScope(callee) || isResource(callee)) this.serviceArg(fn.tail, { k: 'ref', name: fn.name });
    }
    visitCalls(fn.body, (e) => {
      const node = this.builderOf(unwind(e).base);
      if (!node) return false;
      this.applyChain(e, node);
      return true;
    });
  }

  /** The node a chain's base stands for: `App::new()`, `web::scope(p)`, the `ServiceConfig` parameter. */
  private builderOf(base: RsExpr): Sym | null {
    const b = this.r.resolve(base);
    const callee = calleePath(b);
    if (endsWith(callee, 'App', 'new')) return builderNode(this.r.file, b.k === 'call' ? b.at : { line: 0, column: 0, endLine: 0, endColumn: 0 }, true);
    if (b.k === 'call' && isScope(callee)) return builderNode(this.r.file, b.at, false);
    if (b.k === 'path' && b.segs.length === 1) {
      const alias = this.r.aliases.get(b.segs[0]!);
      if (alias) return alias;
      if (/ServiceConfig\b/.test(this.r.paramType(b.segs[0]!) ?? '') && this.r.fn.id === this.r.fn.name) return { k: 'ref', name: this.r.fn.name };
    }
    return null;
  }

  private applyChain(e: RsExpr, node: Sym): void {
    const key = JSON.stringify(node) + (e.k === 'mcall' ? `${e.at.line}:${e.at.column}` : '');
    if (this.done.has(key)) return;
    this.done.add(key);
    for (const link of unwind(e).links) {
      if (link.name === 'service') link.args.forEach((a) => this.serviceArg(a, node));
      else if (link.name === 'configure' && link.args[0]) this.configureArg(link.args[0], node);
      else if (link.name === 'route' && link.args.length === 2) this.route(node, link.args[0]!, link.args[1]!);
    }
  }

  private mount(parent: Sym, child: Sym, prefix: Sym | null, at: RsExpr): void {
    const span = 'at' in at ? at.at : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    this.out.push({ t: 'mount', file: this.r.file, fn: this.r.fn.id, parent, child, prefix, span } satisfies MountDecl);
  }

  /** `.service(x)`: a scope, a resource, a handler with its own route, a function building either, or a tuple. */
  serviceArg(arg: RsExpr, parent: Sym): void {
    const a = this.r.resolve(arg);
    if (a.k === 'arr') return a.items.forEach((i) => this.serviceArg(i, parent));
    const { base } = unwind(a);
    const b = this.r.resolve(base);
    const callee = calleePath(b);
    if (b.k === 'call' && isScope(callee)) {
      const node = builderNode(this.r.file, b.at, false);
      this.mount(parent, node, b.args[0] ? this.r.sym(b.args[0]) : { k: 'str', v: '' }, b);
      return this.applyChain(a, node);
    }
    if (b.k === 'call' && isResource(callee)) return this.resource(a, parent);
    if (a.k === 'path') return this.mount(parent, this.r.pathSym(a.segs), null, a);
    // `routes()`, `api::scope(&state)`: a function whose returned scope is registered.
    if (a.k === 'call' && a.fn.k === 'path' && !/^[A-Z]/.test(a.fn.segs.at(-2) ?? '')) this.mount(parent, this.r.pathSym(a.fn.segs), null, a);
  }

  private configureArg(arg: RsExpr, parent: Sym): void {
    const a = this.r.resolve(arg);
    if (a.k === 'path') return this.mount(parent, this.r.pathSym(a.segs), null, a);
    if (a.k === 'block' && a.params[0]) {
      this.r.aliases.set(a.params[0], parent);
      visitCalls(a.body, (e) => {
        const node = this.builderOf(unwind(e).base);
        if (!node) return false;
        this.applyChain(e, node);
        return true;
      });
    }
  }

  /** `web::resource(p).route(web::get().to(h)).to(h2)`: one route per method, `.to` alone meaning any. */
  private resource(chain: RsExpr, parent: Sym): void {
    const { base, links } = unwind(chain);
    const b = this.r.resolve(base);
    if (b.k !== 'call' || !b.args[0]) return;
    const paths = b.args[0].k === 'arr' ? b.args[0].items : [b.args[0]];
    for (const link of links) {
      let m: { methods: MethodOrAny[]; handler: RsExpr | null } | null = null;
      if (link.name === 'route' && link.args[0]) m = this.methodRoute(link.args[0]);
      else if (link.name === 'to') m = { methods: ['*'], handler: link.args[0] ?? null };
      if (!m) continue;
      for (const p of paths) this.emit(parent, p, m, link.at);
    }
  }

  private route(parent: Sym, path: RsExpr, routeExpr: RsExpr): void {
    const m = this.methodRoute(routeExpr);
    if (m) this.emit(parent, path, m, 'at' in path ? path.at : undefined);
    else this.note(`\`.route(${exprText(path)}, ${exprText(routeExpr)})\`: the route's method could not be read, so it is not listed`);
  }

  private emit(parent: Sym, path: RsExpr, m: { methods: MethodOrAny[]; handler: RsExpr | null }, at: RouteDecl['span'] | undefined): void {
    const span = at ?? ('at' in path ? path.at : { line: 1, column: 1, endLine: 1, endColumn: 1 });
    const h = m.handler ? this.r.resolve(unwind(this.r.resolve(m.handler)).base) : null;
    const handlerSym = h?.k === 'path' ? { handlerSym: this.r.pathSym(h.segs) } : {};
    this.out.push({ t: 'route', file: this.r.file, fn: this.r.fn.id, kind: 'http', methods: m.methods, path: this.r.sym(path), owner: parent, handler: h ? exprText(h) : null, span, ...handlerSym });
  }

  /** `web::get().to(h)`, `web::route().method(Method::POST).to(h)`, `web::method(Method::GET).to(h)`. */
  private methodRoute(e: RsExpr): { methods: MethodOrAny[]; handler: RsExpr | null } | null {
    const { base, links } = unwind(this.r.resolve(e));
    const callee = calleePath(base);
    if (!callee) return null;
    const last = callee.at(-1)!;
    let methods: MethodOrAny[] | null = null;
    if (VERBS.includes(last) && (callee.length === 1 || callee.at(-2) === 'web')) methods = [last.toUpperCase() as MethodOrAny];
    else if (endsWith(callee, 'web', 'route') || endsWith(callee, 'Route', 'new')) methods = ['*'];
    else if (endsWith(callee, 'web', 'method') && base.k === 'call') methods = [methodConst(base.args[0])];
    if (!methods) return null;
    let handler: RsExpr | null = null;
    for (const l of links) {
      if (l.name === 'to') handler = l.args[0] ?? null;
      else if (l.name === 'method' && methods[0] === '*') methods = [methodConst(l.args[0])];
    }
    return { methods, handler };
  }
}

function methodConst(e: RsExpr | undefined): MethodOrAny {
  const last = e?.k === 'path' ? e.segs.at(-1)! : '';
  return VERBS.includes(last.toLowerCase()) ? (last.toUpperCase() as MethodOrAny) : '*';
}

function isScope(callee: readonly string[] | null): boolean {
  return endsWith(callee, 'web', 'scope') || endsWith(callee, 'utoipa_actix_web', 'scope') || endsWith(callee, 'Scope', 'new');
}

function isResource(callee: readonly string[] | null): boolean {
  return endsWith(callee, 'web', 'resource') || endsWith(callee, 'Resource', 'new');
}
