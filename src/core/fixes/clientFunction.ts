/**
 * "Add a client function" for an unused endpoint, in the frontend's own client style: the client function
 * that calls the nearest sibling route of the same service (a method of a `class XService extends
 * APIService`, a wrapper function `export const getItems = () => api.get(…)`, a member of a service object)
 * is copied next to itself, with its name, parameters, HTTP method and URL changed. The URL keeps the
 * sibling's base (an origin, a `${API_BASE_URL}` expression) and its expressions for the parameters both
 * paths share (`${workspaceSlug}`), which become the new function's parameters. The copy is refused when
 * the sibling's body uses its parameters for anything but the request, or its request is not a plain
 * `client.method(url, …)` call with a literal URL. A generated client gets a note to regenerate it instead.
 */
import { hasDependency } from '../project/projects';
import type { Call, Endpoint } from '../types';
import { isPlainIdentifier, templateChunk, unsafeSegmentReason } from './codeText';
import { closingBracket, closingParen, offsetOf, positionOf } from './stubText';
import type { FixContext, FixPlan } from './types';
import { callArguments } from './urlLiteral';

const METHOD_NAME = /^(get|post|put|patch|delete)$/i;
const BODY = new Set(['POST', 'PUT', 'PATCH']);
const MAX_TRIES = 6;

