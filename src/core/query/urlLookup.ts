/**
 * "Go to route" from any URL string, in code, tests or docs: `/api/v1/users/42`,
 * `http://localhost:8000/api/v1/users/{id}?x=1`, `` `${API}/users/${id}` ``, `GET /api/users/:id`. The string
 * is read as a path (its origin, query and template expressions taken apart), then matched against every
 * route: whole paths first; when none matches, routes whose path ends with it (a string written relative
 * to a base URL: `/users/{id}` for `/api/v1/users/{user_id}`).
 */
import { matchScore, parseRoutePath } from '../match/path';
import { parseOrigin } from '../match/url';
import { HTTP_METHODS, type AnalysisResult, type Endpoint, type MethodOrAny } from '../types';

export interface UrlQuery {
  readonly method: MethodOrAny | null;
  /** Canonical template text (`/users/{}`), or null when the string holds no path. */
  readonly path: string | null;
}

/** The method and path a string names. */
export function readUrlString(text: string): UrlQuery {
  let t = text.trim().replace(/^['"`]|['"`]$/g, '');
  let method: MethodOrAny | null = null;
  const m = /^([A-Za-z]+)\s+(\S.*)$/.exec(t);
  if (m && (HTTP_METHODS as readonly string[]).includes(m[1]!.toUpperCase())) {
    method = m[1]!.toUpperCase() as MethodOrAny;
    t = m[2]!;
  }
  // Template expressions and `:name` segments are parameters; a leading `${BASE}` is the base URL.
  t = t.replace(/^\$\{[^}]*\}/, '').replace(/\$\{[^}]*\}/g, '{p}').replace(/(^|\/):([A-Za-z_]\w*)/g, '$1{$2}');
  const origin = parseOrigin(t);
  if (origin) t = origin.rest;
  t = t.replace(/[?#].*$/, '');
  if (!t.includes('/') && !/^[\w.-]+$/.test(t)) return { method, path: null };
  const path = t.startsWith('/') ? t : `/${t}`;
  return { method, path: path.length > 1 ? path.replace(/\/+$/, '') : path };
}

/** The routes a URL string names, best first (method-matching routes before others). */
export function routesForUrl(result: AnalysisResult, text: string): Endpoint[] {
  const q = readUrlString(text);
  if (q.path === null) return [];
  const call = parseRoutePath(q.path);
  const scored: Array<{ e: Endpoint; score: number }> = [];
  const suffix: Array<{ e: Endpoint; score: number }> = [];
  for (const e of result.endpoints) {
    if (e.kind === 'page' || e.kind === 'socketio') continue;
    const route = parseRoutePath(e.path);
    const whole = matchScore(route, call);
    const methodBonus = q.method && (e.method === q.method || e.method === '*') ? 1000 : 0;
    if (whole !== null) {
      scored.push({ e, score: whole + methodBonus });
      continue;
    }
    const extra = route.segments.length - call.segments.length;
    if (call.segments.length === 0 || extra <= 0) continue;
    const tail = matchScore({ segments: route.segments.slice(extra) }, call);
    if (tail !== null) suffix.push({ e, score: tail + methodBonus - extra });
  }
  const best = (scored.length ? scored : suffix).sort((a, b) => b.score - a.score || a.e.path.localeCompare(b.e.path) || a.e.method.localeCompare(b.e.method));
  return best.map((s) => s.e);
}
