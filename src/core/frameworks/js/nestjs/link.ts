/**
 * NestJS routes, linked the way Nest's RoutePathFactory builds them:
 * `[global prefix unless excluded] / [v{version}] / [RouterModule path] / [controller path] / [method path]`,
 * one route per combination of versions, module paths, controller paths and method paths, for each
 * app whose module graph reaches the controller. Whatever cannot be evaluated keeps the route partial,
 * with the reason.
 */
import type { Sym } from '../../../resolve/sym';
import { joinUrl, tagTexts, uniqueTags } from '../../../link/mounts';
import type { BackendDecl, LinkContext, LinkedRoute, RouteDecl } from '../../types';
import { settingsOf } from '../settings';
import { readApps, versionsOf, type AppConfig, type Version, type Versions } from './apps';
import { classKey, member, pathTexts, readGraph, type NestGraph, type Texts } from './modules';
import { gatewayRoutes } from './gateways';
import { handlerVariants } from './composed';

interface Controller {
  readonly key: string;
  readonly label: string;
  readonly paths: Texts;
  readonly version: Versions;
  readonly modulePaths: Texts;
  readonly apps: readonly AppConfig[];
  readonly notes: readonly string[];
}

export function linkNest(decls: readonly BackendDecl[], ctx: LinkContext): LinkedRoute[] {
  const settings = settingsOf(decls);
  const graph = readGraph(settings, ctx);
  const { apps, loose } = readApps(settings, ctx, graph);
  const controllers = new Map<string, Controller>();
  const controllerOf = (key: string) => {
    let c = controllers.get(key);
    if (!c) controllers.set(key, (c = readController(key, graph, apps, loose, ctx)));
    return c;
  };
  const subclasses = subclassIndex(graph, ctx);
  const out: LinkedRoute[] = [];
  for (const d of decls) {
    if (d.t !== 'route' || d.kind !== 'http' || !d.owner) continue;
    const key = classKey(ctx.value(d.owner, d.file, d.fn));
    if (!key) continue;
    // Handlers of a base class are served by every controller that extends it.
    const keys = [...(graph.controllers.has(key) ? [key] : []), ...(subclasses.get(key) ?? [])];
    for (const k of keys) out.push(...routesOf(d, controllerOf(k), ctx));
  }
  out.push(...gatewayRoutes(decls, graph, ctx));
  return out;
}

/** Base class → the controllers deriving from it (at any depth). */
function subclassIndex(graph: NestGraph, ctx: LinkContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of graph.controllers.keys()) {
    const seen = new Set<string>([key]);
    let cur: string | null = key;
    while (cur) {
      const hash = cur.lastIndexOf('#');
      const file = cur.slice(0, hash);
      const base: Sym | undefined = ctx.evaluator.program.module(file)?.classes[cur.slice(hash + 1)]?.bases[0];
      cur = base ? classKey(ctx.value(base, file, null)) : null;
      if (!cur || seen.has(cur)) break;
      seen.add(cur);
      out.set(cur, [...(out.get(cur) ?? []), key]);
    }
  }
  return out;
}

function readController(key: string, graph: NestGraph, apps: readonly AppConfig[], loose: AppConfig, ctx: LinkContext): Controller {
  const { arg } = graph.controllers.get(key)!;
  const label = key.slice(key.lastIndexOf('#') + 1);
  const isOptions = arg.t === 'obj';
  const paths = pathTexts(ctx, isOptions ? member(ctx, arg, 'path') : arg);
  const version = isOptions ? versionsOf(ctx, member(ctx, arg, 'version')) : ({ absent: true } as const);
  const notes: string[] = [];
  const modules = [...graph.modules.entries()].filter(([, m]) => m.controllers.has(key)).map(([k]) => k);
  const texts: string[] = [];
  const unresolved: string[] = [];
  for (const m of modules) {
    const mp = graph.modulePaths.get(m);
    for (const t of mp?.texts ?? ['']) if (!texts.includes(t)) texts.push(t);
    unresolved.push(...(mp?.unresolved ?? []));
  }
  if (modules.length === 0 && (graph.modulePaths.size > 0 || graph.routerUnreadable)) notes.push(`controller \`${label}\` is not listed in any @Module found in the workspace, so its RouterModule path is unknown`);
  else if (graph.routerUnreadable) notes.push(graph.routerUnreadable);
  let served = apps.filter((a) => modules.some((m) => a.reach.has(m)));
  if (served.length === 0) {
    if (apps.length <= 1) served = [apps[0] ?? loose];
    else notes.push(`controller \`${label}\` is not reached from the root module of any of the ${apps.length} NestFactory.create apps, so its global prefix is unknown`);
  }
  // Settings made on an app passed to a helper function apply to the one app there is.
  if (apps.length <= 1 && (loose.prefix || loose.uri || loose.versioningWhy)) served = served.map((a) => merge(a, loose));
  return { key, label, paths, version, modulePaths: { texts: texts.length ? texts : [''], unresolved }, apps: served, notes };
}

