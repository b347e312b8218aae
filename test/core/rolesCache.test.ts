/**
 * File roles are kept per glob list by its text: the language server loads its configuration again for
 * every run (a new `testFiles` array with the same globs), and matching every path of a large workspace
 * against the globs on every edit cost plane 0.15 s per edit.
 */
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../src/core/glob', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/glob')>();
  return { ...real, matchFileGlob: (g: string, p: string) => (calls.n++, real.matchFileGlob(g, p)) };
});

import { DEFAULT_TEST_FILES, testFilesRole } from '../../src/core/project/roles';

describe('file roles', () => {
  it('a new list with the same globs reuses the answers; another list does not', () => {
    const paths = ['web/src/a.test.ts', 'web/src/a.ts', 'api/tests/test_x.py', 'api/app/main.py'];
    const first = paths.map((p) => testFilesRole([...DEFAULT_TEST_FILES], p));
    expect(first).toEqual(['test', 'app', 'test', 'app']);
    const afterFirst = calls.n;
    expect(afterFirst).toBeGreaterThan(0);
    expect(paths.map((p) => testFilesRole([...DEFAULT_TEST_FILES], p))).toEqual(first);
    expect(calls.n).toBe(afterFirst);
    expect(testFilesRole([...DEFAULT_TEST_FILES, '!web/src/a.test.ts'], 'web/src/a.test.ts')).toBe('app');
    expect(calls.n).toBeGreaterThan(afterFirst);
  });
});
