/**
 * axum route stub: `.route("/x/{id}", axum::routing::post(handler))` chained right after the sibling's
 * `.route(…)`, and the handler, answering 501, at the end of the file. Paths use the sibling's parameter
 * syntax (`{id}` from axum 0.8, `:id` before), or the manifest's version when the sibling shows none.
 */
import { pyString } from '../../../fixes/codeText';
import { closingParen, handlerName, indentOf, lines, offsetOf, positionOf, renderPath, type StubContribution } from '../../../fixes/stubText';
import type { Span } from '../../../types';

const ROUTE_BEFORE = /\.route\s*\(\s*"([^"\\]*)"\s*,\s*$/;

function routeCall(text: string, span: Span): { literal: string; open: number } | null {
  const start = offsetOf(text, span.line, span.column);
  const before = text.slice(Math.max(0, start - 300), start);
  const m = ROUTE_BEFORE.exec(before);
  if (!m) return null;
  return { literal: m[1]!, open: start - before.length + m.index + m[0].indexOf('(') };
}

function braces(literal: string, version: string | undefined): boolean | null {
  if (/\{/.test(literal)) return true;
  if (/(^|\/):/.test(literal)) return false;
  const v = version ? /(\d+)\.(\d+)/.exec(version) : null;
  return v ? Number(v[1]) > 0 || Number(v[2]) >= 8 : null;
}

export const axumStub: StubContribution = {
  pathLiteral: (text, span) => routeCall(text, span)?.literal ?? null,
  routeStub(input) {
    const call = routeCall(input.text, input.sibling.span);
    if (!call) return { reason: 'the route is not registered with `.route("…", method(handler))`' };
    const close = closingParen(input.text, call.open);
    if (close === null) return { reason: 'the registration does not end' };
    const useBraces = braces(call.literal, input.versions['axum']);
    if (useBraces === null && input.segments.some((s) => 'param' in s)) return { reason: 'the axum version (path parameter syntax) is not known' };
    const path = renderPath(input.segments, (p) => (useBraces ? `{${p}}` : `:${p}`));
    const name = handlerName(input.method, input.segments, 'snake', input.text);
    const all = lines(input.text);
    const at = positionOf(input.text, close);
    const dot = offsetOf(input.text, at.line, 1) + indentOf(all[at.line - 1]!).length;
    const indent = input.text[dot] === '.' ? indentOf(all[at.line - 1]!) : `${indentOf(all[at.line - 1]!)}    `;
    const last = all[all.length - 1]!;
    return {
      edits: [
        { line: at.line, column: at.column, text: `\n${indent}.route(${pyString(path)}, axum::routing::${input.method.toLowerCase()}(${name}))` },
        { line: all.length, column: last.length + 1, text: `${last === '' ? '' : '\n'}\nasync fn ${name}() -> axum::http::StatusCode {\n    axum::http::StatusCode::NOT_IMPLEMENTED\n}\n` },
      ],
      reveal: { line: at.line + 1, column: indent.length + 1 },
    };
  },
};
