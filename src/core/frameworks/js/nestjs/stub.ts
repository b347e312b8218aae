/**
 * NestJS route stub: a controller method with the method decorator, before the sibling's decorators,
 * throwing `NotImplementedException` (501); the decorator and the exception are added to the file's
 * `@nestjs/common` import (or used through the namespace the sibling uses: `@common.Get`).
 */
import { jsString } from '../../../fixes/codeText';
import { decoratorBlockStart, handlerName, indentOf, lines, positionOf, renderPath, spanText, type StubContribution, type StubEdit } from '../../../fixes/stubText';

const DECORATOR = /^@\s*((?:[A-Za-z_$][\w$]*\.)?)(Get|Post|Put|Patch|Delete|Head|Options|All)\s*\(/;

export const nestjsStub: StubContribution = {
  routeStub(input) {
    const m = DECORATOR.exec(spanText(input.text, input.sibling.span));
    if (!m) return { reason: 'the route is not registered with a method decorator' };
    if (input.method === 'TRACE') return { reason: 'NestJS has no TRACE decorator' };
    const ns = m[1]!;
    const all = lines(input.text);
    const line = decoratorBlockStart(all, input.sibling.span.line);
    if (line > 1 && /^\s*[)\]]/.test(all[line - 2]!)) return { reason: 'the decorators above the route span several lines' };
    const i = indentOf(all[line - 1]!);
    const deco = input.method[0] + input.method.slice(1).toLowerCase();
    const path = renderPath(input.segments, (p) => `:${p}`, false);
    const name = handlerName(input.method, input.segments, 'camel', input.text);
    const edits: StubEdit[] = [];
    if (!ns) {
      const imp = /import\s*\{([^}]*)\}\s*from\s*['"]@nestjs\/common['"]/.exec(input.text);
      if (!imp) return { reason: 'the file has no named import from @nestjs/common' };
      const names = imp[1]!.split(',').map((s) => s.trim().split(/\s+as\s+/)[0]);
      const missing = [deco, 'NotImplementedException'].filter((n) => !names.includes(n));
      if (missing.length) {
        const inner = imp[1]!.replace(/\s+$/, '');
        const at = positionOf(input.text, imp.index + imp[0].indexOf('{') + 1 + inner.length);
        edits.push({ line: at.line, column: at.column, text: `${inner.endsWith(',') || inner.trim() === '' ? ' ' : ', '}${missing.join(', ')}` });
      }
    }
    const stub = [`${i}@${ns}${deco}(${path ? jsString(path) : ''})`, `${i}${name}(): never {`, `${i}  throw new ${ns}NotImplementedException();`, `${i}}`, '', ''].join('\n');
    edits.push({ line, column: 1, text: stub });
    return { edits, reveal: { line, column: i.length + 1 } };
  },
};
