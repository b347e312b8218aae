/**
 * Route stubs for frameworks that register routes with a method call on a router (`router.get(path, h)`:
 * Express, Koa, Fastify, Hono, gin, echo, chi): the new registration is a statement of its own right after
 * the sibling's, on the same receiver, with the same indentation and quotes. A sibling that is not one plain
 * statement (`router.route('/x').get(h)`, a chain, a path built from constants) is refused.
 */
import { jsString, pyString } from './codeText';
import { closingParen, handlerName, lines, offsetOf, positionOf, renderPath, spanText, type StubInput, type StubResult } from './stubText';

export interface CallStyle {
  /** The router method registering `method` (`post`, `POST`, `Post`), or null when the framework has none. */
  methodName(method: string): string | null;
  /** Is `name` a route-registering method (the sibling's)? */
  readonly routeMethod: RegExp;
  param(name: string): string;
  /** The registration statement (lines after the first are indented by the caller). `path` is a quoted literal. */
  statement(o: { receiver: string; method: string; path: string; name: string; semicolon: string }): string;
  readonly language: 'js' | 'go';
  /** Why the file cannot hold the stub (a Go import it needs is missing), or null. */
  fileProblem?(text: string): string | null;
}

export function callStyleStub(style: CallStyle, input: StubInput): StubResult {
  const { text, sibling } = input;
  const src = spanText(text, sibling.span);
  const m = /^([A-Za-z_$][\w$]*)\s*\(/.exec(src);
  if (!m || !style.routeMethod.test(m[1]!)) return { reason: 'the route is not registered with a method call' };
  const all = lines(text);
  const before = all[sibling.span.line - 1]!.slice(0, sibling.span.column - 1);
  const r = /^(\s*)([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\.\s*$/.exec(before);
  if (!r) return { reason: 'the route is not a plain `router.method(path, …)` statement' };
  const problem = style.fileProblem?.(text);
  if (problem) return { reason: problem };
  const method = style.methodName(input.method);
  if (!method) return { reason: `the framework has no router method for ${input.method}` };
  const start = offsetOf(text, sibling.span.line, sibling.span.column);
  const close = closingParen(text, start + src.indexOf('('));
  if (close === null) return { reason: 'the registration does not end' };
  const tail = /^(;?)[ \t]*(?:\/\/[^\n]*)?(?:\r?\n|$)/.exec(text.slice(close));
  if (!tail) return { reason: 'the registration is chained or shares its line' };
  const indent = r[1]!;
  const double = style.language === 'go' || /^\w+\s*\(\s*"/.test(src);
  const path = renderPath(input.segments, (p) => style.param(p));
  const name = handlerName(input.method, input.segments, 'camel', text);
  const stmt = style.statement({ receiver: r[2]!, method, path: double ? pyString(path) : jsString(path), name, semicolon: tail[1]! });
  const body = stmt.split('\n').map((l) => (l ? indent + l : l)).join('\n');
  const end = positionOf(text, close);
  if (tail[0].endsWith('\n')) return { edits: [{ line: end.line + 1, column: 1, text: `${body}\n` }], reveal: { line: end.line + 1, column: indent.length + 1 } };
  const at = positionOf(text, close + tail[0].length);
  return { edits: [{ line: at.line, column: at.column, text: `\n${body}\n` }], reveal: { line: at.line + 1, column: indent.length + 1 } };
}
