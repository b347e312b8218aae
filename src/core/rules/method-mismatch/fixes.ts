/**
 * Fixes for a method mismatch: change the call's method to one the route accepts (the client method
 * `axios.get` → `axios.post`, a wrapper's `api.get` → `api.post`, the `method:` option of `fetch`), or add
 * the call's method to the backend: to the methods list the route declares (Flask `methods=[…]`, FastAPI
 * `api_route`, Django `@api_view([…])`), or as a stub handler for the route's path, next to the route.
 */
import { methodsListPlans } from '../../fixes/methodsList';
import { planRouteStub } from '../../fixes/routeStub';
import { offsetOf, positionOf } from '../../fixes/stubText';
import type { FixContext, FixEdit, FixPlan } from '../../fixes/types';
import { callArguments } from '../../fixes/urlLiteral';
import { HTTP_METHODS, type Call, type HttpMethod } from '../../types';
import { relatedEndpoints } from '../missing-endpoint/fixes';

const METHOD_NAME = /^(get|post|put|patch|delete|head|options)$/i;
const FETCH_LIKE = /^(?:window\.|globalThis\.)?(?:fetch|\$fetch|ofetch|useFetch|useLazyFetch)$/;

export function methodMismatchFixes(ctx: FixContext): FixPlan[] {
  const call = ctx.result.calls.find((c) => c.id === ctx.gap.subject);
  if (!call?.path || call.method === '*') return [];
  const same = relatedEndpoints(ctx, ctx.gap);
  const methods = [...new Set(same.map((e) => e.method))].filter((m): m is HttpMethod => m !== '*' && HTTP_METHODS.includes(m) && m !== 'HEAD' && m !== 'OPTIONS');
  const plans: FixPlan[] = [];
  const text = ctx.readFile(call.file);
  for (const m of methods) {
    const edits = text ? methodEdits(text, call, m) : { reason: 'the file cannot be read' };
    if ('reason' in edits) {
      ctx.log(`no method change for ${call.file}:${call.line}: ${edits.reason}`);
      break;
    }
    plans.push({ title: `Change the call's method to ${m}`, kind: 'change-method', edits: edits.map((e) => ({ ...e, file: call.file })) as FixEdit[], reveal: { file: call.file, line: call.line, column: call.column } });
  }
  plans.push(...methodsListPlans(ctx, same, call.method));
  const target = same[0];
  if (target) {
    const stub = planRouteStub(ctx, { service: target.service, method: call.method, path: target.path, prefer: same.map((e) => e.id), kind: 'add-method', title: (file, created) => `Add ${call.method} ${created} to ${file}` });
    if (stub) plans.push(stub);
  }
  return plans;
}

type Edit = { t: 'replace'; line: number; column: number; endLine: number; endColumn: number; text: string } | { t: 'insert'; line: number; column: number; text: string };

/** The edits that make the call use `method`, or why it cannot be changed in place. */
function methodEdits(text: string, call: Call, method: HttpMethod): Edit[] | { reason: string } {
  const start = offsetOf(text, call.line, call.column);
  const src = text.slice(start, start + 20_000);
  const parsed = callArguments(src);
  if (!parsed || !parsed.args.length) return { reason: 'the call is not a plain call' };
  const name = /([\w$]+)\s*$/.exec(parsed.callee)?.[1] ?? '';
  const at = (from: number, to: number, newText: string): Edit => {
    const a = positionOf(text, start + from);
    const b = positionOf(text, start + to);
    return { t: 'replace', line: a.line, column: a.column, endLine: b.line, endColumn: b.column, text: newText };
  };
  if (METHOD_NAME.test(name)) {
    const end = parsed.callee.length;
    const cased = name === name.toUpperCase() ? method : name[0] === name[0]!.toUpperCase() ? method[0] + method.slice(1).toLowerCase() : method.toLowerCase();
    return [at(end - name.length, end, cased)];
  }
  if (!FETCH_LIKE.test(parsed.callee)) return { reason: `the method of a \`${parsed.callee}\` call is not set in a way that can be changed here` };
  if (parsed.close < 0) return { reason: 'the call does not end' };
  const url = parsed.args[0]!;
  const opts = parsed.args[1];
  if (!opts) {
    const p = positionOf(text, start + url.end);
    return [{ t: 'insert', line: p.line, column: p.column, text: `, { method: '${method}' }` }];
  }
  const o = src.slice(opts.start, opts.end);
  if (!o.startsWith('{')) return { reason: 'the options are not an object literal' };
  const m = /(^|[{,\s])method\s*:\s*(['"`])([A-Za-z]+)\2/.exec(o);
  if (m) {
    const from = opts.start + m.index + m[0].length - m[3]!.length - 1;
    const cased = m[3] === m[3]!.toLowerCase() ? method.toLowerCase() : method;
    return [at(from, from + m[3]!.length, cased)];
  }
  if (/\bmethod\b/.test(o)) return { reason: 'the method option is not a string literal' };
  const p = positionOf(text, start + opts.start + 1);
  return [{ t: 'insert', line: p.line, column: p.column, text: o.trim() === '{}' ? ` method: '${method}' ` : ` method: '${method}',` }];
}
