/**
 * What a DRF view answers and reads, per action: an action the view (or a workspace base) writes itself
 * answers what its `return Response(…)` statements send (a dict literal, or `serializer.data` of one
 * serializer instance); a generic action it inherits from DRF (`retrieve`, `create`, `update`,
 * `partial_update`) answers and reads its `serializer_class` (or the one class `get_serializer_class`
 * returns). `list` (an array, maybe paginated) and `destroy` (no body) are never judged. Answers with an
 * error status (`status=status.HTTP_400_BAD_REQUEST`, `status=404`) are left out: the fields are those of
 * the successful answers (`okOnly`), which only a client that rejects error answers (axios) reads alone.
 */
import type { Evaluator } from '../../resolve/evaluate';
import { stripGlobal } from '../../resolve/evaluate';
import type { Sym } from '../../resolve/sym';
import type { Ctx, Value } from '../../resolve/value';
import { fieldsOfBody, type Fields } from './shape';
import { isSerializerValue, serializerData, serializerShape } from './drf';

export interface ViewShape {
  readonly answer: Fields;
  /** What the action reads off its request body (null: not judged). */
  readonly body: Fields | null;
  /** The function or class the shape comes from, as `file` and 1-based line (null: unknown). */
  readonly line: number | null;
  readonly file: string;
}

const GENERIC = new Set(['retrieve', 'create', 'update', 'partial_update']);
const READS_BODY = new Set(['create', 'update', 'partial_update']);

interface Chain {
  /** Methods by name, nearest class first: where each is defined. */
  readonly methods: Map<string, { file: string; fnId: string }>;
  readonly attrs: Map<string, { file: string; sym: Sym }>;
  /** Names of the DRF (outside) bases, for the generic actions of a plain `Cls` handler. */
  readonly exts: string[];
}

function chainOf(ev: Evaluator, file: string, name: string): Chain | string {
  const chain: Chain = { methods: new Map(), attrs: new Map(), exts: [] };
  const walk = (f: string, n: string, depth: number): string | null => {
    const cls = ev.program.module(f)?.classes[n];
    if (!cls || depth > 8) return `view \`${n}\` cannot be read`;
    for (const [m, id] of Object.entries(cls.methods ?? {})) if (!chain.methods.has(m)) chain.methods.set(m, { file: f, fnId: id });
    for (const [a, s] of Object.entries(cls.attrs)) if (!chain.attrs.has(a)) chain.attrs.set(a, { file: f, sym: s });
    for (const b of cls.bases) {
      const bv = ev.evaluate(b, { file: f, fn: null, params: null });
      if (bv.t === 'ext') chain.exts.push(stripGlobal(bv.path).split('.').pop() ?? '');
      else if (bv.t === 'class') {
        const why = walk(bv.file, bv.name, depth + 1);
        if (why) return why;
      } else return `a base of \`${n}\` cannot be read`;
    }
    return null;
  };
  return walk(file, name, 0) ?? chain;
}

/** The generic action a plain view class's method runs (`RetrieveUpdateAPIView`: GET → retrieve). */
function genericAction(method: string, exts: readonly string[]): string | null {
  const has = (w: string) => exts.some((e) => e.includes(w) && /APIView$|Mixin$/.test(e));
  if (method === 'GET' && has('Retrieve')) return 'retrieve';
  if (method === 'POST' && has('Create')) return 'create';
  if (method === 'PUT' && has('Update')) return 'update';
  if (method === 'PATCH' && has('Update')) return 'partial_update';
  return null;
}

