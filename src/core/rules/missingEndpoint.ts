import type { Rule } from './index';
import { groupByPath, label } from './index';

/** A resolved call whose path no route of the services it can reach serves. */
const rule: Rule = {
  kind: 'missing-endpoint',
  run({ matches }) {
    return matches.flatMap(({ call, outcome }) => {
      if (call.status !== 'missing' || outcome?.status !== 'missing') return [];
      const where = outcome.searched.length === 1 ? `service \`${outcome.searched[0]!.name}\`` : `services ${outcome.searched.map((s) => `\`${s.name}\``).join(', ')}`;
      const groups = groupByPath(outcome.nearest);
      const closest = groups.length ? ` Closest: ${groups.map((g) => `${g.methods.join(', ')} ${g.path}`).join('; ')}.` : '';
      return [
        {
          method: call.method,
          path: call.path,
          file: call.file,
          line: call.line,
          column: call.column,
          endLine: call.endLine,
          endColumn: call.endColumn,
          message: `No route for ${label(call.method, call.path)} in ${where}.${closest}`,
          related: outcome.nearest.map((e) => ({ file: e.ep.file, line: e.ep.line, column: e.ep.column, message: `${label(e.ep.method, e.ep.path)}${e.ep.handler ? ` (${e.ep.handler})` : ''}` })),
          subject: call.id,
        },
      ];
    });
  },
};
export default rule;
