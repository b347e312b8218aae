/**
 * The payload relation: what each route answers (its fields, when every answer can be seen) and which
 * fields code reads off each request's answer. The pairing itself follows the http relation's matches
 * and is done by the payload-mismatch rule: answers are keyed by where their route is registered (the
 * endpoint's location), reads by the request call's location (the call's).
 */
import { Evaluator } from '../../resolve/evaluate';
import { indexedFrameworks } from '../../frameworks/registry';
import type { SchemaDecl } from '../../frameworks/types';
import { projectOf } from '../../project/projects';
import { fileRole } from '../../project/roles';
import type { FileLocation } from '../../types';
import type { Relation } from '../types';
import { fieldsOfBody, modelInputFields, type Fields } from './shape';
import { sentBodies } from './sends';
import { bodyResults, wrappedCalls } from './wrappers';
import { typedReads } from './typed';
import { viewAnswers, type ViewShapes } from './views';

export interface PayloadAnswer {
  /** The fields of every answer together, or why they cannot be seen. */
  readonly fields: Fields;
  /** Where the first answer is built (the handler), for related locations. */
  readonly at: FileLocation;
  /** The fields are those of the successful answers only (error answers were left out): only reads that never see an error answer (axios `.data`) are judged. */
  readonly okOnly?: boolean;
}

export interface PayloadRead {
  readonly field: string;
  /** `typed`: the request call's type argument declares the body as the client hands it back. */
  readonly via: 'result' | 'json' | 'data' | 'typed';
  readonly at: FileLocation;
  /** Read because a declared type of the answer has this required property (`at` is the type's use). */
  readonly declared?: { readonly type: string; readonly at: FileLocation };
  /** Its project makes axios hand back bodies (a response interceptor): `.data` is not the body there. */
  readonly unwrapped: boolean;
}

export interface PayloadRelation {
  /** `file:line:column` of a route registration → its answer. */
  readonly answers: ReadonlyMap<string, PayloadAnswer>;
  /** `file:line:column` of a route registration → what its handler reads off the request body. */
  readonly bodies: ReadonlyMap<string, { readonly fields: Fields; readonly at: FileLocation }>;
  /** `file:line:column` of a request call → the fields of the JSON body it sends (a literal object). */
  readonly sends: ReadonlyMap<string, { readonly fields: ReadonlySet<string>; readonly at: FileLocation }>;
  /** `file:line:column` of a request call → the fields read off its answer. */
  readonly reads: ReadonlyMap<string, readonly PayloadRead[]>;
  /** `file:line:column` of wrapper calls whose result is the decoded body (the wrapper returns `res.json()`). */
  readonly bodyResults: ReadonlySet<string>;
  /** `file:line:column` of calls made through a wrapper function: what a type argument there describes is the wrapper's choice. */
  readonly wrapped?: ReadonlySet<string>;
  /** Endpoint id → its answer, where routes registered at one place answer differently (a DRF ViewSet's actions); before `answers`. */
  readonly endpointAnswers?: ReadonlyMap<string, PayloadAnswer>;
  /** Endpoint id → what it reads off its request body; before `bodies`. */
  readonly endpointBodies?: ReadonlyMap<string, { readonly fields: Fields; readonly at: FileLocation }>;
}

declare module '../types' {
  interface RelationOutputs {
    payload: PayloadRelation;
  }
}

type Decl<T extends SchemaDecl['t']> = Extract<SchemaDecl, { t: T }>;

