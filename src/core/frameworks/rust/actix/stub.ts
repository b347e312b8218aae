/**
 * actix-web route stub: a handler with the method macro before the sibling's (`#[get("/x")]`), answering
 * 501, registered with `.service(handler)` right after the sibling's `.service(…)` (in its file, else in
 * the first module of the service that registers it). Builder-registered siblings are refused.
 */
import { pyString } from '../../../fixes/codeText';
import { closingParen, decoratorBlockStart, handlerName, indentOf, lines, positionOf, renderPath, spanText, type StubContribution, type StubEdit } from '../../../fixes/stubText';

const MAX_FILES = 40;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const actixStub: StubContribution = {
  routeStub(input) {
    if (!/^#\[\s*(?:actix_web::)?(get|post|put|patch|delete|head|options|trace|route)\s*\(/.test(spanText(input.text, input.sibling.span))) return { reason: 'the route is not registered with a method macro' };
    const handler = input.sibling.handler?.split('::').pop();
    if (!handler || !/^\w+$/.test(handler)) return { reason: 'the route has no handler name' };
    const name = handlerName(input.method, input.segments, 'snake', input.text);
    // The registration: `.service(handler)` or `.service(path::handler)`.
    const re = new RegExp(`\\.service\\(\\s*((?:[A-Za-z_]\\w*::)*)${escapeRe(handler)}\\s*\\)`);
    const rs = [input.sibling.file, ...input.files.filter((f) => f.endsWith('.rs') && f !== input.sibling.file).slice(0, MAX_FILES)];
    let reg: { file: string; text: string; m: RegExpExecArray } | null = null;
    for (const f of rs) {
      const text = f === input.sibling.file ? input.text : input.readFile(f);
      const m = text ? re.exec(text) : null;
      if (text && m) {
        reg = { file: f, text, m };
        break;
      }
    }
    if (!reg) return { reason: `no \`.service(${handler})\` registration was found` };
    const all = lines(input.text);
    const line = decoratorBlockStart(all, input.sibling.span.line, /^\s*#\[/);
    const i = indentOf(all[line - 1]!);
    const macro = input.method.toLowerCase();
    const stub = [
      `${i}#[actix_web::${macro}(${pyString(renderPath(input.segments, (p) => `{${p}}`))})]`,
      `${i}async fn ${name}() -> actix_web::HttpResponse {`,
      `${i}    actix_web::HttpResponse::NotImplemented().finish()`,
      `${i}}`,
      '',
      '',
    ].join('\n');
    const close = closingParen(reg.text, reg.m.index + '.service'.length);
    if (close === null) return { reason: 'the registration does not end' };
    const at = positionOf(reg.text, close);
    const regLines = lines(reg.text);
    const indent = indentOf(regLines[at.line - 1]!);
    const edits: StubEdit[] = [
      { line, column: 1, text: stub },
      { file: reg.file === input.sibling.file ? undefined : reg.file, line: at.line, column: at.column, text: `\n${indent}${regLines[at.line - 1]!.trimStart().startsWith('.') ? '' : '    '}.service(${reg.m[1]}${name})` },
    ].map((e) => (e.file === undefined ? { line: e.line, column: e.column, text: e.text } : e));
    return { edits, reveal: { line, column: i.length + 1 } };
  },
};
