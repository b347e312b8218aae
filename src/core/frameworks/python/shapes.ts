/**
 * What a decorated Python route answers, for the payload relation (FastAPI, Flask): the declared
 * `response_model=` when there is one, else every value the handler returns (dict literals, model
 * instances, `jsonify({…})`, `JSONResponse({…})`; the relation reads them). A handler that returns
 * nothing readable, or declares a `response_class`, is `open`: no shape is judged.
 */
import { asMemberCall, METHOD_BY_NAME } from '../../resolve/patterns';
import type { SchemaDecl, SchemasContribution } from '../types';
import type { FunctionFact, ModuleFacts, Sym } from '../../resolve/sym';

/** The request body model's candidates: parameters annotated with a plain capitalised name defined or imported in the module. */
function bodyModel(fact: FunctionFact, m: ModuleFacts): Sym | undefined {
  const typed = fact.params.filter((p) => p.type !== undefined && /^[A-Z]\w*$/.test(p.type) && !p.default);
  const models = typed.filter((p) => m.bindings[p.type!]?.k === 'class' || m.imports[p.type!] !== undefined);
  if (models.length === 0 || fact.params.some((p) => p.default?.k === 'call' && /Body|Form|File/.test(p.default.callee.k === 'ref' ? p.default.callee.name : ''))) return undefined;
  // The relation keeps the candidates that are workspace models (a `Request` is not one).
  return { k: 'arr', items: models.map((p): Sym => ({ k: 'ref', name: p.type! })) };
}

const ROUTE_NAMES = new Set([...Object.keys(METHOD_BY_NAME), 'api_route', 'route']);

const MARKERS = /@\s*[\w.]+\.(?:get|post|put|patch|delete|api_route|route)\s*\(/;

export const pythonRouteShapes: SchemasContribution = {
  languages: ['python'],
  accepts: (f, text) => f.ext === '.py' && MARKERS.test(text),
  extract(file) {
    const py = file.py!;
    const out: SchemaDecl[] = [];
    for (const d of py.decorated) {
      if (d.kind !== 'function' || !d.fnId) continue;
      const fact = py.module.functions[d.fnId];
      for (const dec of d.decorators) {
        const c = asMemberCall(dec.expr);
        if (!c || !ROUTE_NAMES.has(c.name) || !fact) continue;
        const model = bodyModel(fact, py.module);
        const base = { t: 'response' as const, file: file.ref.path, fn: d.fnId, route: dec.span, ...(model ? { bodyModel: model } : {}) };
        if (c.kw['response_class']) out.push({ ...base, bodies: [], open: '`response_class=` answers with its own shape' });
        else if (c.kw['response_model']) out.push({ ...base, fn: null, bodies: [c.kw['response_model']], open: null });
        else out.push({ ...base, bodies: fact.returns, open: fact.returns.length === 0 ? 'the handler returns nothing that can be read' : null });
      }
    }
    return out;
  },
};
