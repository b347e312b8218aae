/**
 * "Create the route in the backend": a "not implemented" handler for a method and path, written by the
 * framework's `stub` contribution next to an existing route of the service whose router prefix covers the
 * path (the prefix is what the route's full path adds to the path literal at its registration). When no
 * such place can be found the fix is not offered, and the reason is logged.
 */
import { frameworks } from '../frameworks/registry';
import type { Endpoint } from '../types';
import { unsafeSegmentReason, isPlainIdentifier } from './codeText';
import { registrationPath, spanText, type StubContribution, type StubSegment } from './stubText';
import type { FixContext, FixEdit, FixKind, FixPlan } from './types';

/** How many routes of the service are read to find the router (and files read for them). */
const MAX_CANDIDATES = 300;
const MAX_FILES = 60;
const MAX_TRIES = 8;

export interface StubRequest {
  readonly service: string;
  readonly method: string;
  /** Canonical path, `{name}` parameters. */
  readonly path: string;
  /** Routes to try first (the nearest ones, the route of the same path). */
  readonly prefer: readonly string[];
  readonly kind: FixKind;
  /** The title, from the file written and the path as created (parameters named as the service names them). */
  readonly title: (file: string, path: string) => string;
}

/** The path as whole segments, or why it cannot become a stub. */
export function stubSegments(path: string): StubSegment[] | { reason: string } {
  const out: StubSegment[] = [];
  for (const seg of path.split('/').filter(Boolean)) {
    const p = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(seg);
    if (p) out.push({ param: p[1]! });
    else if (seg.includes('{') || seg.includes('}')) return { reason: `the segment ${JSON.stringify(seg)} is not a plain literal or parameter` };
    else {
      const why = unsafeSegmentReason(seg);
      if (why) return { reason: `the path has ${why}` };
      out.push({ lit: seg });
    }
  }
  return out;
}

