/**
 * Relations pair the two sides of the workspace: `http` (requests ↔ routes) today; `events`, `docs`
 * and `payload` follow. A relation is one folder under `relations/<id>/` plus one registration line in
 * `relations/registry.ts`; it declares its output type by extending {@link RelationOutputs} with
 * declaration merging, so rules read it typed (`input.relations.events`).
 */
import type { FileStore } from '../engine/files';
import type { RequestIndex } from '../engine/requests';
import type { ServiceIndex } from '../engine/services';
import type { RunContext } from '../engine/types';
import type { Project } from '../project/projects';
import type { WorkspaceProgram } from '../resolve/modules';

/** Each relation's output, by id. Relations add their entry from their own folder. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RelationOutputs {}

export interface RelationInput {
  readonly ctx: RunContext;
  /** Every file's facts and declarations (`store.entries()`). */
  readonly store: FileStore;
  readonly program: WorkspaceProgram;
  readonly projects: readonly Project[];
  readonly services: ServiceIndex;
  readonly requests: RequestIndex;
}

export interface Relation<K extends keyof RelationOutputs = keyof RelationOutputs, State = unknown> {
  readonly id: K;
  readonly title: string;
  /**
   * Pair the two sides. `state` is what this relation returned last run (undefined on the first), for
   * reuse between runs of the language server (memoised outcomes). A relation that loops over many items
   * awaits `input.ctx.pause()` in its loop, so a long run lets the editor's requests in.
   */
  relate(input: RelationInput, state: State | undefined): RelationResult<K, State> | Promise<RelationResult<K, State>>;
}

export interface RelationResult<K extends keyof RelationOutputs, State> {
  readonly output: RelationOutputs[K];
  readonly state: State;
}
