/**
 * unused-client-method: a client helper, a service object's or class's method, or a generated SDK
 * function that makes a request and that no application code calls (seed 003's "API client method
 * exists, not called anywhere"). Reported at the method's name; its requests are not callers of the
 * routes they reach (the http relation counts them as `uncalledCallers`, or as test callers when only
 * tests call the method), so a route only it reaches is reported unused too.
 *
 * "Called" is decided by the http relation (`relations/http/clientMethods.ts`) and errs towards called:
 * any mention of the method's name outside its definition (a call, a reference passed as a value, a
 * string key, a template attribute) counts. Never reported: anonymous and nested functions, members of
 * objects a framework consumes (`export default { mounted() {} }`), components, default exports,
 * framework entry points (lifecycle hooks, loaders, route handlers), anything in a package other code
 * may import (package.json `main`/`module`/`exports` without `private: true`: a published SDK's methods
 * are called by its users), and members of an object or class that some file mentioning it indexes
 * dynamically (`this[name]()`, `api[op](…)`).
 */
import type { GapRule } from '../types';

const rule: GapRule = {
  meta: {
    kind: 'unused-client-method',
    title: 'Unused client methods',
    name: 'UnusedClientMethod',
    short: 'A client method that makes a request, and that nothing in the application calls.',
    full: 'This function or method makes a request, but no application code in the workspace calls it (its name appears only where it is defined, or only in tests). Its request does not count as a caller of the route it reaches. Remove it, or call it where the feature needs it; a helper kept for other consumers belongs in a package whose package.json names its entry point.',
    defaultSeverity: 'info',
    configurable: true,
    subject: 'call',
  },
  check({ relations }) {
    const calls = new Map(relations.http.calls.map((c) => [c.id, c]));
    return relations.http.clientMethods.map((m) => {
      const requests = m.callIds.map((id) => calls.get(id)).filter((c) => c !== undefined);
      const targets = [...new Set(requests.map((c) => (c.path ? `${c.method === '*' ? 'ANY' : c.method} ${c.path}` : 'an unresolved URL')))];
      const what = targets.length ? `requests ${targets.join(', ')}` : 'makes a request';
      const where = m.calledFrom === 'tests' ? `is only called from tests (${m.testFiles.join(', ')})` : 'is never called in this workspace';
      const message = `\`${m.name}\` ${what} but ${where}; its request does not count as a caller.`;
      const related = requests.map((c) => ({ file: c.file, line: c.line, column: c.column, message: `request: ${c.method === '*' ? 'ANY' : c.method} ${c.url ?? '?'}` }));
      const { file, line, column, endLine, endColumn } = m;
      // The subject is its first request's call (a generated function nobody calls has none).
      const first = requests[0];
      return { method: first?.method ?? null, path: first?.path ?? null, file, line, column, endLine, endColumn, message, related, subject: m.callIds[0] ?? `${m.file}:${m.line}:${m.column}` };
    });
  },
};
export default rule;
