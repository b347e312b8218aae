/** Gin (httprouter) paths: `:id` parameters and the catch-all `*rest`. */
import type { PathSyntax } from '../../../match/path';

export const ginSyntax: PathSyntax = {
  id: 'gin',
  segment(text) {
    const m = /^\*([A-Za-z_]\w*)?$/.exec(text);
    return m ? { t: 'splat', name: m[1] ?? 'wildcard', optional: true } : null;
  },
  pieces: /:([A-Za-z_]\w*)/,
};

/**
 * Gin's `joinPaths`: the group's base path (`/` at the root) and the relative path joined as
 * `path.Join` does (one `/`, no trailing one), keeping a trailing `/` the relative path asks for.
 */
export function ginJoin(prefix: string, rel: string): string {
  const base = prefix || '/';
  if (!rel) return base.startsWith('/') ? base : `/${base}`;
  let j = `/${base}/${rel}`.replace(/\/{2,}/g, '/');
  if (j.length > 1 && j.endsWith('/') && !rel.endsWith('/')) j = j.slice(0, -1);
  return j;
}