/** The new URL literal and the parameters it needs, from the sibling's literal, or why not. */
export function newUrl(literal: string, callPath: string, target: string): { text: string; params: string[]; reused: string[] } | { reason: string } {
  const q = literal[0]!;
  if (!`'"\``.includes(q) || literal.length < 2 || literal[literal.length - 1] !== q) return { reason: 'the URL is not one literal' };
  const body = literal.slice(1, -1);
  if (body.includes('\\') || (q !== '`' && body.includes(q))) return { reason: 'the URL literal holds escapes' };
  const lead = /^(?:https?:\/\/[^/?#$`]*|\$\{[^{}]*\})/.exec(body)?.[0] ?? '';
  const rest = body.slice(lead.length);
  if (rest !== '' && !rest.startsWith('/')) return { reason: 'the URL literal does not hold an absolute path' };
  const region = rest.split(/[?#]/)[0]!;
  const trailing = region.length > 1 && region.endsWith('/');
  const segs = region.split('/').filter(Boolean);
  const S = callPath.split('/').filter(Boolean);
  const T = target.split('/').filter(Boolean);
  const inBase = S.length - segs.length;
  const isP = (s: string) => s.startsWith('{');
  if (inBase < 0 || T.length < inBase || !S.slice(0, inBase).every((s, i) => (isP(s) ? isP(T[i]!) : s === T[i]))) return { reason: 'the route differs in the part of the path the base URL holds' };
  const params: string[] = [];
  const reused: string[] = [];
  let same = true;
  const out = T.slice(inBase).map((t, i) => {
    const s = S[inBase + i];
    same &&= s !== undefined && (isP(t) ? s === '{}' : s === t);
    if (!isP(t)) return q === '`' || T.some(isP) ? templateChunk(t) : t;
    const expr = same ? /^\$\{\s*([A-Za-z_$][\w$]*)\s*\}$/.exec(segs[i] ?? '')?.[1] : undefined;
    let name = expr ?? (t.replace(/^\{(?:\.\.\.)?|\??\}$/g, '').replace(/[-_]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase()) || 'param');
    if (!isPlainIdentifier(name)) name = 'param';
    for (let k = 2; params.includes(name); k++) name = `${name.replace(/\d+$/, '')}${k}`;
    params.push(name);
    if (expr) reused.push(expr);
    return `\${${name}}`;
  });
  for (const t of T) if (!isP(t) && unsafeSegmentReason(t)) return { reason: `the route path has ${unsafeSegmentReason(t)}` };
  const path = out.length ? `/${out.join('/')}${trailing ? '/' : ''}` : '';
  const tq = q === '`' || params.length ? '`' : q;
  const leadText = tq === '`' && q !== '`' ? templateChunk(lead) : lead;
  return { text: `${tq}${leadText}${path}${tq}`, params, reused };
}

interface Fn {
  /** Offsets: the first line of the function, its name, its parameter list's parentheses, return type, end. */
  readonly start: number;
  readonly name: number;
  readonly open: number;
  readonly close: number;
  readonly returnType: { from: number; to: number } | null;
  readonly end: number;
  /** A member of an object literal (followed by a comma). */
  readonly member: boolean;
}

/** The end of the call starting at `from` and of the chain after it (`.then(…).catch(…)`). */
function chainEnd(text: string, from: number): number {
  let i = from;
  for (;;) {
    const paren = text.indexOf('(', i);
    const c = paren < 0 ? null : closingParen(text, paren);
    if (c === null || !/^[\w$.\s?]*$/.test(text.slice(i, paren))) return i;
    i = c;
    const next = /^\s*\??\.\s*[A-Za-z_$][\w$]*\s*(?=\()/.exec(text.slice(i));
    if (!next) return i;
    i += next[0].length;
  }
}

/** The function `short` starting on `line` that holds the offset `inside` (an expression body starts at `exprStart`), or null. */
function enclosing(text: string, line: number, short: string, inside: number, exprStart: number, member: boolean): Fn | null {
  const start = offsetOf(text, line, 1);
  const head = new RegExp(`\\b${short.replace(/\$/g, '\\$')}\\b\\s*(?:[:=]\\s*(?:async\\s*)?(?:function\\b[^(]*)?)?(?=\\()`, 'y');
  const lineText = text.slice(start, text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start));
  const at = lineText.search(new RegExp(`\\b${short.replace(/\$/g, '\\$')}\\b`));
  if (at < 0) return null;
  head.lastIndex = start + at;
  const m = head.exec(text);
  if (!m) return null;
  const open = head.lastIndex;
  const close = closingParen(text, open);
  if (close === null) return null;
  const after = /^(\s*:\s*([\w$.]+(?:<[^{};=]*>)?(?:\[\])?)\s*)?\s*(=>\s*)?(\{)?/.exec(text.slice(close, close + 500))!;
  const returnType = after[2] ? { from: close + after[0].indexOf(after[2]), to: close + after[0].indexOf(after[2]) + after[2].length } : null;
  let end: number | null;
  if (after[4]) {
    end = closingBracket(text, close + after[0].length - 1, 50_000);
    // The body is the request and nothing else: `return <request>;` or `const r = await <request>; return r.data;`.
    if (end !== null) {
      const chain = chainEnd(text, exprStart);
      const body = `${text.slice(close + after[0].length, exprStart)}@@${text.slice(chain, end - 1)}`;
      if (!/^\s*(?:return\s+(?:await\s+)?@@\s*;?|(?:const|let)\s+(\{\s*data\s*\}|[A-Za-z_$][\w$]*)\s*=\s*await\s+@@\s*;?\s*return\s+(?:[A-Za-z_$][\w$]*)(?:\??\.[A-Za-z_$][\w$]*)*\s*;?)\s*$/.test(body)) return null;
    }
  } else if (after[3]) {
    // An expression body: the request call and the chain after it (`.then(…).catch(…)`).
    const i = close + after[0].length;
    const await_ = /^(?:await\s+)?/.exec(text.slice(i))![0];
    if (i + await_.length !== exprStart) return null;
    end = chainEnd(text, exprStart);
  } else return null;
  if (end === null || inside < open || inside >= end) return null;
  if (!member && /^\s*;/.test(text.slice(end))) end += /^\s*;/.exec(text.slice(end))![0].length;
  return { start, name: start + at, open, close, returnType, end, member };
}

/** Top-level parameter names of a parameter list, or null when one is destructured. */
function paramNames(src: string): string[] | null {
  const names: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of `${src},`) {
    if ('([{<'.includes(ch)) depth++;
    else if (')]}>'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      const t = cur.trim();
      cur = '';
      if (!t) continue;
      const m = /^(?:\.\.\.)?([A-Za-z_$][\w$]*)/.exec(t);
      if (!m) return null;
      names.push(m[1]!);
    } else cur += ch;
  }
  return names;
}

/** A copy of the client function around `call` (a request to a sibling route), sending `method` to `ep`. */
function cloneAround(ctx: FixContext, call: Call, ep: Endpoint, text: string): FixPlan | { reason: string } {
  const at = offsetOf(text, call.line, call.column);
  // The call's span starts at its method name (`get` in `this.get(…)`); the receiver is before it.
  const parsed = callArguments(text.slice(at, at + 20_000));
  const receiver = /(?:[A-Za-z_$][\w$]*\s*\??\.\s*)+$/.exec(text.slice(Math.max(0, at - 200), at))?.[0] ?? '';
  const verb = parsed?.callee;
  if (!parsed || !verb || !receiver || !METHOD_NAME.test(verb) || parsed.close < 0 || !parsed.args[0]) return { reason: 'the request is not a `client.method(url, …)` call' };
  const literal = text.slice(at + parsed.args[0].start, at + parsed.args[0].end).trim();
  const url = newUrl(literal, call.path!, ep.path);
  if ('reason' in url) return url;
  const mod = ctx.workspace.modulesUnder('.').find((m) => m.file === call.file);
  const facts = Object.values(mod?.functions ?? {}).filter((f) => f.line <= call.line && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?$/.test(f.name)).sort((a, b) => b.line - a.line);
  let fn: Fn | null = null;
  for (const f of facts) {
    const [owner, short] = f.name.includes('.') ? f.name.split('.') : [null, f.name];
    const member = owner !== null && !mod!.classes[owner];
    fn = enclosing(text, f.line, short!, at, at - receiver.length, member);
    if (fn) break;
  }
  if (!fn) return { reason: 'the request is not the whole body of a named client function' };
  const old = paramNames(text.slice(fn.open + 1, fn.close - 1));
  if (!old) return { reason: 'the client function destructures its parameters' };
  const method = ep.method as string;
  const ts = /\.tsx?$/.test(call.file);
  const params = [...url.params, ...(BODY.has(method) ? ['data'] : [])];
  const paramText = params.map((p) => (ts ? `${p}: ${p === 'data' && BODY.has(method) ? 'unknown' : 'string'}` : p)).join(', ');
  const cased = verb === verb.toUpperCase() ? method : method.toLowerCase();
  const newCall = `${cased}(${url.text}${BODY.has(method) ? ', data' : ''})`;
  const words = ep.path.split('/').filter((s) => s && !s.startsWith('{') && !/^(api|v\d+)$/i.test(s)).slice(-2);
  const base = [method.toLowerCase(), ...words.flatMap((w) => w.split(/[^A-Za-z0-9]+/))].filter(Boolean).map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join('');
  if (!isPlainIdentifier(base)) return { reason: 'the route gives no function name' };
  let name = base;
  for (let k = 2; new RegExp(`\\b${name}\\b`).test(text); k++) name = `${base}${k}`;
  const shortName = /^[A-Za-z_$][\w$]*/.exec(text.slice(fn.name))![0];
  const callEnd = at + parsed.close + 1;
  const anyPromise = /Promise<any>/.test(text) ? 'Promise<any>' : 'Promise<unknown>';
  // A copy meant to be called from elsewhere is not private.
  const modifier = /(?:private|protected)\s+(?=(?:static\s+)?(?:async\s+)?$)/.exec(text.slice(fn.start, fn.name));
  const pieces: Array<[number, number, string]> = [
    ...(modifier ? [[fn.start + modifier.index, fn.start + modifier.index + modifier[0].length, ''] as [number, number, string]] : []),
    [fn.name, fn.name + shortName.length, name],
    [fn.open + 1, fn.close - 1, paramText],
    ...(fn.returnType ? [[fn.returnType.from, fn.returnType.to, /^Promise\b/.test(text.slice(fn.returnType.from)) ? anyPromise : 'unknown'] as [number, number, string]] : []),
    [at, callEnd, newCall],
  ];
  let clone = '';
  let pos = fn.start;
  for (const [from, to, t] of pieces) {
    clone += text.slice(pos, from) + t;
    pos = to;
  }
  clone += text.slice(pos, fn.end);
  // The body but the request: what must not use a parameter the copy no longer has.
  const body = text.slice(fn.close, at) + text.slice(callEnd, fn.end);
  const stale = old.filter((o) => !params.includes(o) && new RegExp(`(?<![\\w$.])${o.replace(/\$/g, '\\$')}\\b`).test(body));
  if (stale.length) return { reason: `the client function uses ${stale.map((s) => `\`${s}\``).join(', ')} beyond its request` };
  const p = positionOf(text, fn.end);
  const insert = fn.member ? `,\n\n${clone}` : `\n\n${clone}`;
  const reveal = positionOf(text.slice(0, fn.end) + insert, fn.end + insert.indexOf(name));
  return {
    title: `Add a client function ${name}() for ${method} ${ep.path} next to \`${shortName}\` (${call.file})`,
    kind: 'client-function',
    edits: [{ t: 'insert', file: call.file, line: p.line, column: p.column, text: insert }],
    reveal: { file: call.file, line: reveal.line, column: reveal.column },
  };
}

const lastLiteral = (path: string) => path.split('/').filter((x) => x && !x.startsWith('{')).pop();

/** Shared leading segments of two canonical paths (parameters match parameters). */
function shared(a: string, b: string): number {
  const x = a.split('/').filter(Boolean);
  const y = b.split('/').filter(Boolean);
  let n = 0;
  while (n < x.length && n < y.length && (x[n] === y[n] || (x[n]!.startsWith('{') && y[n]!.startsWith('{')))) n++;
  return n;
}

const GENERATORS = ['@hey-api/openapi-ts', 'openapi-typescript-codegen', 'orval', '@openapitools/openapi-generator-cli', 'swagger-typescript-api', '@kubb/cli', '@rtk-query/codegen-openapi', 'openapi-typescript'];
const GENERATED_FILE = /\.gen\.[cm]?[jt]s$/;
const GENERATED_HEADER = /auto-?generated|do not (?:edit|modify)|generated by|this file (?:is|was) generated/i;
const GENERATOR_CONFIG = /(?:^|\/)(?:openapi-ts|orval|kubb)\.config\.[cm]?[jt]s$|(?:^|\/)openapitools\.json$/;

/**
 * When the sibling request goes through a generated client function (`ItemsService.readItems` defined in
 * `sdk.gen.ts`, or a file whose header says it is generated), a note instead of an edit: regenerate the
 * client. Its action edits nothing and opens the generator's config (or the generated file).
 */
function generatedNote(ctx: FixContext, ep: Endpoint, sibling: Call): FixPlan | null {
  const name = sibling.via[0];
  if (!name || !/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?$/.test(name)) return null;
  const layout = ctx.workspace.layout();
  for (const m of ctx.workspace.modulesUnder('.')) {
    if (m.language !== 'js' || !Object.values(m.functions).some((f) => f.name === name)) continue;
    const text = ctx.readFile(m.file);
    if (!GENERATED_FILE.test(m.file) && !GENERATED_HEADER.test(text?.slice(0, 600) ?? '')) continue;
    const project = layout?.projects.filter((p) => p.root === '.' || m.file.startsWith(`${p.root}/`)).sort((a, b) => b.root.length - a.root.length)[0];
    const generator = project ? GENERATORS.find((d) => hasDependency(project, d)) : undefined;
    const prefix = !project || project.root === '.' ? '' : `${project.root}/`;
    const config = layout ? [...layout.files].find((f) => f.startsWith(prefix) && GENERATOR_CONFIG.test(f.slice(prefix.length)) && !f.slice(prefix.length).includes('/')) : undefined;
    return {
      title: `Regenerate the API client${generator ? ` (${generator})` : ''} to get ${ep.method} ${ep.path}: ${m.file} is generated, so no function is written by hand`,
      kind: 'client-function',
      edits: [],
      reveal: { file: config ?? m.file, line: 1, column: 1 },
    };
  }
  return null;
}

/** The client function for an unused endpoint, copied from the nearest sibling call's, or null (logged). */
export function clientFunction(ctx: FixContext, ep: Endpoint): FixPlan | null {
  if (ep.kind !== 'http' || !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(ep.method)) return null;
  const byId = new Map(ctx.result.endpoints.map((e) => [e.id, e]));
  const resource = lastLiteral(ep.path);
  const siblings = ctx.result.calls
    .filter((c) => c.status === 'matched' && c.role === 'app' && c.path && c.endpoint && byId.get(c.endpoint)?.service === ep.service)
    .map((c) => ({ c, n: shared(byId.get(c.endpoint!)!.path, ep.path) }))
    .filter((s) => s.n >= Math.min(2, ep.path.split('/').filter(Boolean).length - 1) && s.n > 0)
    // The same resource: the sibling's route ends with the new route's last literal segment (a cycle's
    // `archive` next to `restoreCycle`; not a comment next to a comment's reactions, not an attachment in
    // the relations service).
    .filter((s) => !resource || lastLiteral(byId.get(s.c.endpoint!)!.path) === resource)
    .sort((a, b) => b.n - a.n || a.c.file.localeCompare(b.c.file) || a.c.line - b.c.line);
  const reasons: string[] = [];
  const texts = new Map<string, string | null>();
  const note = siblings[0] ? generatedNote(ctx, ep, siblings[0].c) : null;
  if (note) return note;
  for (const { c } of siblings.slice(0, MAX_TRIES)) {
    if (!texts.has(c.file)) texts.set(c.file, ctx.readFile(c.file));
    const text = texts.get(c.file);
    if (!text) continue;
    const out = cloneAround(ctx, c, ep, text);
    if (!('reason' in out)) return out;
    reasons.push(`${c.file}:${c.line}: ${out.reason}`);
  }
  ctx.log(`no client function for ${ep.method} ${ep.path}: ${siblings.length ? reasons.join('; ') : 'no call reaches a route of the same resource in its service'}`);
  return null;
}
