/**
 * documented-not-implemented: an operation an API document of a service lists (an OpenAPI path item, a
 * `GET /x` line of ENDPOINTS.md) that none of the service's routes serves. Never reported for documents
 * tied to no service, nor for a spec the tool wrote from the code (see relations/docs). A handler's own
 * annotation (utoipa's `#[utoipa::path]`) that documents a route other than the one its handler is
 * registered as is reported here too, once, at the annotation (a spec generated from it is not compared again).
 */
import { endpointRelated, groupByPath, label } from '../helpers';
import type { GapRule } from '../types';
import type { HttpMethod } from '../../types';

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
    const annotations = relations.docs.annotationDrift.map(({ annotation: a, served }) => {
      const as = [...new Set(served.map((e) => label(e.ep.method, e.ep.path)))].join(', ');
      const handler = served[0]?.ep.handler;
      return {
        method: a.method as HttpMethod,
        path: a.path,
        file: a.file,
        line: a.line,
        column: a.column,
        endLine: a.line,
        endColumn: a.column + 1,
        message: `The \`#[utoipa::path]\` annotation${handler ? ` of \`${handler}\`` : ''} documents ${label(a.method as HttpMethod, a.path)}, but the handler is registered as ${as} (what is served). The annotation, and any spec generated from it, is stale or wrong.`,
        related: served.map(endpointRelated),
        subject: `doc:${a.file}:${a.line}:${a.method}`,
      };
    });
    return [...annotations, ...relations.docs.documents.flatMap((d) =>
      d.missing.map(({ op, path, otherMethods, closest }) => {
        const groups = groupByPath(closest);
        const near = groups.length ? ` Closest: ${groups.map((g) => `${g.methods.join(', ')} ${g.path}`).join('; ')}.` : '';
        const other = otherMethods.length ? ` Routes at a matching path: ${otherMethods.map((o) => `\`${o}\``).join(', ')}.` : near;
        const prefix = d.prefix ? ` (with the document's prefix \`${d.prefix}\`)` : '';
        const gen = d.generatedFrom ? ` The spec is generated from the code (${d.generatedFrom}): the committed copy is stale; regenerate it.` : '';
        return {
          method: op.method,
          path,
          file: d.doc.file,
          line: op.line,
          column: op.column,
          endLine: op.line,
          endColumn: op.endColumn,
          message: `${label(op.method, path)}${prefix} is documented but no route of service \`${d.service.name}\` serves it.${other}${gen}`,
          related: closest.map(endpointRelated),
          subject: `doc:${d.doc.file}:${op.line}:${op.method}`,
        };
      }),
    )];
  },
};
export default rule;
