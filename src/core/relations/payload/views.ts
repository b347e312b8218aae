/**
 * Answers per endpoint for routes whose handler names a view class (`IssueViewSet.retrieve`,
 * `ProfileView`): a DRF ViewSet's actions are all registered at one `router.register(…)`, so they cannot be
 * keyed by where they are registered. The class is found by name among the classes the schemas
 * contributions declared (`view`); a name two modules define is not judged.
 */
import type { Evaluator } from '../../resolve/evaluate';
import type { SchemaDecl } from '../../frameworks/types';
import { projectOf } from '../../project/projects';
import type { Endpoint, FileLocation } from '../../types';
import type { ModuleFacts, Sym } from '../../resolve/sym';
import { modelFields } from './dtos';
import type { RelationInput } from '../types';
import type { PayloadAnswer } from './index';
import { applyStyle, type Fields } from './shape';
import { viewShape } from './drfViews';

type View = Extract<SchemaDecl, { t: 'view' }>;
type Handler = Extract<SchemaDecl, { t: 'handler' }>;
interface Shape {
  readonly answer: Fields;
  readonly body: Fields | null;
  readonly at: FileLocation | null;
  readonly okOnly: boolean;
}

const camel = (f: Fields): Fields => (typeof f === 'string' ? f : new Set([...f].map((n) => applyStyle(n, 'camel'))));

/**
 * View shapes of the last run, each with the modules it read (their facts then): an edit run takes a
 * shape again when every one of those modules is still the same parse (an edited file is parsed anew).
 */
export type ViewShapes = Map<string, { readonly shape: ReturnType<typeof viewShape>; readonly deps: ReadonlyMap<string, ModuleFacts | undefined> }>;

export async function viewAnswers(
  input: RelationInput,
  ev: Evaluator,
  views: ReadonlyMap<string, readonly View[]>,
  camelRoots: ReadonlySet<string>,
  handlers: ReadonlyMap<string, Handler>,
  last: ViewShapes | undefined,
): Promise<{ answers: Map<string, PayloadAnswer>; bodies: Map<string, { fields: Fields; at: FileLocation }>; shapes: ViewShapes }> {
  const answers = new Map<string, PayloadAnswer>();
  const bodies = new Map<string, { fields: Fields; at: FileLocation }>();
  // One view action is often routed at several paths (a ViewSet under two prefixes): read it once.
  const memo: ViewShapes = new Map();
  if (views.size === 0 && handlers.size === 0) return { answers, bodies, shapes: memo };
  const shapeOf = (file: string, key: string, compute: () => ReturnType<typeof viewShape>) => keptShape(input, last, memo, file, key, compute);
  for (const ep of input.services.endpoints) {
    if (ep.source !== 'code' || ep.kind !== 'http' || ep.method === '*' || !ep.handler) continue;
    const shape = viewOf(ev, ep, views, camelRoots, input, shapeOf) ?? handlerOf(ev, ep, handlers);
    if (!shape) continue;
    await input.ctx.pause();
    const at: FileLocation = shape.at ?? { file: ep.file, line: ep.line, column: ep.column, endLine: ep.endLine, endColumn: ep.endColumn };
    answers.set(ep.id, { fields: shape.answer, at, okOnly: shape.okOnly });
    if (shape.body !== null) bodies.set(ep.id, { fields: shape.body, at });
  }
  return { answers, bodies, shapes: memo };
}

/** A view's shape: this run's, the last run's when nothing it read changed, or computed with its reads recorded. */
function keptShape(input: RelationInput, last: ViewShapes | undefined, memo: ViewShapes, file: string, key: string, compute: () => ReturnType<typeof viewShape>): ReturnType<typeof viewShape> {
  const now = memo.get(key);
  if (now) return now.shape;
  const prev = last?.get(key);
  if (prev && [...prev.deps].every(([f, facts]) => input.program.module(f) === facts)) {
    memo.set(key, prev);
    return prev.shape;
  }
  const reads = new Set<string>([file]);
  const outer = input.program.readsInto ?? null;
  input.program.readsInto = reads;
  let shape: ReturnType<typeof viewShape>;
  try {
    shape = compute();
  } finally {
    input.program.readsInto = outer;
  }
  memo.set(key, { shape, deps: new Map([...reads].map((f) => [f, input.program.module(f)])) });
  return shape;
}

