/**
 * The NestJS application graph, read from settings across files: controllers (`@Controller`), modules
 * (`@Module({ controllers, imports })`), module paths (`RouterModule.register([{ path, module, children }])`,
 * in a module's imports or called anywhere), gateways, and the apps `NestFactory.create(RootModule)`
 * builds with their global prefix and versioning.
 */
import type { Value } from '../../../resolve/evaluate';
import { extName, stripGlobal } from '../../../resolve/evaluate';
import type { Sym } from '../../../resolve/sym';
import type { LinkContext } from '../../types';
import type { Setting } from '../settings';
import { joinUrl } from '../../../link/mounts';
import { composedController } from './composed';

export interface Texts {
  readonly texts: readonly string[];
  readonly unresolved: readonly string[];
}

export interface ModuleInfo {
  readonly controllers: Set<string>;
  readonly imports: Set<string>;
}

export interface NestGraph {
  /** Controller class → its declaration and the argument of its `Controller(…)` (absent when none). */
  readonly controllers: Map<string, { decl: Setting; arg: Value }>;
  readonly gateways: Map<string, Setting>;
  readonly modules: Map<string, ModuleInfo>;
  /** Module → the paths `RouterModule` gives it (with what could not be read). */
  readonly modulePaths: Map<string, { texts: string[]; unresolved: string[] }>;
  /** True when some `RouterModule.register` could not be read whole. */
  routerUnreadable: string | null;
}

const EMPTY: Value = { t: 'unknown', text: '', why: 'not given', absent: true };

/** `file#Class` of a class value, or null. */
export function classKey(v: Value): string | null {
  return v.t === 'class' ? `${v.file}#${v.name}` : null;
}

export function member(ctx: LinkContext, v: Value, prop: string): Value {
  return v.t === 'obj' ? ctx.evaluator.member(v, prop) : EMPTY;
}

/** The items of an array value, each evaluated (a non-array is one item). */
export function items(ctx: LinkContext, v: Value): Array<{ v: Value; sym: Sym | null }> {
  if (v.t !== 'arr') return [{ v, sym: null }];
  return v.items.map((sym) => ({ v: ctx.evaluator.evaluate(sym, v.ctx), sym }));
}

/** One path or an array of paths; an absent value is the empty path. */
export function pathTexts(ctx: LinkContext, v: Value): Texts {
  if (v.t === 'unknown' && v.absent) return { texts: [''], unresolved: [] };
  const texts: string[] = [];
  const unresolved: string[] = [];
  for (const it of items(ctx, v)) {
    const t = ctx.valueText(it.v, it.sym ?? undefined);
    texts.push(t.text);
    unresolved.push(...t.unresolved);
  }
  return { texts: texts.length ? texts : [''], unresolved };
}

/** The external name of a value (`VersioningType.URI` → `URI`), or null. */
export function extTail(v: Value): string | null {
  return v.t === 'ext' ? extName(v) : null;
}

/** The class a module import stands for: the class itself, or the class of `X.forRoot(…)`. */
function importedModule(ctx: LinkContext, it: { v: Value; sym: Sym | null }, at: { file: string; fn: string | null }): string | null {
  const k = classKey(it.v);
  if (k) return k;
  const s = it.sym;
  if (s && s.k === 'call' && s.callee.k === 'member') return classKey(ctx.value(s.callee.obj, at.file, at.fn));
  return null;
}

export function readGraph(settings: readonly Setting[], ctx: LinkContext): NestGraph {
  const g: NestGraph = { controllers: new Map(), gateways: new Map(), modules: new Map(), modulePaths: new Map(), routerUnreadable: null };
  for (const s of settings) {
    if (s.name !== 'controller' && s.name !== 'composed-class' && s.name !== 'gateway' && s.name !== 'module') continue;
    const key = s.owner ? classKey(ctx.value(s.owner, s.file, s.fn)) : null;
    if (!key) continue;
    if (s.name === 'controller') g.controllers.set(key, { decl: s, arg: s.args[0] ? ctx.value(s.args[0], s.file, s.fn) : EMPTY });
    else if (s.name === 'composed-class') {
      const arg = s.args[0] ? composedController(s.args[0], s.file, ctx) : null;
      if (arg) g.controllers.set(key, { decl: s, arg });
    }
    else if (s.name === 'gateway') g.gateways.set(key, s);
    else readModule(g, key, s, ctx);
  }
  for (const s of settings) if (s.name === 'router' && s.args[0]) readRoutes(g, ctx, ctx.value(s.args[0], s.file, s.fn), '', []);
  return g;
}

function readModule(g: NestGraph, key: string, s: Setting, ctx: LinkContext): void {
  const info: ModuleInfo = g.modules.get(key) ?? { controllers: new Set(), imports: new Set() };
  g.modules.set(key, info);
  const meta = s.args[0] ? ctx.value(s.args[0], s.file, s.fn) : EMPTY;
  for (const it of items(ctx, member(ctx, meta, 'controllers'))) {
    const c = classKey(it.v);
    if (c) info.controllers.add(c);
  }
  for (const it of items(ctx, member(ctx, meta, 'imports'))) {
    const v = it.v;
    if (v.t === 'call' && v.callee.t === 'ext' && /(?:^|\.)RouterModule\.(?:register|forRoutes)$/.test(stripGlobal(v.callee.path))) {
      const routes = ctx.evaluator.arg(v, 0);
      if (routes) readRoutes(g, ctx, routes, '', []);
      continue;
    }
    const m = importedModule(ctx, it, s);
    if (m) info.imports.add(m);
  }
}

/** `[{ path, module, children: [...] }]`: each module gets its path, joined below its parents'. */
function readRoutes(g: NestGraph, ctx: LinkContext, v: Value, prefix: string, unresolved: readonly string[]): void {
  if (v.t !== 'arr') {
    g.routerUnreadable ??= `the routes given to RouterModule could not be read (\`${v.t === 'unknown' ? v.why : v.t}\`)`;
    return;
  }
  for (const it of items(ctx, v)) {
    const direct = classKey(it.v);
    if (direct) {
      addModulePath(g, direct, prefix, unresolved);
      continue;
    }
    if (it.v.t !== 'obj') {
      g.routerUnreadable ??= 'a route given to RouterModule could not be read';
      continue;
    }
    const p = pathTexts(ctx, member(ctx, it.v, 'path'));
    const path = joinUrl(prefix, p.texts[0] ?? '');
    const un = [...unresolved, ...p.unresolved];
    const mod = classKey(member(ctx, it.v, 'module'));
    if (mod) addModulePath(g, mod, path, un);
    const children = member(ctx, it.v, 'children');
    if (children.t !== 'unknown' || !children.absent) readRoutes(g, ctx, children, path, un);
  }
}

function addModulePath(g: NestGraph, mod: string, path: string, unresolved: readonly string[]): void {
  const e = g.modulePaths.get(mod) ?? { texts: [], unresolved: [] };
  if (!e.texts.includes(path)) e.texts.push(path);
  e.unresolved.push(...unresolved);
  g.modulePaths.set(mod, e);
}
