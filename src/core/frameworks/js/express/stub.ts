/** Express route stub: `router.post('/x/:id', …)` after the sibling's registration, answering 501. */
import { callStyleStub } from '../../../fixes/callStub';
import type { StubContribution } from '../../../fixes/stubText';

export const expressStub: StubContribution = {
  routeStub: (input) =>
    callStyleStub(
      {
        language: 'js',
        routeMethod: /^(get|post|put|patch|delete|head|options|all)$/,
        methodName: (m) => (m === 'TRACE' ? null : m.toLowerCase()),
        param: (p) => `:${p}`,
        statement: (o) => `${o.receiver}.${o.method}(${o.path}, (req, res) => {\n  res.status(501).json({ error: 'Not implemented' })${o.semicolon}\n})${o.semicolon}`,
      },
      input,
    ),
};
