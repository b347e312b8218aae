import type { Rule } from './index';
import { label } from './index';

/**
 * A route no call in the workspace reaches. Not reported: ignored routes, catch-alls, OPTIONS/HEAD
 * handlers (browsers and proxies call those implicitly), and WebSocket endpoints, whose clients
 * (`new WebSocket`, `io()`) are not indexed yet, so "no callers" would be a guess.
 */
const rule: Rule = {
  kind: 'unused-endpoint',
  run({ endpoints }) {
    return endpoints.flatMap((ep) => {
      if (ep.callers.length > 0 || ep.ignored !== null || ep.path.includes('{...') || ep.method === 'OPTIONS' || ep.method === 'HEAD' || ep.kind !== 'http') return [];
      return [
        {
          method: ep.method,
          path: ep.path,
          file: ep.file,
          line: ep.line,
          column: ep.column,
          endLine: ep.endLine,
          endColumn: ep.endColumn,
          message: `${label(ep.method, ep.path, ep.kind)} has no callers in this workspace.`,
          related: [],
          subject: ep.id,
        },
      ];
    });
  },
};
export default rule;
