/** The parts of a V8 CPU profile (`Profiler.stop`) the profiling scripts read, and its call tree. */
export interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

export interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly endTime: number;
}

/** Each node by id and each node's parent: to walk a sample's stack from its leaf. */
export function callTree(profile: Profile): { nodes: Map<number, ProfileNode>; parent: Map<number, number> } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return { nodes, parent };
}
