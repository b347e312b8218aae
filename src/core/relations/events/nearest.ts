/**
 * The closest message kind by name: one contains the other (`status` ↔ `jobStatus`), or a small edit distance
 * (at most half the longer name: `organization_id` is not "near" `tracking_id`, nor `items` `users`, though both
 * end alike; a coincidence offered as a fix reads as a wrong finding).
 */
export function nearestKind(name: string, candidates: readonly string[]): string | null {
  const n = name.toLowerCase();
  let best: { kind: string; d: number } | null = null;
  for (const c of candidates) {
    const l = c.toLowerCase();
    const contains = l.includes(n) || n.includes(l);
    const d = contains ? Math.abs(l.length - n.length) / Math.max(l.length, n.length) : distance(n, l) / Math.max(l.length, n.length);
    if (d <= (contains ? 0.6 : 0.5) && (!best || d < best.d)) best = { kind: c, d };
  }
  return best?.kind ?? null;
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
