/**
 * Per-file answers kept in the facts store between runs: one table per workspace root and kind of answer
 * (`key`), each row valid for one digest of the file's content and one scope (a digest of whatever else
 * the answer depends on), so a row is reused only when both are the same. The table is read when a run
 * first asks, and written again when an answer was computed again or a file is gone; a stale, damaged
 * or missing table only costs the computations.
 */
import { createHash } from 'node:crypto';
import type { FactsStore } from './factsCache';

/** A table's key in the store: its kind and a digest of what it is for (root, format, inputs shared by every row). */
export const memoKey = (kind: string, parts: unknown): string => `${kind}:${createHash('sha256').update(JSON.stringify(parts)).digest('base64')}`;

export interface MemoRow<V> {
  readonly digest: string;
  readonly scope: string;
  readonly value: V;
}

/** How a table is stored: `decode` returns null for a text that is not a table (it is then ignored). */
export interface MemoCodec<V> {
  encode(rows: ReadonlyMap<string, MemoRow<V>>): string;
  decode(text: string): Map<string, MemoRow<V>> | null;
}

export class FileMemo<V> {
  private stored: Map<string, MemoRow<V>> | null = null;
  private readonly made = new Map<string, MemoRow<V>>();
  private changed = false;

  constructor(
    private readonly store: FactsStore | undefined,
    private readonly key: string,
    private readonly codec: MemoCodec<V>,
  ) {}

  /** The file's answer: the stored one when its digest and scope are the same, else `compute`'s (no memory without a store, digest or scope). */
  get(path: string, digest: string | null | undefined, scope: string | null, compute: () => V): V {
    if (!this.store || !digest || scope === null) return compute();
    const old = this.table().get(path);
    if (old && old.digest === digest && old.scope === scope) {
      this.made.set(path, old);
      return old.value;
    }
    const value = compute();
    this.made.set(path, { digest, scope, value });
    this.changed = true;
    return value;
  }

  /** Store the table (the files listed in `keep`) when an answer was computed again or a stored file is gone. */
  save(keep: ReadonlySet<string>): void {
    if (!this.store || this.stored === null) return;
    const rows = new Map<string, MemoRow<V>>();
    for (const [path, row] of this.stored) if (keep.has(path)) rows.set(path, row);
    const dropped = rows.size < this.stored.size;
    for (const [path, row] of this.made) if (keep.has(path)) rows.set(path, row);
    if (!this.changed && !dropped) return;
    this.store.set(this.key, this.codec.encode(rows));
    this.stored = rows;
    this.made.clear();
    this.changed = false;
  }

  private table(): Map<string, MemoRow<V>> {
    if (this.stored === null) {
      const text = this.store!.get(this.key);
      this.stored = (text !== null && this.codec.decode(text)) || new Map();
    }
    return this.stored;
  }
}
