/**
 * unused-endpoint: a route no call in the workspace reaches. Not reported: ignored routes, routes a call
 * with an unevaluated base may reach (possible callers), routes the framework itself uses (`usedBy`), catch-alls, OPTIONS/HEAD handlers (browsers and
 * proxies call those implicitly), proxy routes (rewrites: their callers are counted where they lead), and
 * realtime endpoints (Socket.IO events; WebSocket endpoints unless {@link websocketsJudged}). Calls from tests do not count unless configured. A
 * service almost none of whose routes has a recognised caller gets one low-recognition warning instead.
 */
import { label } from '../helpers';
import type { GapRule } from '../types';
import type { Call, Endpoint } from '../../types';
import { unusedEndpointFixes } from './fixes';

/** Is the endpoint one this rule reports (whatever its severity)? `websockets`: see {@link websocketsJudged}. */
export function isUnused(ep: Endpoint, lowRecognition: ReadonlySet<string>, websockets = false): boolean {
  if (ep.callers.length > 0 || ep.ignored !== null || ep.possibleCallers.length > 0 || ep.usedBy !== undefined || lowRecognition.has(ep.service)) return false;
  const kindJudged = ep.kind === 'http' || (ep.kind === 'websocket' && websockets);
  return !(ep.path.includes('{...') || ep.method === 'OPTIONS' || ep.method === 'HEAD' || !kindJudged || ep.forward !== undefined);
}

/**
 * WebSocket endpoints are judged unused only when the workspace's WebSocket clients are understood: at
 * least one app call opens a WebSocket, and every one of them was resolved (an unresolved one may open
 * any of them). Otherwise "no callers" would only say that the client code was not read.
 */
export function websocketsJudged(calls: readonly Call[]): boolean {
  const ws = calls.filter((c) => c.kind === 'websocket' && c.role === 'app');
  return ws.length > 0 && ws.every((c) => c.resolved && c.status !== 'unresolved');
}

const rule: GapRule = {
  meta: {
    kind: 'unused-endpoint',
    title: 'Unused endpoints',
    name: 'UnusedEndpoint',
    short: 'A backend route no frontend call in the workspace reaches.',
    full: 'No frontend call in the analysed workspace reaches this backend route. It may be dead code, called by another client (mobile app, webhook, other repository), or called through a URL the analyzer could not resolve. Add an ignore rule with a reason to api-parity.config.json when it is intended.',
    defaultSeverity: 'hint',
    configurable: true,
    subject: 'endpoint',
  },
  check({ endpoints, lowRecognition, relations }) {
    const calls = new Map(relations.http.calls.map((c) => [c.id, c]));
    const websockets = websocketsJudged(relations.http.calls);
    return endpoints.flatMap((ep) => {
      if (!isUnused(ep, lowRecognition, websockets)) return [];
      const { method, path, file, line, column, endLine, endColumn } = ep;
      const tests = ep.testCallers.length ? ` Only ${ep.testCallers.length} call${ep.testCallers.length === 1 ? '' : 's'} from tests reach it.` : '';
      const methods = [...new Set((ep.uncalledCallers ?? []).map((id) => calls.get(id)?.clientMethod?.name).filter((n) => n !== undefined))];
      const uncalled = methods.length ? ` Only ${methods.map((n) => `\`${n}\``).join(', ')} request${methods.length === 1 ? 's' : ''} it, and nothing calls ${methods.length === 1 ? 'it' : 'them'}.` : '';
      const partial = ep.confidence === 'partial' ? ' Part of its path could not be resolved, so callers of its real path may have been missed.' : '';
      return [{ method, path, file, line, column, endLine, endColumn, message: `${label(method, path, ep.kind)} has no callers in this workspace.${uncalled}${tests}${partial}`, related: [], subject: ep.id }];
    });
  },
  fixes: unusedEndpointFixes,
};
export default rule;
