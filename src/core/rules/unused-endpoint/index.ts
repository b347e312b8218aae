/**
 * unused-endpoint: a route no call in the workspace reaches. Not reported: ignored routes, routes a call
 * with an unevaluated base may reach (possible callers), catch-alls, OPTIONS/HEAD handlers (browsers and
 * proxies call those implicitly), proxy routes (rewrites: their callers are counted where they lead), and WebSocket endpoints, whose clients (`new WebSocket`, `io()`) are
 * not indexed yet, so "no callers" would be a guess. Calls from tests do not count unless configured. A
 * service almost none of whose routes has a recognised caller gets one low-recognition warning instead.
 */
import { label } from '../helpers';
import type { GapRule } from '../types';
import type { Endpoint } from '../../types';
import { unusedEndpointFixes } from './fixes';

/** Is the endpoint one this rule reports (whatever its severity)? */
export function isUnused(ep: Endpoint, lowRecognition: ReadonlySet<string>): boolean {
  if (ep.callers.length > 0 || ep.ignored !== null || ep.possibleCallers.length > 0 || lowRecognition.has(ep.service)) return false;
  return !(ep.path.includes('{...') || ep.method === 'OPTIONS' || ep.method === 'HEAD' || ep.kind !== 'http' || ep.forward !== undefined);
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
    return endpoints.flatMap((ep) => {
      if (!isUnused(ep, lowRecognition)) return [];
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
