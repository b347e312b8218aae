/** Echo paths: `:id` parameters and the catch-all `*` (unnamed, or `*name`). */
import type { PathSyntax } from '../../../match/path';

export const echoSyntax: PathSyntax = {
  id: 'echo',
  segment(text) {
    const m = /^\*([A-Za-z_]\w*)?$/.exec(text);
    return m ? { t: 'splat', name: m[1] ?? 'wildcard', optional: true } : null;
  },
  pieces: /:([A-Za-z_]\w*)/,
};

/** Echo joins a group's prefix and a route's path as they are, and gives a path its leading `/`. */
export function echoJoin(prefix: string, path: string): string {
  const j = prefix + path;
  return j.startsWith('/') ? j : `/${j}`;
}
