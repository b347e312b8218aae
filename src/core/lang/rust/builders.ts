/**
 * Helpers for reading builder chains in Rust (`App::new().service(…).configure(…)`,
 * `Router::new().route(…).nest(…)`): unwinding a chain into its base and method calls, following
 * `let` bindings, and the per-function scope a framework contribution converts expressions in.
 */
import type { Span } from '../../types';
import type { Sym } from '../../resolve/sym';
import type { RsAttr, RsFn } from './facts';
import type { RsExpr } from './expr';
import { pathSym, rsSym, type SymScope } from './syms';

export interface ChainLink {
  readonly name: string;
  readonly args: readonly RsExpr[];
  readonly at: Span;
}

/** `base.a(x).b(y)` → the base and the method calls in the order they apply. */
export function unwind(e: RsExpr): { base: RsExpr; links: ChainLink[] } {
  const links: ChainLink[] = [];
  let cur = e;
  while (cur.k === 'mcall') {
    links.unshift({ name: cur.name, args: cur.args, at: cur.at });
    cur = cur.recv;
  }
  return { base: cur, links };
}

/** The path a call expression calls (`web::scope` in `web::scope("/x")`), or null. */
export function calleePath(e: RsExpr): readonly string[] | null {
  return e.k === 'call' && e.fn.k === 'path' ? e.fn.segs : null;
}

/** Does a path end with these segments (`web::get` ends with `get`; `actix_web::web::get` with `web`, `get`)? */
export function endsWith(segs: readonly string[] | null, ...tail: string[]): boolean {
  if (!segs || segs.length < tail.length) return false;
  return tail.every((t, i) => segs[segs.length - tail.length + i] === t);
}

/** The last segment of an attribute's path (`actix_web::get` → `get`). */
export function attrName(a: RsAttr): string {
  return a.path.slice(a.path.lastIndexOf(':') + 1);
}

/** One function being read: its scope for symbols, its `let`s, and aliases for closure parameters. */
export class FnReader {
  private readonly scope: SymScope;
  readonly aliases = new Map<string, Sym>();

  constructor(
    readonly file: string,
    readonly fn: RsFn,
  ) {
    this.scope = { fn: fn.id, locals: new Set(Object.keys(fn.lets)), params: fn.params.map((p) => p.name) };
  }

  sym(e: RsExpr): Sym {
    return rsSym(e, this.scope);
  }

  /** A path as a symbol that can be followed to a function across modules. */
  pathSym(segs: readonly string[]): Sym {
    return pathSym(segs, { fn: null, locals: new Set(), params: [] });
  }

  /** A single-name path bound by `let` → its value (followed through `let a = b;`); anything else as is. */
  resolve(e: RsExpr): RsExpr {
    let cur = e;
    for (let i = 0; i < 8 && cur.k === 'path' && cur.segs.length === 1; i++) {
      const v = this.fn.lets[cur.segs[0]!];
      if (!v) break;
      cur = v;
    }
    return cur;
  }

  /** The type written for a parameter of the function, or null. */
  paramType(name: string): string | null {
    return this.fn.params.find((p) => p.name === name)?.type ?? null;
  }
}

/** Every method-call chain and call in a list of expressions, outermost first, closures and blocks entered. */
export function visitCalls(exprs: readonly RsExpr[], visit: (e: RsExpr) => boolean): void {
  const walk = (e: RsExpr): void => {
    if ((e.k === 'mcall' || e.k === 'call') && visit(e)) return;
    switch (e.k) {
      case 'mcall':
        walk(e.recv);
        e.args.forEach(walk);
        return;
      case 'call':
        walk(e.fn);
        e.args.forEach(walk);
        return;
      case 'block':
        e.body.forEach(walk);
        return;
      case 'arr':
        e.items.forEach(walk);
        return;
      case 'other':
        e.inner.forEach(walk);
        return;
      default:
        return;
    }
  };
  exprs.forEach(walk);
}

/**
 * The port a listener binds, from the argument of `bind(…)`: `"0.0.0.0:8080"`, `("0.0.0.0", 8080)`,
 * `SocketAddr::from(([127, 0, 0, 1], 3000))`, or a constant holding one of them.
 */
export function boundPort(arg: RsExpr, r: FnReader): Sym | null {
  const a = r.resolve(arg);
  if (a.k === 'str') {
    const m = /:(\d{2,5})$/.exec(a.v);
    return m ? { k: 'num', v: Number(m[1]) } : null;
  }
  if (a.k === 'arr' && a.items.length === 2) return r.sym(a.items[1]!);
  if (a.k === 'call' && a.args.length === 1 && endsWith(calleePath(a), 'SocketAddr', 'from')) return boundPort(a.args[0]!, r);
  if (a.k === 'macro' && a.name === 'format') return r.sym(a);
  return null;
}

/** Every `bind(…)` call or method call in a function, with the port it binds. */
export function bindPorts(r: FnReader): Sym[] {
  const out: Sym[] = [];
  visitCalls(r.fn.body, (e) => {
    const name = e.k === 'mcall' ? e.name : (calleePath(e)?.at(-1) ?? '');
    if (name === 'bind' && e.k !== 'path' && 'args' in e && e.args[0]) {
      const p = boundPort(e.args[0], r);
      if (p) out.push(p);
    }
    return false;
  });
  return out;
}
