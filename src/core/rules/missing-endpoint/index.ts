/**
 * missing-endpoint: a resolved call whose path no route of the services it can reach serves. It also
 * decides when a call is not judged: its base URL could not be evaluated (unresolved), or it may
 * target a recognised backend whose routes are not indexed (unchecked) — never reported missing then.
 */
import { endpointRelated, groupByPath, label } from '../helpers';
import type { GapRule } from '../types';
import { missingEndpointFixes } from './fixes';

const rule: GapRule = {
  meta: {
    kind: 'missing-endpoint',
    title: 'Missing endpoints',
    name: 'MissingEndpoint',
    short: 'A frontend call targets a route no backend serves.',
    full: 'A frontend call resolves to a method and path that no route of the services it can reach serves, so the request would fail (typically with 404). Add the route, fix the URL, or add an ignore rule to api-parity.config.json.',
    defaultSeverity: 'warning',
    configurable: true,
    subject: 'call',
    callStatus: 'missing',
  },
  decideCall({ outcome, resolved, unresolvedReason, unindexed }) {
    const notIndexed = unindexed.length ? `it may target ${unindexed.join(', ')}, whose routes are not indexed` : null;
    if (outcome.status === 'no-services') return { status: resolved ? 'unchecked' : 'unresolved', reason: unresolvedReason ?? `not checked: ${notIndexed ?? outcome.reason}` };
    if (outcome.status !== 'missing') return null;
    if (!resolved) return { status: 'unresolved', reason: unresolvedReason };
    return notIndexed ? { status: 'unchecked', reason: `not checked: ${notIndexed}` } : { status: 'missing', reason: null };
  },
  check({ relations }) {
    return relations.http.matches.flatMap(({ call, outcome }) => {
      if (call.status !== 'missing' || outcome?.status !== 'missing') return [];
      const where = outcome.searched.length === 1 ? `service \`${outcome.searched[0]!.name}\`` : `services ${outcome.searched.map((s) => `\`${s.name}\``).join(', ')}`;
      const groups = groupByPath(outcome.nearest);
      const closest = groups.length ? ` Closest: ${groups.map((g) => `${g.methods.join(', ')} ${g.path}`).join('; ')}.` : '';
      const { method, path, file, line, column, endLine, endColumn } = call;
      const what = call.routeName !== undefined ? `route named \`${call.routeName}\`` : call.kind === 'websocket' ? `WebSocket endpoint at ${path}` : `route for ${label(method, path)}`;
      return [{ method, path, file, line, column, endLine, endColumn, message: `No ${what}${kindNote(call)} in ${where}.${closest}`, related: outcome.nearest.map(endpointRelated), subject: call.id }];
    });
  },
  fixes: missingEndpointFixes,
};
export default rule;

/** Links, forms and assets say what they are: `(page: <form>)`, `(asset: <img>)`, `(page: a script navigation)`. */
function kindNote(call: { kind: string; client: string }): string {
  if (call.kind !== 'page' && call.kind !== 'asset') return '';
  const element = ['form', 'a', 'img', 'video', 'audio', 'source', 'iframe'].includes(call.client);
  const what = call.client === 'location' ? 'a script navigation' : call.client === 'redirect' ? 'a server redirect' : element ? `<${call.client}>` : `\`${call.client}\``;
  return ` (${call.kind}: ${what})`;
}
