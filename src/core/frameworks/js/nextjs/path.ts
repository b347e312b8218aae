/** Next.js file-system segments: `[id]`, catch-all `[...slug]`, optional catch-all `[[...slug]]`. */
import type { PathSyntax } from '../../../match/path';

export const nextjsSyntax: PathSyntax = {
  id: 'nextjs',
  segment(text) {
    let m = /^\[\[\.\.\.([^\]]+)\]\]$/.exec(text);
    if (m) return { t: 'splat', name: m[1]!, optional: true };
    m = /^\[\.\.\.([^\]]+)\]$/.exec(text);
    return m ? { t: 'splat', name: m[1]!, optional: false } : null;
  },
  pieces: /\[([A-Za-z_][\w-]*)\]/,
};
