/**
 * What remembered answers read. The evaluator remembers module-level answers (bindings, exports) for
 * the rest of a run; when {@link Program.readsInto} collects what an evaluation reads (an edit run's
 * dependency tracking), an answer taken from memory must count the modules its computation read, or a
 * request resolved through it would seem not to depend on them.
 */
import type { Program } from './value';

export class ReadLog {
  private readonly byKey = new Map<string, ReadonlySet<string>>();

  constructor(private readonly program: Program) {}

  /** Run `compute` with its module reads recorded under `key` (and added to the reads in progress). */
  record<T>(key: string, compute: () => T): T {
    const outer = this.program.readsInto ?? null;
    const inner = new Set<string>();
    this.program.readsInto = inner;
    try {
      return compute();
    } finally {
      this.program.readsInto = outer;
      this.byKey.set(key, inner);
      if (outer) for (const f of inner) outer.add(f);
    }
  }

  /** A remembered answer is used: what it read counts as read by the evaluation in progress. */
  replay(key: string): void {
    const outer = this.program.readsInto;
    const recorded = this.byKey.get(key);
    if (outer && recorded) for (const f of recorded) outer.add(f);
  }
}
