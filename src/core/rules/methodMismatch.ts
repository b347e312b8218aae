import type { Rule } from './index';
import { label } from './index';
import { methodLabel } from '../report/gapKinds';

/** A call whose path exists, but not with its method. */
const rule: Rule = {
  kind: 'method-mismatch',
  run({ matches }) {
    return matches.flatMap(({ call, outcome }) => {
      if (call.status !== 'method-mismatch' || outcome?.status !== 'method-mismatch') return [];
      const methods = [...new Set(outcome.samePath.map((e) => methodLabel(e.ep.method)))].join(', ');
      const target = outcome.samePath[0]!.ep;
      return [
        {
          method: call.method,
          path: call.path,
          file: call.file,
          line: call.line,
          column: call.column,
          endLine: call.endLine,
          endColumn: call.endColumn,
          message: `${label(call.method, call.path)}: ${target.path} accepts only ${methods} (service \`${target.service}\`).`,
          related: outcome.samePath.map((e) => ({ file: e.ep.file, line: e.ep.line, column: e.ep.column, message: `${label(e.ep.method, e.ep.path)}${e.ep.handler ? ` (${e.ep.handler})` : ''}` })),
          subject: call.id,
        },
      ];
    });
  },
};
export default rule;
