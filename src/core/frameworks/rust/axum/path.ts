/** axum paths: `{id}` (0.8), `:id` (0.7) and the wildcards `{*rest}` / `*rest`. */
import type { PathSyntax } from '../../../match/path';

export const axumSyntax: PathSyntax = {
  id: 'axum',
  segment(text) {
    const m = /^\{\*([A-Za-z_]\w*)\}$/.exec(text) ?? /^\*([A-Za-z_]\w*)$/.exec(text);
    return m ? { t: 'splat', name: m[1]!, optional: false } : null;
  },
  pieces: /:([A-Za-z_]\w*)/,
};
