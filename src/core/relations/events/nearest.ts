/**
 * The closest name (a message kind, a payload field) to one nothing answers, offered as "Did you mean":
 * only when the two are plainly the same name, a typo of it, or one of them with words added. Names are
 * compared by their words (`jobStatus`, `job_status` and `job-status` are the words job and status):
 * - the same words joined alike (`access_token` and `accessToken`, `user_name` and `username`);
 * - one name's words inside the other's (`status` in `jobStatus`, `price` in `unit_price`);
 * - the same words but one, and that one a typo of the other, at most a third of it changed (`deleteMonitr`,
 *   `deleteMonitor`; not `created_at` and `updated_at`);
 * - one-word names: one inside the other (`subscribe`, `unsubscribe`) or an edit distance of at most half
 *   the longer name (`passwd`, `password`; not `items` and `users`).
 * Two names that share words but differ in a whole one (`user_id` and `user_notes`, `organization_id` and
 * `tracking_id`) are not near: a coincidence offered as a fix reads as a wrong finding. Neither is a best
 * match shared by two candidates of different names.
 */
export function nearestKind(name: string, candidates: readonly string[]): string | null {
  const a = wordsOf(name);
  let best: { kind: string; d: number; tied: boolean } | null = null;
  for (const c of candidates) {
    const d = closeness(a, wordsOf(c));
    if (d === null) continue;
    if (!best || d < best.d) best = { kind: c, d, tied: false };
    else if (d === best.d && c.toLowerCase() !== best.kind.toLowerCase()) best.tied = true;
  }
  return best && !best.tied ? best.kind : null;
}

/** The words of a name, lower-cased: camelCase humps, and runs between `_`, `-`, `.`, spaces. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** How far apart two names are (0: the same name written otherwise), or null when they are not near. */
function closeness(a: readonly string[], b: readonly string[]): number | null {
  if (a.length === 0 || b.length === 0) return null;
  if (a.join('') === b.join('')) return 0;
  if (a.length === 1 && b.length === 1) return wordCloseness(a[0]!, b[0]!);
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < long.length) return containsRun(long, short) ? (long.length - short.length) / long.length : null;
  const differing = a.flatMap((w, i) => (w === b[i] ? [] : [i]));
  if (differing.length !== 1) return null;
  const d = wordCloseness(a[differing[0]!]!, b[differing[0]!]!, 1 / 3);
  return d === null ? null : d / a.length;
}

/** Two single words: one inside the other (at most 60 % added) or a typo (edit distance at most `typo` of the longer). */
function wordCloseness(n: string, l: string, typo = 0.5): number | null {
  const longer = Math.max(l.length, n.length);
  if (l.includes(n) || n.includes(l)) {
    const d = Math.abs(l.length - n.length) / longer;
    return d <= 0.6 ? d : null;
  }
  const d = distance(n, l) / longer;
  return d <= typo ? d : null;
}

function containsRun(long: readonly string[], short: readonly string[]): boolean {
  for (let i = 0; i + short.length <= long.length; i++) if (short.every((w, j) => long[i + j] === w)) return true;
  return false;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}
