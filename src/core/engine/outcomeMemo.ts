/**
 * The request outcomes an edit run takes over from the last run: by declaration, and by list of
 * declarations that made no request at all (inert lists, taken whole).
 */
import type { ClientDecl, RequestSpec } from '../frameworks/types';

/**
 * A declaration's outcome in the last run: its request (or null), or the error its `resolve` threw; with
 * every module its resolution and drafting read (through remembered answers and the wrappers it used
 * too), and the wrappers it asked for (found or not).
 */
export type RequestOutcome = ({ readonly spec: RequestSpec | null } | { readonly error: string }) & {
  readonly reads: ReadonlySet<string>;
  readonly asked: readonly string[];
};

/**
 * The outcomes by declaration, kept from run to run (an unchanged file keeps its declaration objects) and
 * written in place: a run stamps the outcomes it takes over and records those it resolves, so an edit run
 * touches one entry per declaration instead of building a new table. Only the entries of the last
 * completed run count; a run that did not complete (cancelled, started again) leaves none that count.
 */
export class OutcomeMemo {
  private static runs = 0;
  private readonly entries = new WeakMap<ClientDecl, { outcome: RequestOutcome; run: number }>();
  /** The last completed run (whose entries count), the one reading them, and the one writing. */
  private valid = -1;
  private reading = -1;
  private writing = -1;

  /** A run begins: until it completes, no entry counts for the next one. */
  begin(): void {
    this.reading = this.valid;
    this.valid = -1;
    this.writing = ++OutcomeMemo.runs;
  }

  /** The run completed: its entries are the ones the next run may take. */
  commit(): void {
    this.valid = this.writing;
  }

  /** Nothing counts any more (a configuration change, a run started again). */
  forget(): void {
    this.valid = -1;
  }

  /** The last run's outcome of `decl` when it read none of the `changed` files, marked as this run's. */
  take(decl: ClientDecl, changed: ReadonlySet<string>): RequestOutcome | undefined {
    const e = this.entries.get(decl);
    if (!e || e.run !== this.reading || !unchangedBy(e.outcome, changed)) return undefined;
    e.run = this.writing;
    return e.outcome;
  }

  /** This run's outcome of `decl`. */
  record(decl: ClientDecl, outcome: RequestOutcome): void {
    this.entries.set(decl, { outcome, run: this.writing });
  }

  /**
   * The modules read by a file's declarations (of one framework) when, in the last run, none of them was
   * a request, failed or asked for a wrapper, and none read a `changed` file: the list is then inert
   * again, marked as this run's. Undefined otherwise (its declarations are taken one by one).
   */
  takeInert(list: readonly ClientDecl[], changed: ReadonlySet<string>): readonly string[] | undefined {
    const e = this.inert.get(list);
    if (!e || e.run !== this.reading) return undefined;
    for (const f of e.reads) if (changed.has(f)) return undefined;
    e.run = this.writing;
    return e.reads;
  }

  /** In this run, no declaration of `list` was a request, failed or asked for a wrapper; `reads`: what they read. */
  recordInert(list: readonly ClientDecl[], reads: readonly string[]): void {
    this.inert.set(list, { reads, run: this.writing });
  }

  private readonly inert = new WeakMap<readonly ClientDecl[], { readonly reads: readonly string[]; run: number }>();
}

/** Did the outcome read none of the `changed` files? */
function unchangedBy(last: RequestOutcome, changed: ReadonlySet<string>): boolean {
  for (const f of changed) if (last.reads.has(f)) return false;
  // A request that reached its client through a global name depends on the file that gives it.
  return !('spec' in last && last.spec?.registeredIn && changed.has(last.spec.registeredIn));
}
