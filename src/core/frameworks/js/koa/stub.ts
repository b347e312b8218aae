/** Koa (koa-router) route stub: `router.post('/x/:id', …)` after the sibling's registration, answering 501. */
import { callStyleStub } from '../../../fixes/callStub';
import type { StubContribution } from '../../../fixes/stubText';

export const koaStub: StubContribution = {
  routeStub: (input) =>
    callStyleStub(
      {
        language: 'js',
        routeMethod: /^(get|post|put|patch|del|delete|head|options|all)$/,
        methodName: (m) => (m === 'TRACE' ? null : m.toLowerCase()),
        param: (p) => `:${p}`,
        statement: (o) => `${o.receiver}.${o.method}(${o.path}, (ctx) => {\n  ctx.status = 501${o.semicolon}\n  ctx.body = { error: 'Not implemented' }${o.semicolon}\n})${o.semicolon}`,
      },
      input,
    ),
};
