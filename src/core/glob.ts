/**
 * Globs without backtracking. Patterns come from config files a workspace controls, so matching is a
 * dynamic program over (pattern item, text position): for paths the items are segments and `**` spans
 * any number of them; inside a segment the items are characters, `*` any run and `?` one character.
 * Cost is bounded by the product of the sizes.
 */

/** Match `text` against `pattern`, where `isStar(p)` items match any run of text items (zero or more). */
function matchSequence<P, T>(pattern: readonly P[], text: readonly T[], isStar: (p: P) => boolean, one: (p: P, t: T) => boolean): boolean {
  // ok[j]: the pattern so far can consume exactly text[0, j).
  let ok = new Uint8Array(text.length + 1);
  ok[0] = 1;
  for (const p of pattern) {
    const next = new Uint8Array(text.length + 1);
    if (isStar(p)) {
      let open = false;
      for (let j = 0; j <= text.length; j++) {
        if (ok[j]) open = true;
        if (open) next[j] = 1;
      }
    } else {
      for (let j = 0; j < text.length; j++) if (ok[j] && one(p, text[j]!)) next[j + 1] = 1;
    }
    ok = next;
  }
  return ok[text.length] === 1;
}

/** Match path segments against pattern segments; `**` matches zero or more whole segments. */
export function matchSegments(pattern: readonly string[], path: readonly string[], segment: (p: string, x: string) => boolean): boolean {
  return matchSequence(pattern, path, (p) => p === '**', segment);
}

/** One item of a segment pattern: any run, one character of a class, or a literal character. */
type Item = { readonly star: true } | { readonly test: (ch: string) => boolean };

/** `*`, `?`, `[abc]`, `[a-z]`, `[!x]`/`[^x]`, `\\x`, and literal characters. */
function items(pattern: string): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') out.push({ star: true });
    else if (ch === '?') out.push({ test: () => true });
    else if (ch === '\\' && i + 1 < pattern.length) {
      const lit = pattern[++i]!;
      out.push({ test: (c) => c === lit });
    } else if (ch === '[' && pattern.indexOf(']', i + 2) > 0) {
      const end = pattern.indexOf(']', i + 2);
      out.push({ test: charClass(pattern.slice(i + 1, end)) });
      i = end;
    } else out.push({ test: (c) => c === ch });
  }
  return out;
}

function charClass(body: string): (ch: string) => boolean {
  const negate = body.startsWith('!') || body.startsWith('^');
  const set = negate ? body.slice(1) : body;
  const ranges: Array<[string, string]> = [];
  for (let i = 0; i < set.length; i++) {
    if (set[i + 1] === '-' && i + 2 < set.length) {
      ranges.push([set[i]!, set[i + 2]!]);
      i += 2;
    } else ranges.push([set[i]!, set[i]!]);
  }
  return (ch) => ranges.some(([a, b]) => ch >= a && ch <= b) !== negate;
}

/**
 * One segment against a pattern with `*` (any run of characters), `?` (one character) and classes. A
 * pattern without them is the segment itself; the items of the others are kept (every file's role is
 * tested against the same few globs: plane's 4,000 paths spent 0.1 s reading them again).
 */
export function matchWildcard(pattern: string, text: string): boolean {
  if (!/[*?[\\]/.test(pattern)) return pattern === text;
  if (!/[?[\\]/.test(pattern)) return starsOnly(pattern.split('*'), text);
  let its = itemsOf.get(pattern);
  if (!its) {
    if (itemsOf.size >= 256) itemsOf.clear();
    itemsOf.set(pattern, (its = items(pattern)));
  }
  return matchSequence(its, [...text], (p) => 'star' in p, (p, t) => 'test' in p && p.test(t));
}
const itemsOf = new Map<string, Item[]>();

/**
 * Literal pieces joined by `*` (`*.test.*`): the first piece starts the text, the last ends it, and the
 * others occur in order between them, each as early as it can (taking the earliest leaves the most
 * room for the rest, so this is exact), without backtracking.
 */
function starsOnly(pieces: readonly string[], text: string): boolean {
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const p = pieces[i]!;
    const found = text.indexOf(p, at);
    if (found < 0 || found + p.length > end) return false;
    at = found + p.length;
  }
  return true;
}

/** A file glob (`**\/*.test.ts`, `e2e/**`) against a root-relative POSIX path. */
export function matchFileGlob(glob: string, path: string): boolean {
  return matchSegments(glob.split('/').filter(Boolean), path.split('/').filter(Boolean), matchWildcard);
}
