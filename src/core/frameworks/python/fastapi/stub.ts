/** FastAPI route stub: a decorated handler before the sibling's, on the same router, raising a 501. */
import { afterImports, decoratorBlockStart, handlerName, indentOf, lines, renderPath, spanText, type StubInput, type StubResult } from '../../../fixes/stubText';
import type { StubContribution } from '../../../fixes/stubText';
import { pyString } from '../../../fixes/codeText';

export function pythonDecoratorReceiver(input: StubInput): { receiver: string; line: number; indent: string; async: boolean } | { reason: string } {
  const src = spanText(input.text, input.sibling.span);
  const m = /^@\s*([A-Za-z_][\w.]*)\s*\.\s*\w+\s*\(/.exec(src);
  if (!m) return { reason: 'the route is not registered with a decorator' };
  const all = lines(input.text);
  const line = decoratorBlockStart(all, input.sibling.span.line);
  if (line > 1 && /^\s*[)\]}]/.test(all[line - 2]!)) return { reason: 'the decorators above the route span several lines' };
  const def = all.slice(input.sibling.span.line - 1, input.sibling.span.line + 30).find((l) => /^\s*(async\s+)?def\s/.test(l));
  if (!def) return { reason: 'the decorated function was not found' };
  return { receiver: m[1]!, line, indent: indentOf(all[line - 1]!), async: /^\s*async\s/.test(def) };
}

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
