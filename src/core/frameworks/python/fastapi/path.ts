/** FastAPI/Starlette paths: `{id}`, `{id:int}` (the canonical forms) and the catch-all `{rest:path}`. */
import type { PathSyntax } from '../../../match/path';

export const starletteSyntax: PathSyntax = {
  id: 'starlette',
  segment(text) {
    const m = /^\{([A-Za-z_]\w*):path\}$/.exec(text);
    return m ? { t: 'splat', name: m[1]!, optional: false } : null;
  },
};
