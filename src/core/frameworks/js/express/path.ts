/** Express paths: `:id`, `:id(\\d+)`, optional `:id?`, catch-alls `*`, `*rest` (v5), `(.*)`, `{*rest}`. */
import type { PathSyntax } from '../../../match/path';

export const expressSyntax: PathSyntax = {
  id: 'express',
  // `:id?` before the `?` is mistaken for a query string.
  prepare: (raw) => raw.replace(/:([A-Za-z_]\w*)\?(?=\/|$)/g, '{$1?}'),
  segment(text) {
    if (text === '*' || text === '(.*)') return { t: 'splat', name: 'wildcard', optional: false };
    const m = /^\*([A-Za-z_]\w*)$/.exec(text) ?? /^\{\*([A-Za-z_]\w*)\}$/.exec(text);
    return m ? { t: 'splat', name: m[1]!, optional: false } : null;
  },
  pieces: /:([A-Za-z_]\w*)(?:\([^)]*\))?/,
};
