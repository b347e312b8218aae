/** Every relation, in the order they run. Adding one = a folder under `relations/` plus a line here. */
import http from './http';
import docs from './docs';
import events from './events';
import payload from './payload';
import type { Relation, RelationInput, RelationOutputs } from './types';

export const relations: readonly Relation[] = [http as Relation, docs as Relation, events as Relation, payload as Relation];

/** Run every relation; `states` carries each relation's state between runs (by id). */
export async function runRelations(input: RelationInput, states: Map<string, unknown>): Promise<RelationOutputs> {
  const outputs: Partial<Record<keyof RelationOutputs, unknown>> = {};
  for (const r of relations) {
    const { output, state } = await r.relate(input, states.get(r.id));
    outputs[r.id] = output;
    states.set(r.id, state);
  }
  return outputs as RelationOutputs;
}
