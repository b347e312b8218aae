/**
 * Start tags of Pug templates, as {@link MarkupElement}s: each line's tag (`a`, `form`, or the implicit
 * `div` of `.cls`/`#id`) with its `(attr=value, …)` list. A value that is one quoted string (or template
 * literal) keeps its text without the quotes; any other JavaScript expression keeps its source with `(js)` in front, so
 * readers can tell it from a literal. Text, code lines (`-`, `=`), comments and dot blocks are skipped.
 */
import type { MarkupAttr, MarkupElement } from './elements';
import { Cursor } from './scan';

/** Marks a Pug attribute value that is a JavaScript expression rather than one string. */
export const PUG_EXPRESSION = '(js)';

export function scanPug(text: string): MarkupElement[] {
  const out: MarkupElement[] = [];
  const pos = new Cursor(text);
  // Block expansion (`li: a(href='/x')`): the tags before the last `: ` are skipped, the last one is read.
  const re = /^([ \t]*)((?:(?:[A-Za-z][\w-]*)?(?:[.#][\w-]+)*(?:\([^)\n]*\))?:[ \t]+)*)((?:[A-Za-z][\w-]*)?(?:[.#][\w-]+)*)(\(|\.?[ \t]*$)/gm;
  /** Inside a text block (`script.`, `style.`, `p.`): lines indented deeper than this are text. */
  let blockIndent = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const indent = m[1]!.length;
    if (m.index === re.lastIndex) re.lastIndex++;
    // A blank line (or one with no tag) neither ends a text block nor starts an element.
    const name = m[3]!;
    if (name === '') continue;
    if (blockIndent >= 0 && indent > blockIndent) continue;
    blockIndent = -1;
    const tag = /^[A-Za-z]/.test(name) ? /^[\w-]+/.exec(name)![0].toLowerCase() : 'div';
    const at = m.index + indent + m[2]!.length;
    if (m[4] !== '(') {
      if (!m[4]!.startsWith('.')) continue;
      blockIndent = indent;
      if (tag === 'script') out.push(textBlock(text, pos, tag, [], at, m.index + m[0].length, indent));
      continue;
    }
    const s = pos.at(at);
    const open = at + name.length;
    const { attrs, end } = attributes(text, open + 1, pos);
    re.lastIndex = Math.max(end, open + 1);
    if (/^\.[ \t]*$/m.test(text.slice(end, text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end)))) {
      blockIndent = indent;
      if (tag === 'script') {
        out.push(textBlock(text, pos, tag, attrs, at, end, indent));
        continue;
      }
    }
    const e = pos.at(end);
    out.push({ tag, attrs, offset: at, line: s.line, column: s.column, endOffset: end, endLine: e.line, endColumn: e.column, selfClosing: false, content: null, sfcBlock: false });
  }
  return out;
}

/**
 * A `script.` element: its content is the lines after it that are blank or indented deeper than `indent`
 * (kept at their real offsets, so the scripts are read at their real lines).
 */
function textBlock(t: string, pos: Cursor, tag: string, attrs: MarkupAttr[], at: number, lineEnd: number, indent: number): MarkupElement {
  const s = pos.at(at);
  const nl = t.indexOf('\n', lineEnd);
  const start = nl < 0 ? t.length : nl + 1;
  let end = start;
  while (end < t.length) {
    const next = t.indexOf('\n', end);
    const line = t.slice(end, next < 0 ? t.length : next);
    if (line.trim() !== '' && (/^[ \t]*/.exec(line)![0].length <= indent)) break;
    end = next < 0 ? t.length : next + 1;
  }
  const c = pos.at(start);
  return { tag, attrs, offset: at, line: s.line, column: s.column, endOffset: start, endLine: c.line, endColumn: c.column, selfClosing: false, content: { offset: start, end }, sfcBlock: false };
}

/** The attributes from just after `(` to the matching `)`; `end` is after it. */
function attributes(t: string, from: number, pos: Cursor): { attrs: MarkupAttr[]; end: number } {
  const attrs: MarkupAttr[] = [];
  let i = from;
  while (i < t.length) {
    while (i < t.length && /[\s,]/.test(t[i]!)) i++;
    if (i >= t.length || t[i] === ')') return { attrs, end: Math.min(i + 1, t.length) };
    const nameStart = i;
    while (i < t.length && !/[\s,=)!]/.test(t[i]!)) i++;
    const name = t.slice(nameStart, i).toLowerCase();
    if (i === nameStart) {
      i++;
      continue;
    }
    if (t[i] === '!' && t[i + 1] === '=') i++;
    if (t[i] !== '=') {
      attrs.push(attr(pos, name, true, nameStart, i));
      continue;
    }
    const vStart = i + 1;
    const vEnd = expressionEnd(t, vStart);
    const raw = t.slice(vStart, vEnd).trim();
    // One string: quoted, or a template literal (its `${…}` are read as template expressions).
    const single = /^(["'])(?:(?!\1)[^\\]|\\.)*\1$/.test(raw) || /^`[^`]*`$/.test(raw);
    const value = single ? raw.slice(1, -1) : (concatenation(raw) ?? PUG_EXPRESSION + raw);
    attrs.push(attr(pos, name, value, nameStart, single ? vStart + 1 : vStart));
    i = vEnd;
  }
  return { attrs, end: t.length };
}

/** End of a JS expression at depth 0: a comma, a closing `)`, or whitespace not followed by an operator. */
function expressionEnd(t: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < t.length) {
    const c = t[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = stringEnd(t, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && c === ',') return i;
    else if (depth === 0 && /\s/.test(c) && i > from) {
      // Whitespace around an operator continues the expression; otherwise it ends the value.
      const rest = /^\s*[+\-*/?:|&]+\s*/.exec(t.slice(i, i + 40));
      if (!rest) return i;
      i += rest[0].length;
      continue;
    }
    i++;
  }
  return i;
}

/**
 * `'/a/' + x.id + '/b'`: quoted strings and names joined by `+`, written as template text (`/a/{{x.id}}/b`)
 * so the URL reader sees literal text and parameters; null for anything else.
 */
function concatenation(raw: string): string | null {
  const pieces = raw.split(/\s*\+\s*/);
  if (pieces.length < 2) return null;
  let out = '';
  for (const p of pieces) {
    if (/^(["'])[^"'{}\\]*\1$/.test(p)) out += p.slice(1, -1);
    else if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(p)) out += `{{${p}}}`;
    else return null;
  }
  return out;
}

function stringEnd(t: string, i: number): number {
  const q = t[i];
  let k = i + 1;
  while (k < t.length && t[k] !== q) k += t[k] === '\\' ? 2 : 1;
  return k + 1;
}

function attr(pos: Cursor, name: string, value: string | true, offset: number, valueOffset: number): MarkupAttr {
  const a = pos.at(offset);
  const v = pos.at(valueOffset);
  return { name, value, offset, line: a.line, column: a.column, valueOffset, valueLine: v.line, valueColumn: v.column };
}
