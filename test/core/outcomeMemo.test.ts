// The request outcomes an edit run takes over (engine/outcomeMemo.ts): only the last completed
// run's, only those that read no changed file, and none after a run that did not complete.
import { describe, expect, it } from 'vitest';
import { OutcomeMemo, type RequestOutcome } from '../../src/core/engine/requests';
import type { ClientDecl } from '../../src/core/frameworks/types';

const decl = (file: string) => ({ file }) as unknown as ClientDecl;
const outcome = (...reads: string[]): RequestOutcome => ({ spec: null, reads: new Set(reads), asked: [] });

describe('request outcomes kept between runs', () => {
  it('takes the last completed run’s outcome when it read none of the changed files', () => {
    const memo = new OutcomeMemo();
    const a = decl('a.ts');
    const b = decl('b.ts');
    const oa = outcome('a.ts');
    const ob = outcome('b.ts', 'c.ts');
    memo.begin();
    memo.record(a, oa);
    memo.record(b, ob);
    memo.commit();
    memo.begin();
    expect(memo.take(a, new Set(['c.ts']))).toBe(oa);
    expect(memo.take(b, new Set(['c.ts']))).toBeUndefined();
    memo.commit();
    // b was resolved again in that run (not recorded here): its old outcome does not come back.
    memo.begin();
    expect(memo.take(a, new Set(['x.ts']))).toBe(oa);
    expect(memo.take(b, new Set(['x.ts']))).toBeUndefined();
  });

  it('takes nothing after a run that did not complete, nor after forget', () => {
    const memo = new OutcomeMemo();
    const a = decl('a.ts');
    const oa = outcome('a.ts');
    memo.begin();
    memo.record(a, oa);
    memo.commit();
    memo.begin(); // cancelled: never committed
    memo.begin();
    expect(memo.take(a, new Set(['z.ts']))).toBeUndefined();
    memo.record(a, oa);
    memo.commit();
    memo.forget();
    memo.begin();
    expect(memo.take(a, new Set(['z.ts']))).toBeUndefined();
  });

  it('keeps a request reached through a global name with the file that gives it', () => {
    const memo = new OutcomeMemo();
    const a = decl('a.ts');
    const oa: RequestOutcome = { spec: { registeredIn: 'main.ts' } as never, reads: new Set(['a.ts']), asked: [] };
    memo.begin();
    memo.record(a, oa);
    memo.commit();
    memo.begin();
    expect(memo.take(a, new Set(['main.ts']))).toBeUndefined();
  });

  it('takes an inert list whole while the modules it read are unchanged, from the last completed run only', () => {
    const memo = new OutcomeMemo();
    const list = [decl('a.ts'), decl('a.ts')];
    memo.begin();
    memo.recordInert(list, ['a.ts', 'b.ts']);
    memo.commit();
    memo.begin();
    expect(memo.takeInert(list, new Set(['b.ts']))).toBeUndefined();
    expect(memo.takeInert(list, new Set(['c.ts']))).toEqual(['a.ts', 'b.ts']);
    memo.commit();
    // Taken in the last run, so it counts again in the next.
    memo.begin();
    expect(memo.takeInert(list, new Set(['c.ts']))).toEqual(['a.ts', 'b.ts']);
    // Not taken by a run (resolved one by one, not inert any more): it does not come back.
    memo.commit();
    memo.begin();
    memo.commit();
    memo.begin();
    expect(memo.takeInert(list, new Set(['c.ts']))).toBeUndefined();
    memo.recordInert(list, ['a.ts']);
    memo.begin(); // that run did not complete
    expect(memo.takeInert(list, new Set(['c.ts']))).toBeUndefined();
  });
});
