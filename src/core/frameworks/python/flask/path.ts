/** Flask/Werkzeug paths: `<id>`, `<int:id>`, `<string(length=2):code>`, and the catch-all `<path:rest>`. */
import type { PathSyntax } from '../../../match/path';

export const flaskSyntax: PathSyntax = {
  id: 'flask',
  segment(text) {
    const m = /^<path:([A-Za-z_]\w*)>$/.exec(text);
    return m ? { t: 'splat', name: m[1]!, optional: false } : null;
  },
  // Converters may take arguments: `<string(length=2):code>`, `<any(about, help):page>`.
  pieces: /<(?:[A-Za-z_]\w*(?:\([^()<>]*\))?:)?([A-Za-z_]\w*)>/,
};
