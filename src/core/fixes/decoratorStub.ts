/** Where a decorator-registered route's stub goes: before the sibling's decorator block, on the same receiver. */
import { decoratorBlockStart, indentOf, lines, spanText, type StubInput } from './stubText';

/** The sibling's `@receiver.method(…)` decorator: its receiver, its block's first line and indentation, async or not. */
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

