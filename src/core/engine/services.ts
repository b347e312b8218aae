/**
 * Pass 6, services: linked routes become endpoints (in the canonical path form, behind any configured
 * path prefix), grouped into one service per project, with the ports each is known to listen on; and
 * the projects whose backend framework is recognised but not indexed.
 */
import { normalize } from '../path';
import { ruleMatches, type ServiceConfig } from '../config';
import { frameworks } from '../frameworks/registry';
import { isIndexed, type Framework, type LinkedRoute } from '../frameworks/types';
import { formatPath, joinTemplates, parseRoutePath, type PathTemplate } from '../match/path';
import { hasDependency, projectOf, type Project } from '../project/projects';
import { fileRole } from '../project/roles';
import { serviceOrigin, type ServiceRec } from '../relations/http/matcher';
import { HTTP_METHODS, type Endpoint, type MethodOrAny, type Service } from '../types';
import type { RouteIndex } from './routes';
import type { RunContext } from './types';

export interface ServiceIndex {
  /** Services with their endpoints, for matching, sorted by root. */
  readonly recs: readonly ServiceRec[];
  readonly byRoot: ReadonlyMap<string, ServiceRec>;
  readonly services: readonly Service[];
  /** Every endpoint, sorted by service, path, method, file and line. */
  readonly endpoints: readonly Endpoint[];
  /** `Django (backend)`: recognised backends whose routes are not indexed. */
  readonly unindexed: readonly string[];
  /** Their ports: URLs there are not judged. */
  readonly unindexedPorts: ReadonlySet<number>;
}

interface Draft {
  readonly project: Project;
  readonly frameworks: Set<string>;
  readonly endpoints: Endpoint[];
  readonly defaultPorts: Set<number>;
}

export async function buildServices(ctx: RunContext, index: RouteIndex, projects: readonly Project[]): Promise<ServiceIndex> {
  const configs = new Map<string, ServiceConfig>();
  for (const s of ctx.config.services) configs.set(normalize(s.root), s);
  const nameOf = serviceNamer(index, projects, configs);
  const drafts = new Map<string, Draft>();
  const endpointIds = new Map<string, number>();
  // Templates whose parameters carry converter types (`<uuid:id>`), which the display path drops.
  const typed = new Map<Endpoint, PathTemplate>();
  const inTests = new Set<string>();
  for (const { framework, route } of index.routes) {
    await ctx.pause();
    // Routes of mock servers and test apps are not the backend's endpoints.
    if (fileRole(ctx.config, route.file) === 'test') {
      inTests.add(route.file);
      continue;
    }
    const project = projectOf(projects, route.file);
    let d = drafts.get(project.root);
    if (!d) drafts.set(project.root, (d = { project, frameworks: new Set(), endpoints: [], defaultPorts: new Set() }));
    const name = nameOf(project);
    const prefix = configs.get(project.root)?.pathPrefix;
    const { path, template } = displayPath(route, framework.pathSyntax, prefix);
    const baseId = `${name}:${route.method} ${path}${route.event !== undefined ? ` ${route.side === 'send' ? 'emit' : 'on'} ${route.event}` : ''}`;
    const n = (endpointIds.get(baseId) ?? 0) + 1;
    endpointIds.set(baseId, n);
    const rule = ctx.config.ignore.find((r) => ruleMatches(r, route.method, path));
    d.frameworks.add(framework.id);
    if (framework.detection.defaultPort) d.defaultPorts.add(framework.detection.defaultPort);
    const ep: Endpoint = {
      id: n === 1 ? baseId : `${baseId}#${n}`,
      service: name,
      kind: route.kind,
      method: route.method,
      path,
      framework: framework.id,
      source: 'code',
      file: route.file,
      ...route.span,
      handler: route.handler,
      ...(route.event !== undefined ? { event: route.event, side: route.side ?? 'receive' } : {}),
      confidence: route.confidence,
      notes: route.notes,
      ignored: rule ? rule.reason : null,
      callers: [],
      possibleCallers: [],
      testCallers: [],
      ...(route.forward ? { forward: route.forward } : {}),
      ...(route.name !== undefined ? { name: route.name } : {}),
      ...(route.tags?.length ? { tags: route.tags } : {}),
      ...(route.documentedAs?.length ? { documentedAs: route.documentedAs } : {}),
      ...(route.usedBy ? { usedBy: route.usedBy } : {}),
      ...(route.variants?.length ? { variants: route.variants.map((v) => formatRoute(v, framework.pathSyntax, prefix).path) } : {}),
    };
    d.endpoints.push(ep);
    if (template) typed.set(ep, template);
  }
  if (inTests.size) {
    const files = [...inTests].sort();
    ctx.notes.push({ level: 'info', code: 'routes-in-tests', message: `routes in ${files.length} test or mock file${files.length === 1 ? '' : 's'} are not counted as endpoints (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}); see "testFiles" in the config` });
  }
  const { recs, services } = serviceRecords(drafts, configs, index, nameOf, typed);
  const { unindexed, unindexedPorts } = unindexedBackends(ctx, projects, drafts);
  const endpoints = recs.flatMap((r) => r.endpoints.map((e) => e.ep));
  endpoints.sort((a, b) => a.service.localeCompare(b.service) || a.path.localeCompare(b.path) || methodOrder(a.method) - methodOrder(b.method) || a.file.localeCompare(b.file) || a.line - b.line);
  return { recs, byRoot: new Map(recs.map((r) => [r.root, r])), services, endpoints, unindexed, unindexedPorts };
}

/**
 * Service names are unique: from config, else the project's name; a name two projects with routes
 * share (`apps/a/backend`, `apps/b/backend`) becomes the project's folder path.
 */
