/**
 * What an Express route answers, for the payload relation: the bodies its handler sends with
 * `res.json(x)`, `res.status(n).json(x)` and `res.send({…})`, when the handler is a function of the same
 * file (inline or a local name). The answer is `open` (no shape is judged) as soon as the response object
 * is used in a way whose body cannot be seen: passed to another function, `render`, `redirect`, a stream,
 * `send` of something that is not an object literal, or `next(err)` (an error handler answers elsewhere).
 */
import { memberCallOf, METHOD_BY_NAME } from '../../../resolve/patterns';
import type { ModuleFacts, Sym } from '../../../resolve/sym';
import type { JsCall } from '../../../lang/js/facts';
import type { SchemaDecl, SchemasContribution } from '../../types';
import type { RequestBody } from '../../schemas';
import type { JsBodyRead } from '../../../lang/js/facts';

/** Response methods that send no body, or only set something on the answer. */
const NO_BODY = new Set(['status', 'end', 'sendStatus', 'set', 'setHeader', 'header', 'cookie', 'clearCookie', 'type', 'location', 'vary', 'append', 'links', 'attachment', 'get', 'removeHeader']);

/** The handler's function id: the last argument, inline or a function of this module. */
function handlerFn(last: Sym | undefined, m: ModuleFacts): string | null {
  if (!last) return null;
  if (last.k === 'func') return last.id;
  if (last.k === 'ref') {
    const b = m.bindings[last.name];
    if (b?.k === 'func') return b.id;
  }
  return null;
}

/** The root of a member/call chain (`res` in `res.status(400).json(x)`) and the method names on the way, outermost last. */
function chainOf(sym: Sym): { root: Sym; names: string[] } {
  const names: string[] = [];
  let cur = sym;
  for (let i = 0; i < 8; i++) {
    if (cur.k === 'member') {
      names.unshift(cur.prop);
      cur = cur.obj;
    } else if (cur.k === 'call') cur = cur.callee;
    else break;
  }
  return { root: cur, names };
}

const isParam = (s: Sym, fn: string, index: number): boolean => s.k === 'param' && s.fn === fn && s.index === index;

/** Does a symbol mention the parameter (at top level, in an object or array)? */
function mentions(s: Sym, fn: string, index: number): boolean {
  if (isParam(s, fn, index)) return true;
  if (s.k === 'obj') return Object.values(s.props).some((v) => mentions(v, fn, index)) || s.spreads.some((v) => mentions(v, fn, index));
  if (s.k === 'arr') return s.items.some((v) => mentions(v, fn, index));
  return false;
}

/** The bodies one handler sends, or why they cannot be seen. */
export function handlerBodies(fn: string, calls: readonly JsCall[]): { bodies: Sym[]; open: string | null } {
  const bodies: Sym[] = [];
  for (const call of calls) {
    if (call.args.some((a) => mentions(a, fn, 1))) return { bodies, open: 'the response object is passed to another function' };
    if (isParam(call.callee, fn, 2) && call.args.length > 0) return { bodies, open: '`next(…)` hands the answer to an error handler' };
    const { root, names } = chainOf(call.callee);
    if (!isParam(root, fn, 1) || names.length === 0) continue;
    const last = names[names.length - 1]!;
    if (!names.slice(0, -1).every((n) => n === 'status' || n === 'set' || n === 'type' || n === 'header' || n === 'cookie')) return { bodies, open: `\`res.${names.join('(…).')}\`` };
    if (last === 'json' && call.args[0]) bodies.push(call.args[0]);
    else if (last === 'send' && call.args[0]?.k === 'obj') bodies.push(call.args[0]);
    else if (last === 'json' || NO_BODY.has(last)) continue;
    else return { bodies, open: `\`res.${last}(…)\` sends something whose shape is not read` };
  }
  return { bodies, open: null };
}

/** What handler `fn` reads off `req.body`. */
function requestBody(fn: string, reads: readonly JsBodyRead[]): RequestBody {
  const own = reads.filter((r) => r.fn === fn);
  const open = own.some((r) => r.field === null) ? 'the handler uses its request body as a whole' : null;
  return { fields: [...new Set(own.flatMap((r) => (r.field === null ? [] : [r.field])))], open };
}

const MARKERS = /\.json\s*\(|\.send\s*\(/;
/** A function answering with its second parameter (`res.json(…)`): a handler, maybe registered in another module. */
const ANSWERS = /\bres\s*\.\s*(?:status\s*\([^)]*\)\s*\.\s*)?(?:json|send)\s*\(/;

/** Express answers, one declaration per route registration whose handler is a function of the file. */
export const expressShapes: SchemasContribution = {
  languages: ['js'],
  accepts: (_f, text) => (MARKERS.test(text) && /\.(?:get|post|put|patch|delete|all)\s*\(/.test(text)) || ANSWERS.test(text),
  extract(file) {
    const js = file.js!;
    const out: SchemaDecl[] = [];
    for (const call of js.calls) {
      const c = memberCallOf(call);
      if (!c || !(c.name in METHOD_BY_NAME || c.name === 'all') || c.args.length === 0) continue;
      const last = c.args[c.args.length - 1]!;
      const fn = handlerFn(last, js.module);
      if (!fn && (last.k === 'member' || last.k === 'ref')) out.push({ t: 'response', file: file.ref.path, fn: call.fn, route: call.anchor, bodies: [], open: null, handler: last });
      if (!fn || js.module.functions[fn]?.params.length === 0) continue;
      const { bodies, open } = handlerBodies(fn, js.calls);
      out.push({ t: 'response', file: file.ref.path, fn, route: call.anchor, bodies, open, body: requestBody(fn, js.bodyReads ?? []) });
    }
    // Functions of this module that answer through their second parameter (controllers registered elsewhere).
    if (ANSWERS.test(file.text)) {
      for (const f of Object.values(js.module.functions)) {
        if (f.params.length < 2 || f.params[1]!.name !== 'res') continue;
        const { bodies, open } = handlerBodies(f.id, js.calls);
        if (bodies.length > 0 || open !== null) out.push({ t: 'answer', file: file.ref.path, fn: f.id, bodies, open, body: requestBody(f.id, js.bodyReads ?? []) });
      }
    }
    return out;
  },
};
