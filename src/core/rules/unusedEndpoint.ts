import type { Rule } from './index';
import { label } from './index';

/** A route no call in the workspace reaches (ignored routes and catch-alls excepted). */
const rule: Rule = {
  kind: 'unused-endpoint',
  run({ endpoints }) {
    return endpoints.flatMap((ep) => {
      if (ep.callers.length > 0 || ep.ignored !== null || ep.path.includes('{...')) return [];
      return [
        {
          method: ep.method,
          path: ep.path,
          file: ep.file,
          line: ep.line,
          column: ep.column,
          endLine: ep.endLine,
          endColumn: ep.endColumn,
          message: `${label(ep.method, ep.path)} has no callers in this workspace.`,
          related: [],
          subject: ep.id,
        },
      ];
    });
  },
};
export default rule;