const lineAt = (file: string, line: number | null | undefined): FileLocation | null => (line ? { file, line, column: 1, endLine: line, endColumn: 1 } : null);

/** A DRF view's action (`Cls.action`, or `Cls` answering the endpoint's method). */
function viewOf(ev: Evaluator, ep: Endpoint, views: ReadonlyMap<string, readonly View[]>, camelRoots: ReadonlySet<string>, input: RelationInput, shapeOf: (file: string, key: string, compute: () => ReturnType<typeof viewShape>) => ReturnType<typeof viewShape>): Shape | null {
  const m = /^(\w+)(?:\.(\w+))?$/.exec(ep.handler!);
  const found = m ? views.get(m[1]!) : undefined;
  if (!m || !found || found.length !== 1) return null;
  const file = found[0]!.file;
  const shape = shapeOf(file, `${file}#${ep.handler}#${ep.method}`, () => {
    try {
      return viewShape(ev, file, m[1]!, m[2] ?? null, ep.method);
    } catch (err) {
      return { answer: `its answer could not be read (${(err as Error).message})`, body: null, line: null, file };
    }
  });
  if (!shape) return null;
  const isCamel = camelRoots.has(projectOf(input.projects, found[0]!.file).root);
  // The camel-case parser turns camelCase keys back into snake_case: both spellings reach the serializer.
  const body = shape.body !== null && isCamel && typeof shape.body !== 'string' ? new Set([...shape.body, ...camel(shape.body)]) : shape.body;
  return { answer: isCamel ? camel(shape.answer) : shape.answer, body, at: lineAt(shape.file, shape.line), okOnly: true };
}

/** The handler function an endpoint names: a path (`handlers::create_user`) or `Class.method`, evaluated where the route is registered. */
function handlerFn(ev: Evaluator, ep: Endpoint): { file: string; id: string } | null {
  const method = /^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)$/.exec(ep.handler!);
  if (method) {
    const v = ev.evaluate({ k: 'ref', name: method[1]! }, { file: ep.file, fn: null, params: null });
    const id = v.t === 'class' ? ev.program.module(v.file)?.classes[v.name]?.methods?.[method[2]!] : undefined;
    return v.t === 'class' && id ? { file: v.file, id } : null;
  }
  if (!/^[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*$/.test(ep.handler!)) return null;
  const segs = ep.handler!.split('::');
  let sym: Sym = { k: 'ref', name: segs[0]! };
  for (const s of segs.slice(1)) sym = { k: 'member', obj: sym, prop: s };
  const v = ev.evaluate(sym, { file: ep.file, fn: null, params: null });
  return v.t === 'fn' ? { file: v.file, id: v.id } : null;
}

/** A handler's shape (Rust handlers, NestJS controller methods). */
function handlerOf(ev: Evaluator, ep: Endpoint, handlers: ReadonlyMap<string, Handler>): Shape | null {
  if (handlers.size === 0) return null;
  try {
    const fn = handlerFn(ev, ep);
    const h = fn ? handlers.get(`${fn.file}#${fn.id}`) : undefined;
    if (!h) return null;
    const ctx = { file: h.file, fn: null, params: null };
    let answer: Fields;
    if (h.open !== null) answer = h.open;
    else {
      const all = new Set<string>();
      answer = all;
      for (const s of h.success) {
        const f = modelFields(ev, s, ctx, 'out');
        if (typeof f === 'string') {
          answer = f;
          break;
        }
        for (const k of f) all.add(k);
      }
    }
    const body = h.request ? modelFields(ev, h.request, ctx, 'in') : null;
    return { answer, body, at: lineAt(h.file, ev.program.module(h.file)?.functions[h.fn]?.line), okOnly: h.errors };
  } catch {
    return null;
  }
}
