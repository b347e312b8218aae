/** Whether a file is application code or a test, mock, fixture or story (the config's `testFiles`). */
import type { Config } from '../config';
import { matchFileGlob } from '../glob';

export type FileRole = 'app' | 'test';

/** Answers per configuration (configurations are not changed once loaded). */
const roles = new WeakMap<Config, Map<string, FileRole>>();

/** A file matched by a `testFiles` glob and by no `!`-negated one is a test file. */
export function fileRole(config: Config, path: string): FileRole {
  let byPath = roles.get(config);
  if (!byPath) {
    byPath = new Map();
    roles.set(config, byPath);
  }
  let role = byPath.get(path);
  if (!role) {
    const negated = config.testFiles.filter((g) => g.startsWith('!'));
    role = negated.some((g) => matchFileGlob(g.slice(1), path)) ? 'app' : config.testFiles.some((g) => !g.startsWith('!') && matchFileGlob(g, path)) ? 'test' : 'app';
    byPath.set(path, role);
  }
  return role;
}
