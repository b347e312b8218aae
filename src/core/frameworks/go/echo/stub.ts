/** echo route stub: `e.POST("/x/:id", func(c echo.Context) error {…})` after the sibling's registration, answering 501. */
import { callStyleStub } from '../../../fixes/callStub';
import type { StubContribution } from '../../../fixes/stubText';

export const echoStub: StubContribution = {
  routeStub: (input) =>
    callStyleStub(
      {
        language: 'go',
        routeMethod: /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Any)$/,
        methodName: (m) => (m === 'TRACE' ? null : m),
        param: (p) => `:${p}`,
        statement: (o) => `${o.receiver}.${o.method}(${o.path}, func(c echo.Context) error {\n\treturn c.String(501, "not implemented")\n})`,
        fileProblem: (text) => (/"github\.com\/labstack\/echo(\/v\d+)?"/.test(text) ? null : 'the file does not import echo'),
      },
      input,
    ),
};
