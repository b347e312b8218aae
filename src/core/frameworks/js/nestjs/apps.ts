/**
 * NestJS applications: each `NestFactory.create(RootModule)` with what its bootstrap sets on it — the
 * global prefix (with its `exclude` list) and versioning — and the modules it reaches through imports.
 */
import type { Value } from '../../../resolve/evaluate';
import { stripGlobal } from '../../../resolve/evaluate';
import type { MethodOrAny } from '../../../types';
import type { LinkContext } from '../../types';
import type { Setting } from '../settings';
import { classKey, extTail, items, member, type NestGraph } from './modules';

/** A version segment, or null for `VERSION_NEUTRAL` (no segment). */
export type Version = string | null;

/** A version value: absent, a list of versions, or why it could not be read. */
export type Versions = { readonly absent: true } | { readonly list: readonly Version[] } | { readonly why: string };

export interface Exclusion {
  readonly re: RegExp;
  readonly method: MethodOrAny;
}

export interface AppConfig {
  readonly id: string;
  /** `file#Class` of the root module, when known. */
  readonly root: string | null;
  prefix: { text: string; unresolved: string[] } | null;
  exclude: Exclusion[];
  /** Why the exclusions could not all be read. */
  excludeWhy: string | null;
  /** URI versioning: the segment prefix (`v`) and the default version; null when versioning is off or not in the URI. */
  uri: { prefix: string; defaults: Versions } | null;
  /** Why the versioning options could not be read. */
  versioningWhy: string | null;
  /** Modules reachable from the root module. */
  reach: Set<string>;
}

/** The versions a `version` value names. */
export function versionsOf(ctx: LinkContext, v: Value): Versions {
  if (v.t === 'unknown' && v.absent) return { absent: true };
  const list: Version[] = [];
  for (const it of items(ctx, v)) {
    if (it.v.t === 'num') list.push(String(it.v.v));
    else if (it.v.t === 'str' && it.v.parts.every((p) => 'lit' in p)) list.push(it.v.parts.map((p) => (p as { lit: string }).lit).join(''));
    else if (extTail(it.v) === 'VERSION_NEUTRAL') list.push(null);
    else return { why: `the version \`${it.v.t === 'unknown' ? it.v.text : it.v.t}\` could not be evaluated` };
  }
  return { list };
}

function isCreate(v: Value): v is Extract<Value, { t: 'call' }> {
  return v.t === 'call' && v.callee.t === 'ext' && /(?:^|\.)NestFactory\.create$/.test(stripGlobal(v.callee.path));
}

function appId(ctx: LinkContext, v: Extract<Value, { t: 'call' }>): { id: string; root: string | null } {
  const first = ctx.evaluator.arg(v, 0);
  const root = first ? classKey(first) : null;
  return { id: `${v.ctx.file}|${root ?? '?'}`, root };
}

/** The apps and the settings of each; settings on an app we cannot identify (a helper's parameter) go to `loose`. */
export function readApps(settings: readonly Setting[], ctx: LinkContext, graph: NestGraph): { apps: AppConfig[]; loose: AppConfig } {
  const apps = new Map<string, AppConfig>();
  const fresh = (id: string, root: string | null): AppConfig => ({ id, root, prefix: null, exclude: [], excludeWhy: null, uri: null, versioningWhy: null, reach: new Set() });
  const loose = fresh('?', null);
  const appOf = (s: Setting): AppConfig | null => {
    if (!s.owner) return null;
    const v = ctx.value(s.owner, s.file, s.fn);
    if (v.t === 'param') return loose;
    if (!isCreate(v)) return null; // a test application (`createNestApplication()`), or not an app
    const { id, root } = appId(ctx, v);
    let app = apps.get(id);
    if (!app) apps.set(id, (app = fresh(id, root)));
    return app;
  };
  for (const s of settings) {
    if (s.name === 'app') appOf(s);
    else if (s.name === 'global-prefix') {
      const app = appOf(s);
      if (app) readPrefix(app, s, ctx);
    } else if (s.name === 'versioning') {
      const app = appOf(s);
      if (app) readVersioning(app, s, ctx);
    }
  }
  for (const app of apps.values()) if (app.root) reachFrom(graph, app.root, app.reach);
  return { apps: [...apps.values()], loose };
}

