/**
 * NestJS request bodies, for the payload relation: a route method's one `@Body() dto: CreateUserDto`
 * parameter (the whole body, typed with a class) is validated into that class, so the body is read by its
 * fields. `@Body('name')` (one field) or several bodies are not judged; answers are not read (a declared
 * return type is not checked at run time, and the returned object may carry more).
 */
import type { SchemaDecl, SchemasContribution } from '../../types';

const ROUTE = /^(?:Get|Post|Put|Patch|Delete|All)$/;
const MARKERS = /@Body\s*\(\s*\)/;

export const nestShapes: SchemasContribution = {
  languages: ['js'],
  accepts: (f, text) => f.language === 'js' && MARKERS.test(text),
  extract(file) {
    const js = file.js!;
    const out: SchemaDecl[] = [];
    for (const d of js.decorated) {
      if (d.kind !== 'method' || !d.fnId) continue;
      const isRoute = d.decorators.some((x) => x.expr.k === 'call' && x.expr.callee.k === 'ref' && ROUTE.test(x.expr.callee.name));
      const fact = js.module.functions[d.fnId];
      if (!isRoute || !fact) continue;
      const bodies = fact.params.filter((p) => p.decorators?.some((x) => x === 'Body' || x === 'Body(…)'));
      const whole = bodies.length === 1 && bodies[0]!.decorators!.includes('Body') && bodies[0]!.type ? bodies[0]! : null;
      if (!whole) continue;
      out.push({ t: 'handler', file: file.ref.path, fn: d.fnId, request: { k: 'ref', name: whole.type! }, success: [], open: 'NestJS answers are not read', errors: false });
    }
    return out;
  },
};
