/** Django URL patterns: `path()` converters `<int:id>`, `<path:rest>`, and `re_path()` groups `(?P<id>…)`. */
import type { PathSyntax } from '../../../match/path';

export const djangoSyntax: PathSyntax = {
  id: 'django',
  // `re_path(r"^users/(?P<id>\d+)/$")`: the anchors are not part of the path.
  prepare: (raw) => raw.replace(/^\^/, '').replace(/\$$/, ''),
  segment(text) {
    const m = /^<path:([A-Za-z_]\w*)>$/.exec(text);
    return m ? { t: 'splat', name: m[1]!, optional: false } : null;
  },
  pieces: /<(?:[A-Za-z_]\w*:)?([A-Za-z_]\w*)>|\(\?P<([A-Za-z_]\w*)>(?:[^()]|\([^()]*\))*\)/,
};
