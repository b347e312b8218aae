/**
 * Fixes for a missing endpoint: change the call's URL to one of the closest routes (the ones its
 * message names, already bounded by the matcher), or create the route in the backend as a stub.
 */
import { methodMatches } from '../../relations/http/matcher';
import { planRouteStub } from '../../fixes/routeStub';
import { offsetOf, positionOf } from '../../fixes/stubText';
import type { FixContext, FixPlan } from '../../fixes/types';
import { callArguments, rewriteUrlLiteral } from '../../fixes/urlLiteral';
import type { Call, Endpoint, Gap, Span } from '../../types';

/** The routes a finding names as related (the closest ones, or the same path's). */
export function relatedEndpoints(ctx: FixContext, gap: Gap): Endpoint[] {
  return gap.related.flatMap((r) => ctx.result.endpoints.filter((e) => e.file === r.file && e.line === r.line && e.column === r.column && r.message.includes(` ${e.path}`)));
}

export function missingEndpointFixes(ctx: FixContext): FixPlan[] {
  const call = ctx.result.calls.find((c) => c.id === ctx.gap.subject);
  if (!call?.path || call.method === '*') return [];
  const plans: FixPlan[] = [];
  const near = relatedEndpoints(ctx, ctx.gap).filter((e) => methodMatches(e.method, call.method));
  const text = ctx.readFile(call.file);
  // A prefix added or removed is only sure when the URL's base is known (an env var may hold a path).
  const envBase = call.via.some((v) => v.startsWith('env '));
  for (const path of [...new Set(near.map((e) => e.path))]) {
    if (!text) break;
    if (envBase && path.split('/').filter(Boolean).length !== call.path.split('/').filter(Boolean).length) {
      ctx.log(`no URL change for ${call.file}:${call.line} to ${path}: the base URL comes from an environment variable, which may hold a path`);
      continue;
    }
    const out = urlChange(text, call, path);
    if ('reason' in out) {
      ctx.log(`no URL change for ${call.file}:${call.line} to ${path}: ${out.reason}`);
      continue;
    }
    plans.push({ title: `Change the URL to ${path}`, kind: 'change-url', edits: [{ t: 'replace', file: call.file, ...out.span, text: out.text }], reveal: { file: call.file, line: out.span.line, column: out.span.column } });
  }
  // A stub is an HTTP route: a WebSocket endpoint is not scaffolded.
  const service = call.kind === 'websocket' || call.kind === 'socketio' ? null : targetService(ctx, near);
  if (service) {
    const path = namedPath(call);
    const stub = planRouteStub(ctx, { service, method: call.method, path, prefer: near.map((e) => e.id), kind: 'create-route', title: (file, created) => `Create the route ${call.method} ${created} in ${file}` });
    if (stub) plans.push(stub);
  }
  return plans;
}

/** The edit of the call's URL literal (its first argument that is one) sending it to `path`, or why not. */
function urlChange(text: string, call: Call, path: string): { span: Span; text: string } | { reason: string } {
  const start = offsetOf(text, call.line, call.column);
  const src = text.slice(start, offsetOf(text, call.endLine, call.endColumn));
  const literal = /^\s*(['"`])/.test(src) ? { start: 0, end: src.length } : callArguments(src)?.args.find((a) => /^['"`]/.test(src.slice(a.start, a.end)));
  if (!literal) return { reason: 'the URL is not a string or template literal argument' };
  const out = rewriteUrlLiteral(src.slice(literal.start, literal.end).trim(), call.path!, path);
  if ('reason' in out) return out;
  const from = positionOf(text, start + literal.start);
  const to = positionOf(text, start + literal.end);
  return { span: { line: from.line, column: from.column, endLine: to.line, endColumn: to.column }, text: out.text };
}

/** The one service the call was searched in (the rule's message names it), or null. */
function targetService(ctx: FixContext, near: readonly Endpoint[]): string | null {
  const one = /in service `([^`]+)`\./.exec(ctx.gap.message)?.[1];
  if (one && ctx.result.services.some((s) => s.name === one)) return one;
  const services = [...new Set(near.map((e) => e.service))];
  if (services.length === 1) return services[0]!;
  ctx.log(`no route stub for ${ctx.gap.subject}: the call may target several services`);
  return null;
}

/** The call's path with its parameters named after the call's own expressions (`{id}`), `{param}` otherwise. */
export function namedPath(call: Call): string {
  const segs = call.path!.split('/').filter(Boolean);
  const urlPath = (call.url ?? '').replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/[?#].*$/s, '');
  const urlSegs = urlPath.split('/').filter(Boolean);
  const tail = urlSegs.slice(Math.max(0, urlSegs.length - segs.length));
  const used = new Set<string>();
  const named = segs.map((s, i) => {
    if (s !== '{}') return s;
    const raw = tail.length === segs.length ? /^\{([^{}]*)\}$/.exec(tail[i]!)?.[1] ?? '' : '';
    let name = (raw.split(/[^A-Za-z0-9_]+/).filter(Boolean).pop() ?? '').replace(/^(\d)/, 'p$1') || 'param';
    for (let k = 2; used.has(name); k++) name = `${name.replace(/\d+$/, '')}${k}`;
    used.add(name);
    return `{${name}}`;
  });
  return `/${named.join('/')}`;
}
