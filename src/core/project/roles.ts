/** Whether a file is application code or a test, mock, fixture or story (the config's `testFiles`). */
import type { Config } from '../config';
import { matchFileGlob } from '../glob';

export type FileRole = 'app' | 'test';

/** A file matched by a `testFiles` glob and by no `!`-negated one is a test file. */
export function fileRole(config: Config, path: string): FileRole {
  const negated = config.testFiles.filter((g) => g.startsWith('!'));
  if (negated.some((g) => matchFileGlob(g.slice(1), path))) return 'app';
  return config.testFiles.some((g) => !g.startsWith('!') && matchFileGlob(g, path)) ? 'test' : 'app';
}
