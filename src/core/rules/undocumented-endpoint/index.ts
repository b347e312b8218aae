/**
 * undocumented-endpoint: a route of a service that has API documents, none of which lists it. Only for
 * services with documents tied to them, only plain HTTP routes (not catch-alls, OPTIONS/HEAD or ignored
 * routes), and not when the documents list fewer than half of the service's routes (they are then a
 * partial guide, not a contract; a note says so). Low severity: many APIs document on purpose only a part.
 */
import { label } from '../helpers';
import type { GapRule } from '../types';

const rule: GapRule = {
  meta: {
    kind: 'undocumented-endpoint',
    title: 'Undocumented endpoints',
    name: 'UndocumentedEndpoint',
    short: 'A route its service\'s API documents do not list.',
    full: 'This service has API documents (an OpenAPI spec, a Markdown or text endpoint list), and none of them lists this route. Document it (or regenerate the spec), or add an ignore rule with a reason when it is internal.',
    defaultSeverity: 'hint',
    configurable: true,
    subject: 'endpoint',
  },
  check({ relations }) {
    return relations.docs.undocumented.map(({ endpoint: e, docs, why }) => {
      const { method, path, file, line, column, endLine, endColumn } = e.ep;
      return {
        method,
        path,
        file,
        line,
        column,
        endLine,
        endColumn,
        message: `${label(method, path, e.ep.kind)} is not listed in the API document${docs.length === 1 ? '' : 's'} of service \`${e.service.name}\` (${docs.join(', ')})${why ? `: ${why}` : ''}.`,
        related: [],
        subject: e.ep.id,
      };
    });
  },
};
export default rule;
