/**
 * DRF payload shapes, for the payload relation: every class of a module that uses DRF is a possible view
 * (the relation reads its serializer or its `Response(…)` answers for the routes whose handler names it),
 * and a module naming djangorestframework-camel-case's renderer makes its project's JSON keys camelCase.
 */
import type { SchemaDecl, SchemasContribution } from '../../types';

const MARKERS = /\brest_framework\b|\bCamelCaseJSONRenderer\b/;

export const drfShapes: SchemasContribution = {
  languages: ['python'],
  accepts: (f, text) => f.ext === '.py' && MARKERS.test(text),
  extract(file) {
    const out: SchemaDecl[] = [];
    const py = file.py!;
    if (/\bCamelCaseJSONRenderer\b/.test(file.text)) out.push({ t: 'case', file: file.ref.path, fn: null, style: 'camel' });
    if (!/\brest_framework\b/.test(file.text)) return out;
    for (const cls of Object.values(py.module.classes)) {
      if (cls.bases.length > 0) out.push({ t: 'view', file: file.ref.path, fn: null, cls: cls.name });
    }
    return out;
  },
};
