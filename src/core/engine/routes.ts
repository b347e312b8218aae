/**
 * Pass 4, routes: every framework's `routes.link` over the declarations of all files (prefixes, mounts,
 * across modules), plus the ports services are started on.
 */
import type { BackendDecl, Framework, LinkContext, LinkedRoute, PortDecl } from '../frameworks/types';
import { indexedFrameworks } from '../frameworks/registry';
import { projectOf, type Project } from '../project/projects';
import { fileRole } from '../project/roles';
import { Evaluator, isLiteral, literalText, type Part, type Value } from '../resolve/evaluate';
import { expandParts } from '../resolve/parts';
import type { WorkspaceProgram } from '../resolve/modules';
import type { FileStore } from './files';
import type { RunContext } from './types';
import type { AnalysisNote } from '../types';

export interface LinkedEndpoint {
  readonly framework: Framework;
  readonly route: LinkedRoute;
}

export interface RouteIndex {
  readonly routes: readonly LinkedEndpoint[];
  /** Project root → ports its code starts a server on. */
  readonly ports: ReadonlyMap<string, readonly number[]>;
}

/**
 * A link's result with what it depended on: the files whose route declarations it linked and every module
 * it read through the evaluator, and the notes it left. An edit run whose edited files are none of them
 * (and declare no routes now) links the same declarations over the same modules: it reuses the result.
 */
export interface LinkMemo {
  readonly index: RouteIndex;
  readonly reads: ReadonlySet<string>;
  readonly notes: readonly AnalysisNote[];
}

/**
 * The routes: linked again, or the last link's when `changed` (an edit run's files) cannot have changed
 * them. `moduleReads` collects the modules the run's program loads: the link is the program's first user.
 */
export function linkOrReuse(ctx: RunContext, store: FileStore, program: WorkspaceProgram, projects: readonly Project[], moduleReads: ReadonlySet<string>, changed: readonly string[] | null, last: LinkMemo | null): LinkMemo {
  const routeSources = store.sources().filter((e) => Object.values(e.parsed.decls.routes).some((d) => d.length > 0)).map((e) => e.path);
  if (changed && last) {
    const declaring = new Set(routeSources);
    if (changed.every((f) => !last.reads.has(f) && !declaring.has(f))) {
      ctx.notes.push(...last.notes);
      // What the link read counts as used in this run too (its parse notes are reported).
      for (const f of last.reads) store.module(f);
      return last;
    }
  }
  const before = ctx.notes.length;
  const index = linkRoutes(ctx, store, program, projects);
  return { index, reads: new Set([...routeSources, ...moduleReads]), notes: ctx.notes.slice(before) };
}

export function linkRoutes(ctx: RunContext, store: FileStore, program: WorkspaceProgram, projects: readonly Project[]): RouteIndex {
  const evaluator = new Evaluator(program);
  const lctx = linkContext(evaluator);
  const routes: LinkedEndpoint[] = [];
  const ports = new Map<string, number[]>();
  for (const fw of indexedFrameworks) {
    if (!fw.routes) continue;
    const decls: BackendDecl[] = [];
    for (const e of store.sources()) {
      const d = e.parsed.decls.routes[fw.id];
      if (!d) continue;
      // A test's call of a route helper would register a mock app's route at the helper's line, outside the test.
      if (fileRole(ctx.config, e.path) === 'test') decls.push(...d.filter((x) => !(x.t === 'route' && 'call' in x)));
      else decls.push(...d);
    }
    if (decls.length === 0) continue;
    try {
      for (const route of fw.routes.link(decls, lctx)) routes.push({ framework: fw, route });
    } catch (err) {
      ctx.notes.push({ level: 'warning', code: 'link-failed', message: `${fw.title}: linking routes failed (${(err as Error).message}); its routes are missing from this report` });
      ctx.log.warn(`link ${fw.id}: ${(err as Error).stack ?? err}`);
    }
    for (const d of decls) {
      // A mock server's port is not the service's.
      if (d.t !== 'port' || fileRole(ctx.config, d.file) === 'test') continue;
      const n = portValue(evaluator.evaluate((d as PortDecl).port, { file: d.file, fn: d.fn, params: null }));
      if (n === null) continue;
      const root = projectOf(projects, d.file).root;
      ports.set(root, [...(ports.get(root) ?? []), n]);
    }
  }
  return { routes, ports };
}

/** The link context every contribution's `link` gets (routes, and the real-time events). */
export function linkContext(evaluator: Evaluator): LinkContext {
  return {
    evaluator,
    value: (sym, file, fn, params) => evaluator.evaluate(sym, { file, fn, params: params ?? null }),
    pathText: (sym, file, fn, params) => routePathForms(evaluator.partsOf(evaluator.evaluate(sym, { file, fn, params: params ?? null }), sym)),
    valueText: (v, sym) => routePathText(evaluator.partsOf(v, sym)),
  };
}

/**
 * A route path that is one of a few known forms (a helper returning `"/<org_slug>" + rule` or `rule`
 * depending on a setting): the first form, and the others as variants, when every form is known;
 * otherwise the path with the choice as one unresolved part.
 */
function routePathForms(parts: readonly Part[]): { text: string; unresolved: string[]; variants?: string[] } {
  if (!parts.some((p) => 'alt' in p)) return routePathText(parts);
  const forms = expandParts(parts).map(routePathText);
  if (forms.length < 2 || forms.some((f) => f.unresolved.length > 0)) return routePathText(parts);
  const texts = [...new Set(forms.map((f) => f.text))];
  return texts.length > 1 ? { text: texts[0]!, unresolved: [], variants: texts.slice(1) } : { text: texts[0]!, unresolved: [] };
}

/** Route path text from parts: unknown pieces become `{expr}` parameters and are reported. */
function routePathText(parts: readonly Part[]): { text: string; unresolved: string[] } {
  const unresolved: string[] = [];
  let text = '';
  for (const p of parts) {
    if ('lit' in p) text += p.lit;
    else if ('env' in p) {
      if (p.fallback && isLiteral(p.fallback)) text += literalText(p.fallback);
      else {
        text += `{${p.env}}`;
        unresolved.push(`\`${p.env}\` (env)`);
      }
    } else {
      const label = 'param' in p ? p.name : 'dyn' in p ? p.dyn : 'a choice between paths';
      text += `{${label.replace(/[{}/]/g, '')}}`;
      unresolved.push(`\`${label}\``);
    }
  }
  return { text, unresolved };
}

function portValue(v: Value): number | null {
  if (v.t === 'num') return v.v;
  if (v.t !== 'str') return null;
  for (const p of v.parts) {
    if ('lit' in p && /^\d{2,5}$/.test(p.lit)) return Number(p.lit);
    if ('env' in p && p.fallback) {
      const t = literalText(p.fallback);
      if (t && /^\d{2,5}$/.test(t)) return Number(t);
    }
  }
  return null;
}
