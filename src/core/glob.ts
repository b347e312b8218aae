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

/** One segment against a pattern with `*` (any run of characters) and `?` (one character). */
export function matchWildcard(pattern: string, text: string): boolean {
  return matchSequence([...pattern], [...text], (p) => p === '*', (p, t) => p === '?' || p === t);
}

/** A file glob (`**\/*.test.ts`, `e2e/**`) against a root-relative POSIX path. */
export function matchFileGlob(glob: string, path: string): boolean {
  return matchSegments(glob.split('/').filter(Boolean), path.split('/').filter(Boolean), matchWildcard);
}