const relation: Relation<'payload', ViewShapes> = {
  id: 'payload',
  title: 'Payload fields: answered ↔ read',
  async relate(input, lastShapes) {
    const responses: Decl<'response'>[] = [];
    const handlers = new Map<string, Decl<'answer'>>();
    const reads: Decl<'read'>[] = [];
    const types = new Map<string, Decl<'types'>>();
    const typed: Decl<'typed'>[] = [];
    const unwrapRoots = new Set<string>();
    const views = new Map<string, Decl<'view'>[]>();
    const camelRoots = new Set<string>();
    const fnShapes = new Map<string, Decl<'handler'>>();
    for (const fw of indexedFrameworks) {
      if (!fw.schemas) continue;
      for (const e of input.store.sources()) {
        for (const d of e.parsed.decls.schemas[fw.id] ?? []) {
          if (fileRole(input.ctx.config, d.file) === 'test') continue;
          if (d.t === 'response') responses.push(d);
          else if (d.t === 'read') reads.push(d);
          else if (d.t === 'answer') handlers.set(`${d.file}#${d.fn}`, d);
          else if (d.t === 'view') views.set(d.cls, [...(views.get(d.cls) ?? []), d]);
          else if (d.t === 'case') camelRoots.add(projectOf(input.projects, d.file).root);
          else if (d.t === 'handler') fnShapes.set(`${d.file}#${d.fn}`, d);
          else if (d.t === 'types') types.set(d.file, d);
          else if (d.t === 'typed') typed.push(d);
          else unwrapRoots.add(projectOf(input.projects, d.file).root);
        }
      }
    }
    const ev = new Evaluator(input.program);
    const answers = new Map<string, PayloadAnswer>();
    const bodies = new Map<string, { fields: Fields; at: FileLocation }>();
    for (const r of responses) {
      await input.ctx.pause();
      const key = `${r.file}:${r.route.line}:${r.route.column}`;
      const own = r.handler ? handlerAnswer(ev, r, handlers) : r;
      if (own) answers.set(key, { fields: answerFields(ev, own), at: { file: r.file, ...r.route } });
      if (own?.body) bodies.set(key, { fields: own.body.open ?? new Set(own.body.fields), at: { file: r.file, ...r.route } });
      const model = r.bodyModel ? modelInputFields(ev, r.bodyModel, { file: r.file, fn: null, params: null }) : null;
      if (model) bodies.set(key, { fields: model, at: { file: r.file, ...r.route } });
    }
    const byEndpoint = await viewAnswers(input, ev, views, camelRoots, fnShapes, lastShapes);
    const sends = await sentBodies(input, ev);
    const byCall = new Map<string, PayloadRead[]>();
    for (const r of reads) {
      const key = `${r.file}:${r.call.line}:${r.call.column}`;
      const list = byCall.get(key) ?? [];
      list.push({ field: r.field, via: r.via, at: { file: r.file, ...r.span }, unwrapped: unwrapRoots.has(projectOf(input.projects, r.file).root) });
      byCall.set(key, list);
    }
    // Declared by a type after the reads written out, which say more (the field is really used).
    for (const [key, list] of typedReads(types, typed, input.program, (f) => unwrapRoots.has(projectOf(input.projects, f).root))) byCall.set(key, [...(byCall.get(key) ?? []), ...list]);
    return { output: { answers, bodies, sends, reads: byCall, bodyResults: bodyResults(input), wrapped: wrappedCalls(input), endpointAnswers: byEndpoint.answers, endpointBodies: byEndpoint.bodies }, state: byEndpoint.shapes };
  },
};
export default relation;

/** A route registered with a function of another module: that function's answer, when it was recorded. */
function handlerAnswer(ev: Evaluator, r: Decl<'response'>, handlers: ReadonlyMap<string, Decl<'answer'>>): Decl<'answer'> | null {
  let v;
  try {
    v = ev.evaluate(r.handler!, { file: r.file, fn: r.fn, params: null });
  } catch {
    return null;
  }
  return v.t === 'fn' ? (handlers.get(`${v.file}#${v.id}`) ?? null) : null;
}

function answerFields(ev: Evaluator, r: Pick<Decl<'response'>, 'file' | 'fn' | 'bodies' | 'open'>): Fields {
  if (r.open !== null) return r.open;
  if (r.bodies.length === 0) return 'the route sends no answer that can be seen';
  const out = new Set<string>();
  for (const b of r.bodies) {
    let f: Fields;
    try {
      f = fieldsOfBody(ev, b, { file: r.file, fn: r.fn, params: null }, r.file.endsWith('.py'));
    } catch (err) {
      f = `its answer could not be read (${(err as Error).message})`;
    }
    if (typeof f === 'string') return f;
    for (const k of f) out.add(k);
  }
  return out;
}
