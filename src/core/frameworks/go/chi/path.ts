/** chi paths: `{id}`, `{id:[0-9]+}` (the canonical forms) and the catch-all `*` at the end. */
import type { PathSyntax } from '../../../match/path';

export const chiSyntax: PathSyntax = {
  id: 'chi',
  segment: (text) => (text === '*' ? { t: 'splat', name: 'wildcard', optional: true } : null),
};
