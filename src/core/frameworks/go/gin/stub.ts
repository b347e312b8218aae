/** gin route stub: `r.POST("/x/:id", func(c *gin.Context) {…})` after the sibling's registration, answering 501. */
import { callStyleStub } from '../../../fixes/callStub';
import type { StubContribution } from '../../../fixes/stubText';

export const ginStub: StubContribution = {
  routeStub: (input) =>
    callStyleStub(
      {
        language: 'go',
        routeMethod: /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Any)$/,
        methodName: (m) => (m === 'TRACE' ? null : m),
        param: (p) => `:${p}`,
        statement: (o) => `${o.receiver}.${o.method}(${o.path}, func(c *gin.Context) {\n\tc.String(501, "not implemented")\n})`,
        fileProblem: (text) => (/"github\.com\/gin-gonic\/gin"/.test(text) ? null : 'the file does not import gin'),
      },
      input,
    ),
};
