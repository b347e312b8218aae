/**
 * What Rust handlers read and answer as JSON, for the payload relation (actix-web, axum): the struct of a
 * `Json<T>` parameter (`web::Json<T>`), and the structs answered by a `Json<T>` return type
 * (`Result<Json<T>, E>`), or by a tail `HttpResponse::Ok().json(T { … })` / `Json(T { … })` (maybe in
 * `Ok(…)`, or through a `let`). A handler with a `return` somewhere, a tail that is a `match`/`if`, a
 * helper's result or a value whose struct is not written is `open`: no shape is judged.
 */
import type { RsExpr } from '../../lang/rust/expr';
import type { RsFn } from '../../lang/rust/facts';
import { pathSym } from '../../lang/rust/syms';
import type { Sym } from '../../resolve/sym';
import type { SchemaDecl, SchemasContribution } from '../types';

const JSON_TYPE = /^(?:[\w:]*::)?Json<\s*([A-Za-z_][\w:]*)\s*>$/;
const JSON_RET = /^(?:(?:[\w:]*::)?Result<\s*)?(?:[\w:]*::)?Json<\s*([A-Za-z_][\w:]*)\s*>/;
const SUCCESS = /^(?:Ok|Created|Accepted|NonAuthoritativeInformation|PartialContent)$/;
const STRUCT_EXPR = /^&?\s*([A-Za-z_][\w]*(?:::[A-Za-z_]\w*)*)\s*\{/;

const NO_SCOPE = { fn: null, locals: new Set<string>(), params: [] };
const typeSym = (text: string): Sym => pathSym(text.split('::'), NO_SCOPE);

/** The struct a value is built as (`T { … }`, `&t` where `let t = T { … }`), or null. */
function structOf(e: RsExpr | undefined, fn: RsFn): Sym | null {
  if (!e) return null;
  if (e.k === 'path' && e.segs.length === 1) {
    const bound = fn.lets[e.segs[0]!];
    return bound ? structOf(bound, { ...fn, lets: {} }) : null;
  }
  if (e.k === 'other') {
    const m = STRUCT_EXPR.exec(e.text.replace(/^&/, ''));
    return m && /^[A-Z]/.test(m[1]!.split('::').pop()!) ? typeSym(m[1]!) : null;
  }
  return null;
}

const lastSeg = (e: RsExpr): string => (e.k === 'path' ? (e.segs[e.segs.length - 1] ?? '') : '');

/** The answer of a tail: `Ok(x)` unwrapped, then `HttpResponse::X().json(v)` or `Json(v)`. */
function tailAnswer(e: RsExpr, fn: RsFn): { success: Sym[]; open: string | null; errors: boolean } {
  if (e.k === 'call' && lastSeg(e.fn) === 'Ok' && e.args.length === 1) return tailAnswer(e.args[0]!, fn);
  if (e.k === 'call' && lastSeg(e.fn) === 'Json' && e.args.length === 1) {
    const s = structOf(e.args[0], fn);
    return s ? { success: [s], open: null, errors: false } : { success: [], open: 'the answer is not a struct written in the handler', errors: false };
  }
  if (e.k === 'mcall' && e.name === 'json' && e.args.length === 1 && e.recv.k === 'call' && e.recv.fn.k === 'path') {
    const segs = e.recv.fn.segs;
    if (segs.length >= 2 && segs[segs.length - 2] === 'HttpResponse') {
      if (!SUCCESS.test(segs[segs.length - 1]!)) return { success: [], open: 'the handler only answers an error', errors: true };
      const s = structOf(e.args[0], fn);
      return s ? { success: [s], open: null, errors: false } : { success: [], open: 'the answer is not a struct written in the handler', errors: false };
    }
  }
  return { success: [], open: 'the handler answers something whose shape is not read', errors: false };
}

function handlerDecl(file: string, fn: RsFn): SchemaDecl | null {
  const jsonParams = fn.params.map((p) => JSON_TYPE.exec(p.type.replace(/\s+/g, ''))).filter((m) => m !== null);
  const request = jsonParams.length === 1 ? typeSym(jsonParams[0]![1]!) : null;
  const ret = fn.ret?.replace(/\s+/g, '') ?? '';
  const jsonRet = JSON_RET.exec(ret);
  let answer: { success: Sym[]; open: string | null; errors: boolean };
  if (jsonRet && !/^(?:[\w:]*::)?Json<Vec</.test(ret)) answer = { success: [typeSym(jsonRet[1]!)], open: null, errors: /Result</.test(ret) };
  else if (fn.early) answer = { success: [], open: 'the handler returns early', errors: false };
  // `Result<HttpResponse, E>`: `?` answers E's error response, whose shape is not read.
  else if (fn.tail) answer = { ...tailAnswer(fn.tail, fn), ...(/Result</.test(ret) ? { errors: true } : {}) };
  else answer = { success: [], open: 'the handler has no tail expression', errors: false };
  if (!request && answer.success.length === 0) return null;
  return { t: 'handler', file, fn: fn.id, request, ...answer };
}

const MARKERS = /\bJson\b|\.json\s*\(/;

/** Handlers' JSON shapes in one Rust file. */
export const serdeShapes: SchemasContribution = {
  languages: ['rust'],
  accepts: (f, text) => f.ext === '.rs' && MARKERS.test(text),
  extract(file) {
    const out: SchemaDecl[] = [];
    for (const fn of file.rs!.fns) {
      const d = handlerDecl(file.ref.path, fn);
      if (d) out.push(d);
    }
    return out;
  },
};
