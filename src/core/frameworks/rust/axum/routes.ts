/**
 * axum registrations in one file: `Router::new()` chains with `.route(p, get(h).post(h2))`,
 * `route_service`, `.nest(p, child)` and `.merge(child)` (a router built inline, in a `let`, or by a
 * function in another module), functions that return a router, and utoipa-axum's
 * `OpenApiRouter::new().routes(routes!(a, b))`, whose paths come from each handler's `#[utoipa::path]`.
 */
import type { Sym } from '../../../resolve/sym';
import type { MethodOrAny, Span } from '../../../types';
import type { RsFileFacts } from '../../../lang/rust/facts';
import { exprText, type RsExpr } from '../../../lang/rust/expr';
import { bindPorts, calleePath, endsWith, FnReader, unwind, visitCalls } from '../../../lang/rust/builders';
import { builderNode, WEBSOCKET_HANDLER } from '../../../link/builders';
import type { BackendDecl } from '../../types';
import { utoipaDecls } from '../utoipa';

const VERBS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace', 'connect']);
const ROUTERS = [['Router', 'new'], ['Router', 'default'], ['OpenApiRouter', 'new'], ['OpenApiRouter', 'default'], ['OpenApiRouter', 'with_openapi'], ['ApiRouter', 'new']];

export function axumDecls(file: string, rs: RsFileFacts): BackendDecl[] {
  const out: BackendDecl[] = [];
  for (const fn of rs.fns) {
    out.push(...utoipaDecls(file, fn));
    // A handler that takes the upgrade extractor answers with a WebSocket (see `linkBuilders`).
    if (fn.params.some((p) => /\bWebSocketUpgrade\b/.test(p.type))) out.push({ t: 'conf', file, fn: null, name: WEBSOCKET_HANDLER, key: fn.id, value: { k: 'str', v: fn.id }, span: fn.span });
    const r = new FnReader(file, fn);
    new AxumReader(r, out).read();
    for (const port of bindPorts(r)) out.push({ t: 'port', file, fn: fn.id, port });
  }
  return out;
}

/** `get(h)`, `axum::routing::post(h)`, `get_service(s)`, `any(h)` → its method (`*` for any). */
function verbOf(name: string): MethodOrAny | null {
  const v = name.replace(/_service$/, '');
  if (VERBS.has(v)) return v.toUpperCase() as MethodOrAny;
  return v === 'any' ? '*' : null;
}

class AxumReader {
  private readonly done = new Set<string>();

  constructor(
    private readonly r: FnReader,
    private readonly out: BackendDecl[],
  ) {}

  read(): void {
    const fn = this.r.fn;
    if (fn.tail && fn.id === fn.name) this.child(fn.tail, { k: 'ref', name: fn.name }, null, true);
    visitCalls(fn.body, (e) => {
      const node = this.builderOf(unwind(e).base);
      if (!node) return false;
      this.applyChain(e, node);
      return true;
    });
  }

  private builderOf(base: RsExpr): Sym | null {
    const b = this.r.resolve(base);
    const callee = calleePath(b);
    if (b.k === 'call' && ROUTERS.some((r) => endsWith(callee, ...r))) return builderNode(this.r.file, b.at, false);
    // A router the function receives: where it is mounted is not known here (its routes stay partial).
    if (b.k === 'path' && b.segs.length === 1 && /\b(?:OpenApi)?Router\b/.test(this.r.paramType(b.segs[0]!) ?? '')) return this.r.sym(b);
    return null;
  }

  private applyChain(e: RsExpr, node: Sym): void {
    const key = JSON.stringify(node) + (e.k === 'mcall' ? `${e.at.line}:${e.at.column}` : '');
    if (this.done.has(key)) return;
    this.done.add(key);
    for (const link of unwind(e).links) {
      const [a0, a1] = link.args;
      if (link.name === 'route' && a0 && a1) this.route(node, a0, a1);
      else if (link.name === 'route_service' && a0) this.emit(node, a0, '*', null, a0.k === 'str' ? a0.at : link.at);
      else if (link.name === 'nest' && a0 && a1) this.child(a1, node, this.r.sym(a0), false);
      else if (link.name === 'merge' && a0) this.child(a0, node, null, false);
      else if (link.name === 'routes' && a0?.k === 'macro' && a0.name === 'routes') {
        for (const h of a0.args) if (h.k === 'path') this.mount(node, this.r.pathSym(h.segs), null, h.at, 'docs');
      }
    }
  }

  private mount(parent: Sym, child: Sym, prefix: Sym | null, span: Span, role?: 'docs'): void {
    this.out.push({ t: 'mount', file: this.r.file, fn: this.r.fn.id, parent, child, prefix, span, ...(role ? { role } : {}) });
  }

  /** A router nested or merged (or returned, `tail`): built inline or in a `let`, or by a function. */
  private child(arg: RsExpr, parent: Sym, prefix: Sym | null, tail: boolean): void {
    const a = this.r.resolve(arg);
    const { base } = unwind(a);
    const b = this.r.resolve(base);
    const node = this.builderOf(b);
    const at = 'at' in b ? b.at : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    if (node && node.k === 'str') {
      this.mount(parent, node, prefix, at);
      return this.applyChain(a, node);
    }
    if (tail) return;
    const callee = calleePath(b);
    // `api::router()`, `users::routes(state.clone())`: the router a function of the workspace builds.
    if (callee && /^[a-z_]/.test(callee.at(-1)!) && !/^[A-Z]/.test(callee.at(-2) ?? '')) this.mount(parent, this.r.pathSym(callee), prefix, at);
  }

  private route(node: Sym, path: RsExpr, mr: RsExpr): void {
    const { base, links } = unwind(this.r.resolve(mr));
    const callee = calleePath(base);
    const entries: { method: MethodOrAny; handler: RsExpr | null; at: Span }[] = [];
    const add = (name: string, args: readonly RsExpr[], at: Span) => {
      if (name === 'on') {
        const f = args[0]?.k === 'path' ? args[0].segs.at(-1)!.toLowerCase() : '';
        const m = verbOf(f);
        if (m) entries.push({ method: m, handler: args[1] ?? null, at });
        return;
      }
      const m = verbOf(name);
      if (m) entries.push({ method: m, handler: args[0] ?? null, at });
    };
    if (base.k === 'call' && callee) add(callee.at(-1)!, base.args, base.at);
    for (const l of links) add(l.name, l.args, l.at);
    for (const en of entries) this.emit(node, path, en.method, en.handler, en.at);
  }

  private emit(node: Sym, path: RsExpr, method: MethodOrAny, handler: RsExpr | null, span: Span): void {
    // `get(kv_get.layer(…))`: the handler is the chain's base.
    const h = handler ? this.r.resolve(unwind(this.r.resolve(handler)).base) : null;
    const handlerSym = h?.k === 'path' ? { handlerSym: this.r.pathSym(h.segs) } : {};
    this.out.push({ t: 'route', file: this.r.file, fn: this.r.fn.id, kind: 'http', methods: [method], path: this.r.sym(path), owner: node, handler: h ? exprText(h) : null, span, ...handlerSym });
  }
}
