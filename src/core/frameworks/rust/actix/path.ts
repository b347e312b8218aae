/** actix-web paths: `{id}`, `{id:\\d+}` and the tail match `{tail:.*}`. */
import type { PathSyntax } from '../../../match/path';

export const actixSyntax: PathSyntax = {
  id: 'actix',
  segment(text) {
    const m = /^\{([A-Za-z_]\w*):(?:\.\*|\.\+)\}$/.exec(text);
    return m ? { t: 'splat', name: m[1]!, optional: false } : null;
  },
};
