/** Whether a file is application code or a test, mock, fixture or story (the config's `testFiles`). */
import type { Config } from '../config';
import { matchFileGlob } from '../glob';

export type FileRole = 'app' | 'test';

/** Answers per configuration (configurations are not changed once loaded). */
const roles = new WeakMap<Config, Map<string, FileRole>>();

export function fileRole(config: Config, path: string): FileRole {
  let byPath = roles.get(config);
  if (!byPath) {
    byPath = new Map();
    roles.set(config, byPath);
  }
  let role = byPath.get(path);
  if (!role) {
    role = config.testFiles.some((g) => matchFileGlob(g, path)) ? 'test' : 'app';
    byPath.set(path, role);
  }
  return role;
}