/** The shape of `Cls.action` (a ViewSet route) or `Cls` answering `method` (a class view). */
export function viewShape(ev: Evaluator, file: string, cls: string, action: string | null, method: string): ViewShape | null {
  const chain = chainOf(ev, file, cls);
  if (typeof chain === 'string') return { answer: chain, body: null, line: null, file };
  if (chain.attrs.has('renderer_classes')) return { answer: 'the view sets its own renderers', body: null, line: null, file };
  const own = action ?? method.toLowerCase();
  const name = chain.methods.has(own) ? own : action === null ? genericAction(method, chain.exts) : own;
  if (name === null || name === 'list' || name === 'destroy') return null;
  const def = chain.methods.get(name);
  if (def) return { answer: returnedFields(ev, def.file, def.fnId), body: null, line: ev.program.module(def.file)?.functions[def.fnId]?.line ?? null, file: def.file };
  if (!GENERIC.has(name)) return null;
  const ser = serializerOf(ev, chain);
  if (typeof ser === 'string') return { answer: ser, body: null, line: null, file };
  const shape = serializerShape(ev, ser.file, ser.name);
  if (typeof shape === 'string') return { answer: shape, body: null, line: null, file };
  return { answer: shape.out, body: READS_BODY.has(name) ? shape.in : null, line: ev.program.module(ser.file)?.classes[ser.name]?.line ?? null, file: ser.file };
}

/** `serializer_class`, or the one class every return of `get_serializer_class` names. */
function serializerOf(ev: Evaluator, chain: Chain): { file: string; name: string } | string {
  if (chain.methods.has('get_serializer')) return 'the view overrides `get_serializer`';
  const getter = chain.methods.get('get_serializer_class');
  const syms = getter ? ev.program.module(getter.file)?.functions[getter.fnId]?.returns.map((s) => ({ file: getter.file, fn: getter.fnId, sym: s })) : undefined;
  const attr = chain.attrs.get('serializer_class');
  const candidates = syms ?? (attr ? [{ file: attr.file, fn: null, sym: attr.sym }] : []);
  let found: { file: string; name: string } | null = null;
  for (const c of candidates) {
    const v = ev.evaluate(c.sym, { file: c.file, fn: c.fn, params: null });
    if (v.t !== 'class' || !isSerializerValue(ev, v)) return 'its serializer class cannot be read';
    if (found && (found.file !== v.file || found.name !== v.name)) return '`get_serializer_class` returns several serializers';
    found = { file: v.file, name: v.name };
  }
  return found ?? 'the view names no serializer';
}

/** The fields of every successful `Response(…)` a method returns. */
function returnedFields(ev: Evaluator, file: string, fnId: string): Fields {
  const fn = ev.program.module(file)?.functions[fnId];
  if (!fn || fn.returns.length === 0) return 'the action returns nothing that can be read';
  const out = new Set<string>();
  let ok = 0;
  for (const r of fn.returns) {
    const ctx = { file, fn: fnId, params: null };
    const v = ev.evaluate(r, ctx);
    if (v.t !== 'call' || v.callee.t !== 'ext' || !/(?:^|\.)Response$/.test(stripGlobal(v.callee.path))) return 'the action returns something other than a `Response(…)`';
    const status = v.kw['status'] ?? v.args[1];
    const code = status ? statusCode(ev.evaluate(status, v.ctx), status) : 200;
    if (code === null) return 'the status of an answer cannot be read';
    if (code >= 300) continue;
    const body = v.args[0] ?? v.kw['data'];
    if (!body) return 'an answer has no body that can be read';
    const f = bodyFields(ev, body, v.ctx);
    if (typeof f === 'string') return f;
    for (const k of f) out.add(k);
    ok++;
  }
  return ok === 0 ? 'the action sends no successful answer that can be read' : out;
}

function bodyFields(ev: Evaluator, body: Sym, ctx: Ctx): Fields {
  if (body.k === 'member' && body.prop === 'data') {
    const owner = ev.evaluate(body.obj, ctx);
    return serializerData(ev, owner) ?? 'the answer is not the data of one serializer';
  }
  if (body.k !== 'obj') return 'the answer is not a literal or a serializer';
  return fieldsOfBody(ev, body, ctx, true);
}

/** `status.HTTP_201_CREATED` → 201, `404` → 404; null when not read. */
function statusCode(v: Value, s: Sym): number | null {
  if (v.t === 'num') return v.v;
  const path = v.t === 'ext' ? stripGlobal(v.path) : s.k === 'member' ? s.prop : '';
  const m = /HTTP_(\d{3})(?:_|$)/.exec(path);
  return m ? Number(m[1]) : null;
}