function merge(a: AppConfig, b: AppConfig): AppConfig {
  return { ...a, prefix: a.prefix ?? b.prefix, exclude: [...a.exclude, ...b.exclude], excludeWhy: a.excludeWhy ?? b.excludeWhy, uri: a.uri ?? b.uri, versioningWhy: a.versioningWhy ?? b.versioningWhy };
}

/** Every path one handler is served at, through one controller. */
function routesOf(d: RouteDecl, c: Controller, ctx: LinkContext): LinkedRoute[] {
  const out: LinkedRoute[] = [];
  const seen = new Set<string>();
  const tags = d.tags ? uniqueTags(tagTexts(ctx, ctx.value(d.tags, d.file, d.fn))) : [];
  for (const v of handlerVariants(d, ctx)) {
    const methodPaths = pathTexts(ctx, v.path);
    const methodVersion = v.version ? versionsOf(ctx, v.version) : ({ absent: true } as const);
    for (const app of c.apps.length ? c.apps : [null]) {
      const notes = [...c.notes];
      const unresolved = [...c.paths.unresolved, ...c.modulePaths.unresolved, ...methodPaths.unresolved];
      const versions = app ? versionSegments(app, methodVersion, c.version, notes) : [null];
      if (app?.prefix) unresolved.push(...app.prefix.unresolved);
      if (app?.excludeWhy) notes.push(app.excludeWhy);
      notes.push(...unresolved.map((u) => `path part ${u} could not be resolved statically`));
      for (const bare of combine(c.modulePaths.texts, c.paths.texts, methodPaths.texts)) {
        for (const version of versions) {
          const withVersion = version === null ? bare : joinUrl(version, bare);
          for (const method of v.methods) {
            const excluded = app?.exclude.some((e) => (e.method === '*' || e.method === method) && e.re.test(normalise(bare)));
            const path = normalise(app?.prefix && !excluded ? joinUrl(app.prefix.text, withVersion) : withVersion);
            if (seen.has(`${method} ${path}`)) continue;
            seen.add(`${method} ${path}`);
            out.push({ file: d.file, span: d.span, kind: 'http', method, path, handler: d.handler, confidence: notes.length ? 'partial' : 'exact', notes, ...(tags.length ? { tags } : {}) });
          }
        }
      }
    }
  }
  return out;
}

/** Every module path × controller path × handler path, joined. */
function combine(modulePaths: readonly string[], ctrlPaths: readonly string[], handlerPaths: readonly string[]): string[] {
  return modulePaths.flatMap((mp) => ctrlPaths.flatMap((cp) => handlerPaths.map((hp) => [mp, cp, hp].reduce(joinUrl, ''))));
}

/** The version segments (`v2`; null for none) of a handler: its own version, else its controller's, else the app's default. */
function versionSegments(app: AppConfig, own: Versions, ctrl: Versions, notes: string[]): Array<string | null> {
  if (app.versioningWhy) notes.push(app.versioningWhy);
  if (!app.uri) return [null];
  const pick = [own, ctrl, app.uri.defaults].find((v) => !('absent' in v)) ?? { absent: true as const };
  if ('absent' in pick) return [null];
  if ('why' in pick) {
    notes.push(pick.why);
    return [`${app.uri.prefix}{version}`];
  }
  return pick.list.map((v: Version) => (v === null ? null : `${app.uri!.prefix}${v}`));
}

function normalise(path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

