/** Hono route stub: `app.post('/x/:id', …)` after the sibling's registration, answering 501. */
import { callStyleStub } from '../../../fixes/callStub';
import type { StubContribution } from '../../../fixes/stubText';

export const honoStub: StubContribution = {
  routeStub: (input) =>
    callStyleStub(
      {
        language: 'js',
        routeMethod: /^(get|post|put|patch|delete|options|all)$/,
        methodName: (m) => (m === 'TRACE' || m === 'HEAD' ? null : m.toLowerCase()),
        param: (p) => `:${p}`,
        statement: (o) => `${o.receiver}.${o.method}(${o.path}, (c) => c.json({ error: 'Not implemented' }, 501))${o.semicolon}`,
      },
      input,
    ),
};
