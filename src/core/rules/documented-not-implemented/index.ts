/**
 * documented-not-implemented: an operation an API document of a service lists (an OpenAPI path item, a
 * `GET /x` line of ENDPOINTS.md) that none of the service's routes serves. Never reported for documents
 * tied to no service, nor for a spec the tool wrote from the code (see relations/docs).
 */
import { endpointRelated, groupByPath, label } from '../helpers';
import type { GapRule } from '../types';

const rule: GapRule = {
  meta: {
    kind: 'documented-not-implemented',
    title: 'Documented, not implemented',
    name: 'DocumentedNotImplemented',
    short: 'An API document lists an operation no route of its service serves.',
    full: 'An API document of this service (an OpenAPI spec, a Markdown or text endpoint list) lists an operation that none of the service\'s routes serves. Either the document is stale (update or regenerate it) or the route is missing from the code.',
    defaultSeverity: 'warning',
    configurable: true,
    subject: 'endpoint',
  },
  check({ relations }) {
    return relations.docs.documents.flatMap((d) =>
      d.missing.map(({ op, path, otherMethods, closest }) => {
        const groups = groupByPath(closest);
        const near = groups.length ? ` Closest: ${groups.map((g) => `${g.methods.join(', ')} ${g.path}`).join('; ')}.` : '';
        const other = otherMethods.length ? ` Routes at a matching path: ${otherMethods.map((o) => `\`${o}\``).join(', ')}.` : near;
        const prefix = d.prefix ? ` (with the document's prefix \`${d.prefix}\`)` : '';
        return {
          method: op.method,
          path,
          file: d.doc.file,
          line: op.line,
          column: op.column,
          endLine: op.line,
          endColumn: op.endColumn,
          message: `${label(op.method, path)}${prefix} is documented but no route of service \`${d.service.name}\` serves it.${other}`,
          related: closest.map(endpointRelated),
          subject: `doc:${d.doc.file}:${op.line}:${op.method}`,
        };
      }),
    );
  },
};
export default rule;