function serviceNamer(index: RouteIndex, projects: readonly Project[], configs: ReadonlyMap<string, ServiceConfig>): (p: Project) => string {
  const counts = new Map<string, number>();
  const withRoutes = new Set(index.routes.map(({ route }) => projectOf(projects, route.file)));
  for (const p of withRoutes) {
    const base = configs.get(p.root)?.name ?? p.name;
    counts.set(base, (counts.get(base) ?? 0) + 1);
  }
  return (p) => configs.get(p.root)?.name ?? ((counts.get(p.name) ?? 0) > 1 ? p.root : p.name);
}

function serviceRecords(drafts: ReadonlyMap<string, Draft>, configs: ReadonlyMap<string, ServiceConfig>, index: RouteIndex, nameOf: (p: Project) => string, typed: ReadonlyMap<Endpoint, PathTemplate>): { recs: ServiceRec[]; services: Service[] } {
  const recs: ServiceRec[] = [];
  const services: Service[] = [];
  for (const [root, d] of [...drafts.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const cfg = configs.get(root);
    const name = nameOf(d.project);
    const ports = new Set<number>([...(cfg?.ports ?? []), ...(index.ports.get(root) ?? []), ...d.project.scriptPorts]);
    const origin = serviceOrigin(cfg?.baseUrl);
    if (origin?.port) ports.add(origin.port);
    if (ports.size === 0) for (const p of d.defaultPorts) ports.add(p);
    const rec: ServiceRec = { name, root, ports: [...ports].sort((a, b) => a - b), origin, endpoints: [] };
    for (const ep of d.endpoints) rec.endpoints.push({ ep, template: typed.get(ep) ?? templateOf(ep.path), service: rec });
    for (const ep of d.endpoints) for (const v of ep.variants ?? []) (rec.variants ??= []).push({ ep, template: templateOf(v), service: rec });
    recs.push(rec);
    services.push({ name, root, framework: [...d.frameworks].sort().join('+'), ...(cfg?.baseUrl ? { baseUrl: cfg.baseUrl } : {}), ...(cfg?.pathPrefix ? { pathPrefix: cfg.pathPrefix } : {}), ports: rec.ports });
  }
  return { recs, services };
}

/** Projects whose backend framework we recognise but do not index: their routes are invisible to us. */
function unindexedBackends(ctx: RunContext, projects: readonly Project[], drafts: ReadonlyMap<string, Draft>): { unindexed: string[]; unindexedPorts: Set<number> } {
  const unindexed: string[] = [];
  const unindexedPorts = new Set<number>();
  for (const p of projects) {
    const where = p.root === '.' ? 'the workspace root' : p.root;
    for (const fw of frameworks) {
      if (!fw.detection.deps.some((d) => hasDependency(p, d))) continue;
      if (!isIndexed(fw)) {
        unindexed.push(`${fw.title} (${p.root === '.' ? 'workspace root' : p.root})`);
        for (const port of [fw.detection.defaultPort, ...p.scriptPorts]) if (port) unindexedPorts.add(port);
        ctx.notes.push({ level: 'warning', code: 'framework-not-indexed', message: `${fw.title} backend in ${where} is not indexed yet: API Parity does not read ${fw.title} routes, so calls that may target it are not reported missing` });
      } else if (fw.routes && fw.detection.noteWhenNoRoutes !== false && !drafts.get(p.root)?.frameworks.has(fw.id)) {
        ctx.notes.push({ level: 'info', code: 'framework-without-routes', message: `${p.root === '.' ? 'The workspace root' : p.root} depends on ${fw.title}, but no ${fw.title} routes were found in it` });
      }
    }
  }
  return { unindexed, unindexedPorts };
}

function methodOrder(m: MethodOrAny): number {
  const i = (HTTP_METHODS as readonly string[]).indexOf(m);
  return i < 0 ? 99 : i;
}

/**
 * A route's display path under its service's configured prefix. Edit runs reuse the last link's route
 * objects (see `linkOrReuse`): their paths are kept, not parsed again.
 */
function displayPath(route: LinkedRoute, syntax: Framework['pathSyntax'], prefix: string | undefined): Formatted {
  const known = displayPaths.get(route);
  if (known && known.prefix === prefix) return known.formatted;
  const formatted = formatRoute(route.path, syntax, prefix);
  displayPaths.set(route, { prefix, formatted });
  return formatted;
}

/** A display path, and its parsed template when a parameter has a converter type the display form drops. */
interface Formatted {
  readonly path: string;
  readonly template?: PathTemplate;
}

/** A route path as written in its framework's syntax, under the service's configured prefix, in display form. */
function formatRoute(raw: string, syntax: Framework['pathSyntax'], prefix: string | undefined): Formatted {
  const own = parseRoutePath(raw, syntax);
  const template = prefix ? joinTemplates(parseRoutePath(prefix), own) : own;
  const path = formatPath(template);
  return hasTypedParam(template) ? { path, template } : { path };
}
const displayPaths = new WeakMap<LinkedRoute, { readonly prefix: string | undefined; readonly formatted: Formatted }>();

const hasTypedParam = (t: PathTemplate): boolean => t.segments.some((s) => s.t === 'seg' && s.pieces.some((p) => 'type' in p));

/** Display paths parsed as templates, kept across runs (bounded: emptied when it grows past 50,000). */
function templateOf(path: string): ReturnType<typeof parseRoutePath> {
  let t = templates.get(path);
  if (!t) {
    if (templates.size >= 50_000) templates.clear();
    templates.set(path, (t = parseRoutePath(path)));
  }
  return t;
}
const templates = new Map<string, ReturnType<typeof parseRoutePath>>();
