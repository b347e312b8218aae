/**
 * Forward-only text scans under the markup tokenizer: JS `{…}` expressions, raw-text bodies, Astro's
 * frontmatter fence and a line/column cursor. None backtracks or recurses, and none throws.
 */

/** Character codes the scanners compare against. */
export const LT = 60, GT = 62, SLASH = 47, BANG = 33, QUESTION = 63, EQ = 61, DQ = 34, SQ = 39, BT = 96;
export const LBRACE = 123, RBRACE = 125, BACKSLASH = 92, DOLLAR = 36, STAR = 42, LF = 10, CR = 13;

/** HTML whitespace: space, tab, LF, CR, form feed. */
export const isSpace = (c: number): boolean => c === 32 || c === 9 || c === LF || c === CR || c === 12;
/** An ASCII letter, which starts a tag name after `<` or `</`. */
export const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Ends an attribute name. */
export const isNameEnd = (c: number): boolean => isSpace(c) || c === SLASH || c === GT || c === EQ;

/** Astro's frontmatter: `text.slice(offset, end)` is the code between the fences; the markup starts at `after`. */
export interface Frontmatter {
  readonly offset: number;
  readonly end: number;
  readonly after: number;
}

/** The `---` fenced frontmatter at the top of an Astro file (after optional whitespace), or null. Unclosed, it runs to the end. */
export function astroFrontmatter(text: string): Frontmatter | null {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (!text.startsWith('---', i)) return null;
  const offset = i + 3;
  const close = /(?:\r\n|\r|\n)[ \t]*---/g;
  close.lastIndex = offset;
  const m = close.exec(text);
  if (!m) return { offset, end: text.length, after: text.length };
  const end = m.index + m[0].length - 3;
  return { offset, end, after: end + 3 };
}

/**
 * Index just after the `}` matching the `{` at `i` (or the text's length), skipping JS strings, template
 * literals (with nested `${…}`) and comments. A quoted string stops at a line break, which bounds the
 * damage of a regular expression literal containing a quote.
 */
export function skipBraces(t: string, i: number): number {
  const n = t.length;
  const templates: number[] = []; // brace depth at which each open template literal started
  let depth = 0;
  let k = i;
  while (k < n) {
    const c = t.charCodeAt(k);
    if (templates.length > 0 && templates[templates.length - 1] === depth) {
      if (c === BT) templates.pop();
      else if (c === BACKSLASH || (c === DOLLAR && t.charCodeAt(k + 1) === LBRACE)) {
        if (c === DOLLAR) depth++;
        k++;
      }
      k++;
      continue;
    }
    if (c === LBRACE) depth++;
    else if (c === RBRACE && --depth <= 0) return k + 1;
    else if (c === SQ || c === DQ) k = lineString(t, k) - 1;
    else if (c === BT) templates.push(depth);
    else if (c === SLASH && t.charCodeAt(k + 1) === SLASH) k = lineEnd(t, k) - 1;
    else if (c === SLASH && t.charCodeAt(k + 1) === STAR) {
      const e = t.indexOf('*/', k + 2);
      k = e < 0 ? n : e + 1;
    }
    k++;
  }
  return n;
}

/** Index after the closing quote of the string at `k`, or of the line break (or end) that cuts it short. */
function lineString(t: string, k: number): number {
  const q = t.charCodeAt(k);
  for (let m = k + 1; m < t.length; m++) {
    const c = t.charCodeAt(m);
    if (c === BACKSLASH) m++;
    else if (c === q) return m + 1;
    else if (c === LF || c === CR) return m;
  }
  return t.length;
}

function lineEnd(t: string, k: number): number {
  let m = k;
  while (m < t.length && t.charCodeAt(m) !== LF && t.charCodeAt(m) !== CR) m++;
  return m;
}

/** Index of the `</tag` that ends raw text starting at `from` (followed by space, `/` or `>`), or the text's length. */
export function rawTextEnd(t: string, from: number, tag: string): number {
  for (let k = t.indexOf('</', from); k >= 0; k = t.indexOf('</', k + 2)) {
    const e = k + 2 + tag.length;
    if (e < t.length && t.slice(k + 2, e).toLowerCase() === tag) {
      const c = t.charCodeAt(e);
      if (isSpace(c) || c === SLASH || c === GT) return k;
    }
  }
  return t.length;
}

/**
 * 1-based line and column (UTF-16 units) of offsets asked in increasing order, which keeps a whole scan
 * linear; an earlier offset restarts from the top. `\n`, `\r\n` and `\r` end a line (as in LSP).
 */
export class Cursor {
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  constructor(private readonly t: string) {}

  at(offset: number): { line: number; column: number } {
    if (offset < this.offset) {
      this.offset = 0;
      this.lineStart = 0;
      this.line = 1;
    }
    const t = this.t;
    for (let j = this.offset; j < offset && j < t.length; j++) {
      const c = t.charCodeAt(j);
      if (c === LF || (c === CR && t.charCodeAt(j + 1) !== LF)) {
        this.line++;
        this.lineStart = j + 1;
      }
    }
    this.offset = offset;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}
