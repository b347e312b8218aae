/**
 * Globs without backtracking. Patterns come from config files a workspace controls, so matching is a
 * dynamic program over (pattern segment, path segment) — `**` spans any number of segments — and, inside a
 * segment, over (pattern char, text char) for `*` and `?`. Cost is bounded by the product of the sizes.
 */

/** Match path segments against pattern segments; `**` matches zero or more whole segments. */
export function matchSegments(pattern: readonly string[], path: readonly string[], segment: (p: string, x: string) => boolean): boolean {
  // ok[j]: pattern[0, i) can consume exactly path[0, j).
  let ok = new Uint8Array(path.length + 1);
  ok[0] = 1;
  for (const p of pattern) {
    const next = new Uint8Array(path.length + 1);
    if (p === '**') {
      let open = false;
      for (let j = 0; j <= path.length; j++) {
        if (ok[j]) open = true;
        if (open) next[j] = 1;
      }
    } else {
      for (let j = 0; j < path.length; j++) if (ok[j] && segment(p, path[j]!)) next[j + 1] = 1;
    }
    ok = next;
  }
  return ok[path.length] === 1;
}

/** One segment against a pattern with `*` (any run of characters) and `?` (one character). */
export function matchWildcard(pattern: string, text: string): boolean {
  let ok = new Uint8Array(text.length + 1);
  ok[0] = 1;
  for (const ch of pattern) {
    const next = new Uint8Array(text.length + 1);
    if (ch === '*') {
      let open = false;
      for (let j = 0; j <= text.length; j++) {
        if (ok[j]) open = true;
        if (open) next[j] = 1;
      }
    } else {
      for (let j = 0; j < text.length; j++) if (ok[j] && (ch === '?' || text[j] === ch)) next[j + 1] = 1;
    }
    ok = next;
  }
  return ok[text.length] === 1;
}

/** A file glob (`**\/*.test.ts`, `e2e/**`) against a root-relative POSIX path. */
export function matchFileGlob(glob: string, path: string): boolean {
  return matchSegments(glob.split('/').filter(Boolean), path.split('/').filter(Boolean), matchWildcard);
}
