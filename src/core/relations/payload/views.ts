/**
 * Answers per endpoint for routes whose handler names a view class (`IssueViewSet.retrieve`,
 * `ProfileView`): a DRF ViewSet's actions are all registered at one `router.register(…)`, so they cannot be
 * keyed by where they are registered. The class is found by name among the classes the schemas
 * contributions declared (`view`); a name two modules define is not judged.
 */
import type { Evaluator } from '../../resolve/evaluate';
import type { SchemaDecl } from '../../frameworks/types';
import { projectOf } from '../../project/projects';
import type { FileLocation } from '../../types';
import type { RelationInput } from '../types';
import type { PayloadAnswer } from './index';
import { applyStyle, type Fields } from './shape';
import { viewShape } from './drfViews';

type View = Extract<SchemaDecl, { t: 'view' }>;

const camel = (f: Fields): Fields => (typeof f === 'string' ? f : new Set([...f].map((n) => applyStyle(n, 'camel'))));

export async function viewAnswers(
  input: RelationInput,
  ev: Evaluator,
  views: ReadonlyMap<string, readonly View[]>,
  camelRoots: ReadonlySet<string>,
): Promise<{ answers: Map<string, PayloadAnswer>; bodies: Map<string, { fields: Fields; at: FileLocation }> }> {
  const answers = new Map<string, PayloadAnswer>();
  const bodies = new Map<string, { fields: Fields; at: FileLocation }>();
  if (views.size === 0) return { answers, bodies };
  for (const ep of input.services.endpoints) {
    const m = ep.source === 'code' && ep.kind === 'http' && ep.method !== '*' && ep.handler ? /^(\w+)(?:\.(\w+))?$/.exec(ep.handler) : null;
    const found = m ? views.get(m[1]!) : undefined;
    if (!m || !found || found.length !== 1) continue;
    await input.ctx.pause();
    let shape;
    try {
      shape = viewShape(ev, found[0]!.file, m[1]!, m[2] ?? null, ep.method);
    } catch (err) {
      shape = { answer: `its answer could not be read (${(err as Error).message})`, body: null, line: null, file: found[0]!.file };
    }
    if (!shape) continue;
    const isCamel = camelRoots.has(projectOf(input.projects, found[0]!.file).root);
    const at: FileLocation = shape.line !== null ? { file: shape.file, line: shape.line, column: 1, endLine: shape.line, endColumn: 1 } : { file: ep.file, line: ep.line, column: ep.column, endLine: ep.endLine, endColumn: ep.endColumn };
    answers.set(ep.id, { fields: isCamel ? camel(shape.answer) : shape.answer, at, okOnly: true });
    // The camel-case parser turns camelCase keys back into snake_case: both spellings reach the serializer.
    if (shape.body !== null) bodies.set(ep.id, { fields: isCamel && typeof shape.body !== 'string' ? new Set([...shape.body, ...camel(shape.body)]) : shape.body, at });
  }
  return { answers, bodies };
}
