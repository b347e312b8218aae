/**
 * Brace expansion for the config's file globs, done here and bounded, so fast-glob never expands
 * anything itself (it is called with `braceExpansion: false`): `src/*.{ts,tsx}` → `src/*.ts`,
 * `src/*.tsx`; nested braces expand; a brace with one item (`{a}`), an unbalanced brace, a brace inside a
 * character class (`[{]`) and an escaped one (`\{`) are literal. Ranges (`{1..9}`) are refused: they are
 * the way to ask for millions of patterns in a few bytes.
 *
 * The pattern is parsed once, the expansion counted (saturating) before anything is built, and only a
 * count within the caller's limit is expanded.
 */

type Token = { readonly t: 'lit'; readonly s: string } | { readonly t: 'open' | 'close' | 'comma' };
/** A sequence of literal text and alternatives; an alternative is a list of sequences. */
type Seq = readonly (string | readonly Seq[])[];

export type Expansion = { readonly patterns: readonly string[] } | { readonly count: number } | { readonly range: string };

/** The patterns `pattern` expands to when they are at most `limit`; else how many (at least limit + 1), or the range it holds. */
export function expandBraces(pattern: string, limit: number): Expansion {
  const tokens = tokenize(pattern);
  const range = findRange(tokens);
  if (range !== null) return { range };
  const seq = parseSeq(tokens, { i: 0 }, false);
  const count = countSeq(seq, limit + 1);
  if (count > limit) return { count };
  return { patterns: expandSeq(seq) };
}

/** Escapes and character classes are literal chunks; braces and commas become tokens, matched later. */
function tokenize(p: string): Token[] {
  const raw: Token[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && i + 1 < p.length) {
      raw.push({ t: 'lit', s: p.slice(i, i + 2) });
      i++;
    } else if (c === '[' && classEnd(p, i) > i) {
      const end = classEnd(p, i);
      raw.push({ t: 'lit', s: p.slice(i, end + 1) });
      i = end;
    } else raw.push(c === '{' ? { t: 'open' } : c === '}' ? { t: 'close' } : c === ',' ? { t: 'comma' } : { t: 'lit', s: c });
  }
  return matchBraces(raw);
}

/** Index of the `]` closing a character class opened at `start`, or -1. */
function classEnd(p: string, start: number): number {
  for (let i = start + 2; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']') return i;
  }
  return -1;
}

/** Unmatched braces, and commas outside any matched brace, become literal text. */
function matchBraces(raw: readonly Token[]): Token[] {
  const matched = new Set<number>();
  const stack: number[] = [];
  raw.forEach((tok, i) => {
    if (tok.t === 'open') stack.push(i);
    else if (tok.t === 'close' && stack.length) {
      matched.add(stack.pop()!);
      matched.add(i);
    }
  });
  let depth = 0;
  return raw.map((tok, i) => {
    if (tok.t === 'open' || tok.t === 'close') {
      if (!matched.has(i)) return { t: 'lit', s: tok.t === 'open' ? '{' : '}' };
      depth += tok.t === 'open' ? 1 : -1;
      return tok;
    }
    return tok.t === 'comma' && depth === 0 ? { t: 'lit', s: ',' } : tok;
  });
}

/** The text of the first brace without a comma of its own that reads as a range (`{1..9}`, `{a..z}`), or null. */
function findRange(tokens: readonly Token[]): string | null {
  const open: { at: number; comma: boolean }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.t === 'open') open.push({ at: i, comma: false });
    else if (tok.t === 'comma' && open.length) open[open.length - 1]!.comma = true;
    else if (tok.t === 'close') {
      const o = open.pop()!;
      const inner = tokens.slice(o.at + 1, i);
      const text = inner.every((x) => x.t === 'lit') ? inner.map((x) => (x.t === 'lit' ? x.s : '')).join('') : null;
      if (!o.comma && text !== null && /^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(\.\.-?\d+)?$/.test(text)) return `{${text}}`;
    }
  }
  return null;
}

/** A sequence up to the end, or (inside a brace) up to its `,` or `}`; `at.i` is left on the stop token. */
function parseSeq(tokens: readonly Token[], at: { i: number }, nested: boolean): Seq {
  const out: (string | readonly Seq[])[] = [];
  const text = (s: string) => {
    if (typeof out[out.length - 1] === 'string') out[out.length - 1] += s;
    else out.push(s);
  };
  while (at.i < tokens.length) {
    const tok = tokens[at.i]!;
    if (nested && (tok.t === 'comma' || tok.t === 'close')) return out;
    at.i++;
    if (tok.t === 'lit') text(tok.s);
    else if (tok.t === 'open') {
      const items: Seq[] = [parseSeq(tokens, at, true)];
      while (tokens[at.i]?.t === 'comma') {
        at.i++;
        items.push(parseSeq(tokens, at, true));
      }
      at.i++; // the matching `}`
      if (items.length > 1) out.push(items);
      else {
        // `{a}` is literal, but what is inside may still expand: `{a{b,c}}` → `{ab}`, `{ac}`.
        text('{');
        out.push([[...items[0]!, '}']]);
      }
    }
  }
  return out;
}

function countSeq(seq: Seq, cap: number): number {
  let n = 1;
  for (const part of seq) {
    if (typeof part === 'string') continue;
    let alternatives = 0;
    for (const item of part) alternatives = Math.min(cap, alternatives + countSeq(item, cap));
    n = Math.min(cap, n * alternatives);
  }
  return n;
}

function expandSeq(seq: Seq): string[] {
  let out = [''];
  for (const part of seq) {
    const tails = typeof part === 'string' ? [part] : part.flatMap(expandSeq);
    out = out.flatMap((head) => tails.map((tail) => head + tail));
  }
  return out;
}