const isParamSeg = (s: string) => /[{:<*]/.test(s);

/** The segments of `ep.path` its router adds (its prefix), from the literal at its registration; null when unclear. */
function routerPrefix(ep: Endpoint, text: string, stub: StubContribution): string[] | null {
  const lit = stub.pathLiteral ? stub.pathLiteral(text, ep) : registrationPath(spanText(text, ep));
  if (lit === null) return null;
  const litSegs = lit.split('/').filter(Boolean);
  const full = ep.path.split('/').filter(Boolean);
  if (litSegs.length > full.length) return null;
  const tail = full.slice(full.length - litSegs.length);
  for (let i = 0; i < litSegs.length; i++) {
    const a = litSegs[i]!;
    const b = tail[i]!;
    if (isParamSeg(a) ? !b.startsWith('{') : a !== b) return null;
  }
  return full.slice(0, full.length - litSegs.length);
}

function covers(prefix: readonly string[], segs: readonly StubSegment[]): boolean {
  if (prefix.length > segs.length) return false;
  return prefix.every((p, i) => {
    const s = segs[i]!;
    return 'lit' in s ? p === s.lit : p.startsWith('{');
  });
}

export function planRouteStub(ctx: FixContext, req: StubRequest): FixPlan | null {
  const fail = (why: string) => {
    ctx.log(`no route stub for ${req.method} ${req.path}: ${why}`);
    return null;
  };
  const segs = stubSegments(req.path);
  if ('reason' in segs) return fail(segs.reason);
  if (segs.length === 0) return fail('a call to the root path is no route to create');
  if (segs.some((s) => 'param' in s && !isPlainIdentifier(s.param))) return fail('a parameter name is not an identifier');
  const stubs = new Map(frameworks.filter((f) => f.stub).map((f) => [f.id, f.stub!]));
  const own = ctx.result.endpoints.filter((e) => e.service === req.service && e.kind === 'http' && e.source === 'code' && e.confidence === 'exact');
  if (own.length && !own.some((e) => stubs.has(e.framework))) return fail(`no stub writer for ${[...new Set(own.map((e) => e.framework))].join(', ')}`);
  const named = alignParams(segs, own);
  const rank = (e: Endpoint) => (req.prefer.includes(e.id) ? 0 : 1);
  const candidates = own.filter((e) => stubs.has(e.framework)).sort((a, b) => rank(a) - rank(b)).slice(0, MAX_CANDIDATES);
  const texts = new Map<string, string | null>();
  const scored: Array<{ ep: Endpoint; prefix: string[]; text: string }> = [];
  for (const ep of candidates) {
    if (!texts.has(ep.file)) {
      if (texts.size >= MAX_FILES) continue;
      texts.set(ep.file, ctx.readFile(ep.file));
    }
    const text = texts.get(ep.file);
    if (!text) continue;
    const stub = stubs.get(ep.framework)!;
    const prefix = stub.fileBased ? [] : routerPrefix(ep, text, stub);
    if (prefix && covers(prefix, segs)) scored.push({ ep, prefix, text });
  }
  if (!scored.length) return fail(`no route of service \`${req.service}\` shows a router whose prefix covers the path`);
  // File-based routers: the route sharing the most of the path shows the folder (and route group) to use.
  const shared = (e: Endpoint) => commonLength(e.path.split('/').filter(Boolean), segs);
  scored.sort((a, b) => b.prefix.length - a.prefix.length || shared(b.ep) - shared(a.ep) || rank(a.ep) - rank(b.ep));
  // Router modules that share the path equally far (`/api/workspaces/{slug}` in every module of plane):
  // none of them owns the new route, and picking one is a guess. Judged over all the service's routes.
  const top = scored[0]!;
  if (!stubs.get(top.ep.framework)!.fileBased) {
    const best = Math.max(...own.map(shared));
    const owners = [...new Set(own.filter((e) => shared(e) === best).map((e) => e.file))];
    if (owners.length > 1) return fail(`${owners.slice(0, 3).join(', ')}${owners.length > 3 ? ', …' : ''} share the path equally far (${best} segments); none owns it`);
    if (!owners.includes(top.ep.file)) return fail(`${owners[0]} shares the most of the path but shows no router whose prefix covers it`);
  }
  const root = ctx.result.services.find((s) => s.name === req.service)?.root;
  const layout = ctx.workspace.layout();
  const project = layout?.projects.find((p) => p.root === root);
  const files = root === undefined || !layout ? [] : [...layout.files].filter((f) => root === '.' || f.startsWith(`${root}/`));
  const reasons: string[] = [];
  const shape = (p: string) => p.replace(/\{[^}]*\}/g, '{}');
  const samePath = own.some((e) => shape(e.path) === shape(req.path));
  for (const { ep, prefix, text } of scored.slice(0, MAX_TRIES)) {
    const out = stubs.get(ep.framework)!.routeStub({ method: req.method, segments: named.slice(prefix.length), sibling: { file: ep.file, handler: ep.handler, span: ep }, text, versions: project?.versions ?? {}, files, readFile: (p) => ctx.readFile(p), samePath });
    if ('reason' in out) {
      reasons.push(`${ep.file}:${ep.line}: ${out.reason}`);
      continue;
    }
    const edits: FixEdit[] = out.edits.map((e) => {
      const file = e.file ?? ep.file;
      if (e.create) return { t: 'create', file, text: e.text };
      return e.end ? { t: 'replace', file, line: e.line, column: e.column, endLine: e.end.line, endColumn: e.end.column, text: e.text } : { t: 'insert', file, line: e.line, column: e.column, text: e.text };
    });
    const created = `/${named.map((x) => ('lit' in x ? x.lit : `{${x.param}}`)).join('/')}`;
    return { title: req.title(out.reveal.file ?? ep.file, created), kind: req.kind, edits, reveal: { file: out.reveal.file ?? ep.file, line: out.reveal.line, column: out.reveal.column } };
  }
  return fail(reasons.join('; '));
}

function commonLength(path: readonly string[], segs: readonly StubSegment[]): number {
  let n = 0;
  for (; n < path.length && n < segs.length; n++) {
    const s = segs[n]!;
    if ('lit' in s ? path[n] !== s.lit : !path[n]!.startsWith('{')) break;
  }
  return n;
}

/**
 * Parameters named as the service's routes name them at the same place (`/failed/{id}` makes the new
 * `/failed/{x}/view` use `id`): routers such as axum's and Next.js's refuse two names for one position.
 */
function alignParams(segs: readonly StubSegment[], routes: readonly Endpoint[]): StubSegment[] {
  const out = [...segs];
  for (let i = 0; i < out.length; i++) {
    if (!('param' in out[i]!)) continue;
    // The name most routes sharing the path up to here use (`project_id` over one route's `pk`).
    const counts = new Map<string, number>();
    for (const e of routes) {
      const p = e.path.split('/').filter(Boolean);
      const name = /^\{([A-Za-z_]\w*)\}$/.exec(p[i] ?? '')?.[1];
      if (name && commonLength(p, out) >= i && !out.some((s, k) => k !== i && 'param' in s && s.param === name)) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const best = [...counts].sort((a, b) => b[1] - a[1])[0];
    if (best) out[i] = { param: best[0] };
  }
  return out;
}
