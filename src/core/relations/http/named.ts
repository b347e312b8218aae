/**
 * Named-route calls (`url_for("bp.view")`, `{% url "ns:name" %}`, `reverse("name")`): matched by the
 * route's name, not by a URL. The services searched are the caller's own when it names routes, else
 * every service that does. A name no route has is missing only when every route of the services
 * searched has its name known and some route is under the name's namespace (else it may be a package's,
 * as Flask extensions register blueprints of their own); otherwise the call is unresolved, with the reason.
 */
import type { MethodOrAny } from '../../types';
import { methodMatches, type EndpointRec, type MatchOutcome, type ServiceRec } from './matcher';

export type NamedOutcome = MatchOutcome | { readonly status: 'unresolved'; readonly reason: string };

/** The services whose routes carry names (the caller's own first). */
function namingServices(own: ServiceRec | null, services: readonly ServiceRec[]): readonly ServiceRec[] {
  const names = (s: ServiceRec) => s.endpoints.some((e) => e.ep.name !== undefined);
  return own && names(own) ? [own] : services.filter(names);
}

/** The services searched and their routes (socket.io events are no routes), by service list and caller's own service. */
const searchedBy = new WeakMap<readonly ServiceRec[], Map<ServiceRec | null, { searched: readonly ServiceRec[]; all: readonly EndpointRec[] }>>();

/** The services a call from `own` searches, and their routes: computed once per service list (one run's), not per call. */
function searchedRoutes(own: ServiceRec | null, services: readonly ServiceRec[]): { searched: readonly ServiceRec[]; all: readonly EndpointRec[] } {
  let byOwn = searchedBy.get(services);
  if (!byOwn) searchedBy.set(services, (byOwn = new Map()));
  let hit = byOwn.get(own);
  if (!hit) {
    const searched = namingServices(own, services);
    hit = { searched, all: searched.flatMap((s) => s.endpoints.filter((e) => e.ep.kind !== 'socketio')) };
    byOwn.set(own, hit);
  }
  return hit;
}

/**
 * The route named `name` for a call with `method` from `file`. A name starting with `.` (Flask's
 * `url_for(".view")`) is relative to the blueprint serving the request: it is read as the routes of the
 * caller's own module whose names end so, and is unresolved when they are not of exactly one blueprint.
 */
export function matchNamed(name: string, method: MethodOrAny, file: string, own: ServiceRec | null, services: readonly ServiceRec[], args: readonly string[] = []): NamedOutcome {
  const { searched, all } = searchedRoutes(own, services);
  if (searched.length === 0) return { status: 'unresolved', reason: `no route in this workspace has a name, so \`${name}\` cannot be looked up` };
  let found: EndpointRec[];
  if (name.startsWith('.')) {
    found = all.filter((e) => e.ep.file === file && typeof e.ep.name === 'string' && e.ep.name.endsWith(name));
    const blueprints = new Set(found.map((e) => (e.ep.name as string).slice(0, -name.length)));
    if (blueprints.size !== 1) return { status: 'unresolved', reason: `\`${name}\` is relative to the blueprint that serves the request, which is not known here` };
  } else found = all.filter((e) => e.ep.name === name);
  if (found.length) {
    const ok = found.filter((e) => methodMatches(e.ep.method, method));
    if (ok.length === 0) return { status: 'method-mismatch', samePath: found };
    const exact = ok.filter((e) => e.ep.method === method);
    const best = filledBy(exact.length ? exact : ok, args);
    const paths = [...new Set(best.map((e) => e.ep.path))];
    // One name on routes of different paths (FastAPI names routes after their functions: mealie has twenty
    // `get_all`): which one the call builds depends on the router it asks, not known here.
    if (paths.length > 1) return { status: 'no-services', possible: best, reason: `${paths.length} routes are named \`${name}\` (${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''}); which one this call builds is not known here` };
    return { status: 'matched', endpoint: best[0]!, assumption: null };
  }
  const unknown = all.filter((e) => e.ep.name === null);
  const ns = namespaceOf(name);
  // A namespace no route is under may be an extension's (Flask-Security's `security.login`, an installed Django app).
  if (!all.some((e) => typeof e.ep.name === 'string' && namespaceOf(e.ep.name) === ns)) {
    return { status: 'unresolved', reason: `no route named \`${name}\` was found, and no route of this workspace is under ${ns ? `\`${ns}\`` : 'no namespace'}: it may be a package's` };
  }
  if (unknown.length === 0 && !name.startsWith('.')) return { status: 'missing', searched, nearest: [] };
  const where = [...new Set(unknown.map((e) => `\`${e.service.name}\``))].join(', ');
  const why = unknown.length ? `the names of ${unknown.length} route${unknown.length === 1 ? '' : 's'} of ${where} could not be evaluated` : 'it is relative to the current blueprint';
  return { status: 'unresolved', reason: `no route named \`${name}\` was found, but ${why}` };
}

/**
 * Among routes of one name (Flask's `/files` and `/files/<path:path>`), those whose parameters the call's
 * keyword arguments fill, the most of them (ties all kept); all of them when none is filled.
 */
function filledBy(list: readonly EndpointRec[], args: readonly string[]): EndpointRec[] {
  let best: EndpointRec[] = [];
  let most = -1;
  for (const e of list) {
    const params = [...e.ep.path.matchAll(/\{(?:\.\.\.)?([^}]*)\}/g)].map((m) => m[1]!);
    if (!params.every((p) => args.includes(p))) continue;
    if (params.length > most) [best, most] = [[e], params.length];
    else if (params.length === most) best.push(e);
  }
  return best.length ? best : [...list];
}

/** A route name's namespace: up to its last `.` (Flask blueprints) or `:` (Django, Starlette mounts); `` when none. */
function namespaceOf(name: string): string {
  return name.slice(0, Math.max(name.lastIndexOf('.'), name.lastIndexOf(':')) + 1);
}
