/** FastAPI route stub: a decorated handler before the sibling's, on the same router, raising a 501. */
import { afterImports, handlerName, lines, renderPath, type StubInput, type StubResult } from '../../../fixes/stubText';
import { pythonDecoratorReceiver } from '../../../fixes/decoratorStub';
import type { StubContribution } from '../../../fixes/stubText';
import { pyString } from '../../../fixes/codeText';

export const fastapiStub: StubContribution = {
  routeStub(input: StubInput): StubResult {
    const at = pythonDecoratorReceiver(input);
    if ('reason' in at) return at;
    const all = lines(input.text);
    const name = handlerName(input.method, input.segments, 'snake', input.text);
    const params = input.segments.flatMap((s) => ('param' in s ? [`${s.param}: str`] : []));
    const i = at.indent;
    const stub = [
      `${i}@${at.receiver}.${input.method.toLowerCase()}(${pyString(renderPath(input.segments, (p) => `{${p}}`))})`,
      `${i}${at.async ? 'async ' : ''}def ${name}(${params.join(', ')}):`,
      `${i}    raise HTTPException(status_code=501, detail="Not implemented")`,
      '',
      '',
    ].join('\n');
    const edits = [{ line: at.line, column: 1, text: `${stub}\n` }];
    const imported = /^\s*from\s+fastapi\s+import\s[^\n]*\bHTTPException\b|^\s*from\s+fastapi\s+import\s*\([^)]*\bHTTPException\b/m.test(input.text);
    let reveal = at.line;
    if (!imported) {
      const after = afterImports(all, /^(from|import)\s/);
      edits.unshift({ line: after, column: 1, text: 'from fastapi import HTTPException\n' });
      reveal++;
    }
    return { edits, reveal: { line: reveal, column: 1 } };
  },
};
