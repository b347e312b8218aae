/**
 * Blind spots the report must say out loud. A service with many routes of which almost none has a
 * recognised caller most likely has a frontend whose call style we do not understand (a generated SDK,
 * API classes, templates): printing each route as "unused" would state a guess as a fact. Such a
 * service gets one warning, naming the unresolved call sites worth a look, instead of its unused hints.
 */
import type { HttpRelation } from '../relations/http';
import type { AnalysisNote, Call } from '../types';
import type { ServiceIndex } from './services';

/** At least this many routes, of which fewer than this share has a caller: recognition is low. */
const MIN_ROUTES = 10;
const MAX_USED_SHARE = 0.1;
const SHOWN_CALLS = 5;

export interface Recognition {
  /** Services whose unused findings are withheld. */
  readonly low: ReadonlySet<string>;
  readonly notes: readonly AnalysisNote[];
}

export function recognition(services: ServiceIndex, http: HttpRelation): Recognition {
  const low = new Set<string>();
  const notes: AnalysisNote[] = [];
  const unresolved = http.calls.filter((c) => c.status === 'unresolved' && c.role === 'app');
  for (const rec of services.recs) {
    const eligible = rec.endpoints.filter((e) => e.ep.kind === 'http' && e.ep.ignored === null && !e.ep.path.includes('{...'));
    const used = eligible.filter((e) => e.ep.callers.length > 0).length;
    if (eligible.length < MIN_ROUTES || used / eligible.length >= MAX_USED_SHARE) continue;
    low.add(rec.name);
    notes.push({ level: 'warning', code: 'low-recognition', message: lowMessage(rec.name, rec.root, used, eligible.length, unresolved) });
  }
  return { low, notes };
}

function lowMessage(name: string, root: string, used: number, total: number, unresolved: readonly Call[]): string {
  const where = `service \`${name}\` (${root === '.' ? 'the workspace root' : root})`;
  const share = `only ${used} of ${total} routes ${used === 1 ? 'has' : 'have'} a recognised caller`;
  // Calls outside the service's own folder are the likelier frontend.
  const others = unresolved.filter((c) => root === '.' || !c.file.startsWith(`${root}/`));
  const list = (others.length ? others : unresolved).slice(0, SHOWN_CALLS).map((c) => `${c.file}:${c.line} (${c.reason ?? 'unresolved'})`);
  if (list.length === 0) {
    return `${where}: ${share}, and no call that may target it was left unresolved: either nothing in this workspace calls it, or its callers' style is not recognised; its unused-endpoint findings are withheld.`;
  }
  const more = unresolved.length > list.length ? `, and ${unresolved.length - list.length} more` : '';
  return `${where}: ${share}, so the frontend's call style is probably not understood; its unused-endpoint findings are withheld. Unresolved calls: ${list.join('; ')}${more}.`;
}
