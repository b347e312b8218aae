/** chi route stub: `r.Post("/x/{id}", func(w, r) {…})` after the sibling's registration, answering 501. */
import { callStyleStub } from '../../../fixes/callStub';
import type { StubContribution } from '../../../fixes/stubText';

export const chiStub: StubContribution = {
  routeStub: (input) =>
    callStyleStub(
      {
        language: 'go',
        routeMethod: /^(Get|Post|Put|Patch|Delete|Head|Options)$/,
        methodName: (m) => m[0] + m.slice(1).toLowerCase(),
        param: (p) => `{${p}}`,
        statement: (o) => `${o.receiver}.${o.method}(${o.path}, func(w http.ResponseWriter, r *http.Request) {\n\thttp.Error(w, "not implemented", http.StatusNotImplemented)\n})`,
        fileProblem: (text) => (/"net\/http"/.test(text) ? null : 'the file does not import net/http'),
      },
      input,
    ),
};
