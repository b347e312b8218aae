/** Whether a file is application code or a test, mock, fixture or story (the config's `testFiles`). */
import type { Config } from '../config';
import { matchFileGlob } from '../glob';

export type FileRole = 'app' | 'test';

/** Tests, mocks, fixtures, end-to-end specs and stories, by the names their tools use (the config's default `testFiles`). */
export const DEFAULT_TEST_FILES: readonly string[] = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/test_*.py',
  '**/*_test.py',
  '**/*_test.go',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
  '**/cypress/**',
  '**/playwright/**',
  '**/mocks/**',
  '**/mock-*',
  '**/*.mock.*',
  '**/fixtures/**',
  '**/*.stories.*',
];

/**
 * Answers per glob list, by its text: the language server loads the configuration again for every run,
 * so a list is a new array each time while its globs are the same (plane: matching 4,000 paths against
 * 17 globs took 0.15 s of every edit). A few lists are kept.
 */
const roles = new Map<string, Map<string, FileRole>>();
const listKeys = new WeakMap<readonly string[], string>();

/** A file matched by a `testFiles` glob and by no `!`-negated one is a test file. */
export function fileRole(config: Pick<Config, 'testFiles'>, path: string): FileRole {
  return testFilesRole(config.testFiles, path);
}

/**
 * The same answer for a glob list alone. Frameworks that need the defaults use `DEFAULT_TEST_FILES` from
 * here, not `DEFAULT_CONFIG`: config.ts reads the rules registry when it loads, and the rules reach the
 * frameworks (their fix writers), so a framework importing config.ts is an import cycle that leaves
 * `DEFAULT_CONFIG` half built in a bundle that loads the rules first (the extension's client did).
 */
export function testFilesRole(testFiles: readonly string[], path: string): FileRole {
  let key = listKeys.get(testFiles);
  if (key === undefined) listKeys.set(testFiles, (key = testFiles.join('\0')));
  let byPath = roles.get(key);
  if (!byPath) {
    if (roles.size >= 8) roles.clear();
    byPath = new Map();
    roles.set(key, byPath);
  }
  let role = byPath.get(path);
  if (!role) {
    const negated = testFiles.filter((g) => g.startsWith('!'));
    role = negated.some((g) => matchFileGlob(g.slice(1), path)) ? 'app' : testFiles.some((g) => !g.startsWith('!') && matchFileGlob(g, path)) ? 'test' : 'app';
    byPath.set(path, role);
  }
  return role;
}
