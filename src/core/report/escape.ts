/**
 * Output escaping. Every value in a report can come from the workspace (file names, route paths, URLs,
 * reasons from a config file): a terminal must not run its escape sequences, and Markdown must not turn
 * it into links, images or HTML.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Control characters as visible escapes (`\n`, `\r`, `\t`, `\x1b`, `\u2028`): safe on a terminal, one line. */
export function printable(s: string): string {
  return s.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** An inline code span holding exactly `s` (CommonMark: a fence longer than any backtick run inside). */
export function mdCode(s: string): string {
  const text = printable(s);
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Plain Markdown text showing exactly `s`: no code spans, links, images, HTML or emphasis from it. */
export function mdText(s: string): string {
  return printable(s).replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}
