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
    // Routes the framework itself uses (a Remix page's loader) say nothing about how calls are understood.
    const eligible = rec.endpoints.filter((e) => e.ep.kind === 'http' && e.ep.ignored === null && e.ep.usedBy === undefined && !e.ep.path.includes('{...'));
    // A route requested only by a client method nothing calls is recognised (the call style is understood).
    const used = eligible.filter((e) => e.ep.callers.length > 0 || (e.ep.uncalledCallers?.length ?? 0) > 0).length;
    if (eligible.length < MIN_ROUTES || used / eligible.length >= MAX_USED_SHARE) continue;
    low.add(rec.name);
    notes.push({ level: 'warning', code: 'low-recognition', message: lowMessage(rec.name, rec.root, used, eligible.length, unresolved) });
  }
  const orphan = orphanNote(http.calls, services);
  if (orphan) notes.push(orphan);
  return { low, notes };
}

/**
 * Calls to a backend while no service of the workspace declares a route: none of them could be
 * checked, and an empty report would read as "all fine". Said once, with where they go.
 */
function orphanNote(calls: readonly Call[], services: ServiceIndex): AnalysisNote | null {
  if (services.recs.some((r) => r.endpoints.length > 0)) return null;
  const unchecked = calls.filter((c) => c.status === 'unchecked' && c.role === 'app');
  if (unchecked.length === 0) return null;
  const examples = unchecked.slice(0, SHOWN_CALLS).map((c) => `${c.file}:${c.line} (${c.method === '*' ? 'ANY' : c.method} ${c.path ?? c.url ?? '?'})`);
  const more = unchecked.length > examples.length ? `, and ${unchecked.length - examples.length} more` : '';
  return {
    level: 'warning',
    code: 'no-backend',
    message: `${unchecked.length} call${unchecked.length === 1 ? '' : 's'} could not be checked: no backend in this workspace declares routes (if the backend lives in another folder or checkout, analyse both together: \`api-parity check <this folder> --with <backend folder>\`). Calls: ${examples.join('; ')}${more}.`,
  };
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
