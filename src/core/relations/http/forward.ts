/**
 * Proxy routes (Next.js rewrites): a call matched to one continues to its destination, where it is
 * matched again — `/api/users` through `/api/:path*` → `${BACKEND}/api/:path*` reaches the backend's
 * `/api/users`. A destination that cannot be evaluated keeps the match on the proxy, saying so.
 */
import { parseCallPath } from '../../match/path';
import { interpretUrl, type UrlTarget } from '../../match/url';
import type { Part } from '../../resolve/value';
import type { Forward } from '../../types';
import { matchCall, type CallQuery, type MatchEnv, type MatchOutcome } from './matcher';

const MAX_HOPS = 4;

export function followForward(outcome: MatchOutcome, q: CallQuery, env: MatchEnv, hops = 0): MatchOutcome {
  if (outcome.status !== 'matched' || !outcome.endpoint.ep.forward || hops >= MAX_HOPS || q.target.kind === 'dynamic') return outcome;
  const proxy = outcome.endpoint;
  const fw = proxy.ep.forward!;
  const through = `through the rewrite ${fw.source} → ${fw.destination} (${proxy.ep.file})`;
  const target = forwardedTarget(fw, q.target.path);
  if (!target || target.kind === 'dynamic') return { ...outcome, assumption: `reaches the rewrite ${fw.source}, whose destination \`${fw.destination}\` is not known statically` };
  const next = matchCall({ kind: q.kind, method: q.method, target, template: parseCallPath(target.path), own: proxy.service }, env);
  if (next.status !== 'matched') return next;
  const assumption = next.assumption ? `${through}; ${next.assumption}` : through;
  return followForward({ ...next, assumption }, { ...q, target, own: proxy.service }, env, hops + 1);
}

/** The destination a call path reaches through a rewrite, with the source's parameters put in. */
export function forwardedTarget(fw: Forward, callPath: string): UrlTarget | null {
  const captures = capture(fw.source, callPath.replace(/[?#].*$/s, ''));
  if (!captures) return null;
  const parts: Part[] = fw.parts.map((p) => ('lit' in p ? { lit: p.lit.replace(/:([A-Za-z_]\w*)[*+?]?/g, (m, name: string) => captures.get(name) ?? m) } : p));
  return interpretUrl(parts);
}

/** What each parameter of a path-to-regexp source captures from a path; null when the path does not fit. */
function capture(source: string, path: string): Map<string, string> | null {
  const src = source.split('/').filter(Boolean);
  const segs = path.split('/').filter(Boolean);
  const out = new Map<string, string>();
  for (let i = 0; i < src.length; i++) {
    const m = /^:([A-Za-z_]\w*)(?:\([^)]*\))?([*+?]?)$/.exec(src[i]!);
    if (!m) {
      if (segs[i] === undefined || segs[i]!.toLowerCase() !== src[i]!.toLowerCase()) return null;
      continue;
    }
    if (m[2] === '*' || m[2] === '+') {
      const rest = segs.slice(i);
      if (m[2] === '+' && rest.length === 0) return null;
      out.set(m[1]!, rest.join('/'));
      return out;
    }
    if (segs[i] === undefined) {
      if (m[2] === '?') out.set(m[1]!, '');
      else return null;
    } else out.set(m[1]!, segs[i]!);
  }
  return segs.length === src.length ? out : null;
}
