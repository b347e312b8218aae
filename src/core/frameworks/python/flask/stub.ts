/** Flask route stub: `@bp.route("/x/<id>", methods=["POST"])` before the sibling's handler, returning 501. */
import { pyString } from '../../../fixes/codeText';
import { pythonDecoratorReceiver } from '../../../fixes/decoratorStub';
import { handlerName, renderPath, type StubContribution } from '../../../fixes/stubText';

export const flaskStub: StubContribution = {
  routeStub(input) {
    const at = pythonDecoratorReceiver(input);
    if ('reason' in at) return at;
    const name = handlerName(input.method, input.segments, 'snake', input.text);
    const params = input.segments.flatMap((s) => ('param' in s ? [s.param] : []));
    const i = at.indent;
    const stub = [
      `${i}@${at.receiver}.route(${pyString(renderPath(input.segments, (p) => `<${p}>`))}, methods=[${pyString(input.method)}])`,
      `${i}${at.async ? 'async ' : ''}def ${name}(${params.join(', ')}):`,
      `${i}    return {"error": "Not implemented"}, 501`,
      '',
      '',
      '',
    ].join('\n');
    return { edits: [{ line: at.line, column: 1, text: stub }], reveal: { line: at.line, column: 1 } };
  },
};
