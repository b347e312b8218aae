/** method-mismatch: a call whose path exists, but not with its method. */
import { methodLabel } from '../../report/labels';
import { endpointRelated, label } from '../helpers';
import type { GapRule } from '../types';
import { methodMismatchFixes } from './fixes';

const rule: GapRule = {
  meta: {
    kind: 'method-mismatch',
    title: 'Method mismatches',
    name: 'MethodMismatch',
    short: 'A frontend call uses a method the route does not accept.',
    full: 'The path of a frontend call exists on the backend, but not with the HTTP method the call uses, so the request would fail (typically with 405). Use the method the route accepts or add one to the backend.',
    defaultSeverity: 'warning',
    configurable: true,
    subject: 'call',
    callStatus: 'method-mismatch',
  },
  decideCall({ outcome, resolved, unresolvedReason }) {
    if (outcome.status !== 'method-mismatch') return null;
    return { status: resolved ? 'method-mismatch' : 'unresolved', reason: unresolvedReason };
  },
  check({ relations }) {
    return relations.http.matches.flatMap(({ call, outcome }) => {
      if (call.status !== 'method-mismatch' || outcome?.status !== 'method-mismatch') return [];
      const methods = [...new Set(outcome.samePath.map((e) => methodLabel(e.ep.method)))].join(', ');
      const target = outcome.samePath[0]!.ep;
      const { method, path, file, line, column, endLine, endColumn } = call;
      return [{ method, path, file, line, column, endLine, endColumn, message: `${label(method, path)}: ${target.path} accepts only ${methods} (service \`${target.service}\`).`, related: outcome.samePath.map(endpointRelated), subject: call.id }];
    });
  },
  fixes: methodMismatchFixes,
};
export default rule;
