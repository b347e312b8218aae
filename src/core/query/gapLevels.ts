/**
 * The Gap Explorer served one level at a time: the tree of `gapTree` is built once per snapshot and
 * filter, and each request gets only the rows below one parent, without their children. A workspace with
 * thousands of routes then sends the rows a person sees, not every route, call and gap.
 */
import { gapTree, type GapFilter, type GapTree, type TreeFolder, type TreeNode } from './tree';

export interface GapLevel {
  /** The rows below the parent (the groups for the top), each with `children: []`. */
  readonly nodes: readonly TreeNode[];
  readonly state: GapTree['state'];
  /** Leaves that pass the filter, and all of them. */
  readonly shown: number;
  readonly total: number;
}

/** A built tree and its rows by id. */
export interface GapTreeIndex {
  readonly tree: GapTree;
  readonly byId: ReadonlyMap<string, TreeNode>;
}

export function indexGapTree(folders: readonly TreeFolder[], indexing: boolean, filter: GapFilter = {}): GapTreeIndex {
  const tree = gapTree(folders, indexing, filter);
  const byId = new Map<string, TreeNode>();
  const walk = (n: TreeNode): void => {
    byId.set(n.id, n);
    n.children.forEach(walk);
  };
  tree.roots.forEach(walk);
  return { tree, byId };
}

/** The rows below `parent` (null: the top), without their own children; none for a row that is gone. */
export function gapLevel(index: GapTreeIndex, parent: string | null): GapLevel {
  const { tree } = index;
  const list = parent === null ? tree.roots : (index.byId.get(parent)?.children ?? []);
  return { nodes: list.map((n) => ({ ...n, children: [] })), state: tree.state, shown: tree.shown ?? 0, total: tree.total ?? 0 };
}

/**
 * A one-entry memo of the tree for the folders' snapshots and a filter: expanding rows one after the other
 * asks the same tree again and again; a new snapshot (another result object) or filter builds it anew.
 */
export class GapTreeCache {
  private last: { key: string; folders: readonly TreeFolder[]; index: GapTreeIndex } | null = null;

  get(folders: readonly TreeFolder[], indexing: boolean, filter: GapFilter): GapTreeIndex {
    const key = `${indexing}\u0000${JSON.stringify(filter)}`;
    const same = this.last && this.last.key === key && this.last.folders.length === folders.length && this.last.folders.every((f, i) => f.key === folders[i]!.key && f.result === folders[i]!.result);
    if (!same || !this.last) this.last = { key, folders, index: indexGapTree(folders, indexing, filter) };
    return this.last.index;
  }
}
