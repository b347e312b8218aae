/** Fastify route stub: `fastify.post('/x/:id', …)` after the sibling's registration, answering 501. */
import { callStyleStub } from '../../../fixes/callStub';
import type { StubContribution } from '../../../fixes/stubText';

export const fastifyStub: StubContribution = {
  routeStub: (input) =>
    callStyleStub(
      {
        language: 'js',
        routeMethod: /^(get|post|put|patch|delete|head|options|all)$/,
        methodName: (m) => (m === 'TRACE' ? null : m.toLowerCase()),
        param: (p) => `:${p}`,
        statement: (o) => `${o.receiver}.${o.method}(${o.path}, async (request, reply) => reply.code(501).send({ error: 'Not implemented' }))${o.semicolon}`,
      },
      input,
    ),
};
