/**
 * net/http (Go 1.22 `ServeMux`) patterns: `[METHOD ][HOST]/PATH`, `{name}` wildcards, `{name...}` for the
 * rest of the path, `{$}` for the exact path, and a trailing `/` for the whole subtree.
 */
import type { PathSyntax } from '../../../match/path';

export const netHttpSyntax: PathSyntax = {
  id: 'nethttp',
  segment(text) {
    const m = /^\{([A-Za-z_]\w*)\.\.\.\}$/.exec(text);
    return m ? { t: 'splat', name: m[1]!, optional: true } : null;
  },
};
