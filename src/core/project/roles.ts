/** Whether a file is application code or a test, mock, fixture or story (the config's `testFiles`). */
import type { Config } from '../config';
import { matchFileGlob } from '../glob';

export type FileRole = 'app' | 'test';

export function fileRole(config: Config, path: string): FileRole {
  return config.testFiles.some((g) => matchFileGlob(g, path)) ? 'test' : 'app';
}
