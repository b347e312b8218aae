// Shared by the UI test and the extension-host suite. What the Gap Explorer should show for an analysis result (the CLI's JSON report, or the extension's own
// snapshot): its top-level rows as "Label count", in the order and with the labels of
// src/client/views/gapExplorer.ts. Shared by the UI test and the extension-host suite.

export const GROUPS = [
  { id: 'missing', label: 'Missing', always: true },
  { id: 'method-mismatch', label: 'Method mismatch', always: true },
  { id: 'unused', label: 'Unused', always: true },
  { id: 'unused-client-method', label: 'Unused client methods', always: false },
  { id: 'documented-not-implemented', label: 'Documented, not implemented', always: false },
  { id: 'undocumented-endpoint', label: 'Undocumented endpoints', always: false },
  { id: 'event-mismatch', label: 'Event mismatches', always: false },
  { id: 'payload-mismatch', label: 'Payload mismatches', always: false },
  { id: 'matched', label: 'Matched', always: true },
  { id: 'unchecked', label: 'Not checked', always: false },
  { id: 'pages', label: 'Pages', always: false },
  { id: 'realtime', label: 'Socket.IO events', always: false },
  { id: 'external', label: 'External', always: false },
  { id: 'unresolved', label: 'Unresolved', always: false },
  { id: 'ignored', label: 'Ignored', always: false },
  { id: 'skipped', label: 'Skipped files', always: false },
];

/** Counts per group id. */
export function groupCounts(result) {
  const n = Object.fromEntries(GROUPS.map((g) => [g.id, 0]));
  const reported = new Set(result.gaps.filter((g) => g.kind === 'unused-endpoint').map((g) => g.subject));
  for (const e of result.endpoints) n[e.callers.length ? 'matched' : e.kind === 'page' ? 'pages' : e.kind === 'socketio' ? 'realtime' : e.ignored ? 'ignored' : reported.has(e.id) ? 'unused' : 'unchecked']++;
  const callGroup = { missing: 'missing', 'method-mismatch': 'method-mismatch', external: 'external', unresolved: 'unresolved', unchecked: 'unresolved', ignored: 'ignored' };
  for (const c of result.calls) if (callGroup[c.status]) n[callGroup[c.status]]++;
  n.skipped = result.skipped.length;
  for (const g of result.gaps) if (g.kind in n && !['missing', 'method-mismatch', 'unused'].includes(g.kind)) n[g.kind]++;
  return n;
}

/** The Gap Explorer's top-level rows, e.g. ["Missing 1", "Method mismatch 1", "Unused 1", "Matched 10", "External 1"]. */
export function groupsOf(result) {
  const n = groupCounts(result);
  return GROUPS.filter((g) => g.always || n[g.id] > 0).map((g) => `${g.label} ${n[g.id]}`);
}

/** Polls `fn` until it returns a truthy value (returned) or the deadline passes (throws, saying what it waited for). */
export async function waitFor(fn, timeoutMs, what) {
  const until = Date.now() + timeoutMs;
  let last;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) {
      const detail = last instanceof Error ? last.message.split('\n')[0] : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${detail})`);
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** The route file the scaffold quick fix creates in examples/fullstack, and its action's title. */
export const SCAFFOLD_REL = 'frontend/src/app/api/items/[itemId]/route.ts';
export const SCAFFOLD_TITLE = 'Scaffold proxy route /api/items/[itemId]';