function reachFrom(graph: NestGraph, mod: string, seen: Set<string>): void {
  if (seen.has(mod)) return;
  seen.add(mod);
  for (const m of graph.modules.get(mod)?.imports ?? []) reachFrom(graph, m, seen);
}

function readPrefix(app: AppConfig, s: Setting, ctx: LinkContext): void {
  app.prefix = ctx.pathText(s.args[0]!, s.file, s.fn);
  const opts = s.args[1] ? ctx.value(s.args[1], s.file, s.fn) : null;
  if (!opts) return;
  const ex = member(ctx, opts, 'exclude');
  if (ex.t === 'unknown' && ex.absent) return;
  if (opts.t !== 'obj' || ex.t !== 'arr') {
    app.excludeWhy = 'the global prefix exclusions could not be read';
    return;
  }
  for (const it of items(ctx, ex)) {
    const route = it.v.t === 'obj' ? member(ctx, it.v, 'path') : it.v;
    const methodV = it.v.t === 'obj' ? member(ctx, it.v, 'method') : null;
    const text = route.t === 'str' && route.parts.every((p) => 'lit' in p) ? route.parts.map((p) => (p as { lit: string }).lit).join('') : null;
    const m = methodV === null || (methodV.t === 'unknown' && methodV.absent) ? 'ALL' : extTail(methodV);
    if (text === null || m === null) {
      app.excludeWhy = 'a global prefix exclusion could not be read';
      continue;
    }
    app.exclude.push({ re: exclusionRegex(text), method: m === 'ALL' ? '*' : (m as MethodOrAny) });
  }
}

/** A path-to-regexp pattern (`users/:id`, `auth/(.*)`, `files/*`) as a regular expression over route paths. */
export function exclusionRegex(path: string): RegExp {
  const p = ('/' + path.replace(/^\/+/, '')).replace(/\/+$/, '');
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const rest = p.slice(i);
    const param = /^:[A-Za-z_]\w*/.exec(rest);
    if (rest.startsWith('(.*)')) {
      re += '.*';
      i += 3;
    } else if (param) {
      re += '[^/]+';
      i += param[0].length - 1;
    } else if (p[i] === '*') re += '.*';
    else re += p[i]!.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}/?$`, 'i');
}

function readVersioning(app: AppConfig, s: Setting, ctx: LinkContext): void {
  // `enableVersioning()` defaults to URI versioning.
  const opts = s.args[0] ? ctx.value(s.args[0], s.file, s.fn) : null;
  if (opts && opts.t !== 'obj') {
    app.versioningWhy = 'the versioning options could not be read';
    return;
  }
  const type = opts ? member(ctx, opts, 'type') : null;
  const tail = type === null || (type.t === 'unknown' && type.absent) ? 'URI' : type.t === 'num' ? (type.v === 0 ? 'URI' : 'OTHER') : extTail(type);
  if (tail === null) {
    app.versioningWhy = 'the versioning type could not be evaluated';
    return;
  }
  if (tail !== 'URI') return;
  const pv = opts ? member(ctx, opts, 'prefix') : null;
  let prefix = 'v';
  if (pv && pv.t === 'str') prefix = pv.parts.map((p) => ('lit' in p ? p.lit : '{prefix}')).join('');
  else if (pv && pv.t === 'unknown' && !pv.absent) {
    if (pv.text === 'false') prefix = '';
    else app.versioningWhy = 'the version prefix could not be evaluated';
  }
  else if (pv && pv.t !== 'unknown') prefix = '';
  app.uri = { prefix, defaults: opts ? versionsOf(ctx, member(ctx, opts, 'defaultVersion')) : { absent: true } };
}
