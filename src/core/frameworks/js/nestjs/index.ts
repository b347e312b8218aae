/**
 * NestJS: controllers (`@Controller('cats')` or `@Controller({ path, version })`) and their handlers
 * (`@Get(':id')`, `@Post()`, `@All()`, `@Version('2')`), the application's global prefix and URI
 * versioning (`app.setGlobalPrefix`, `app.enableVersioning` in the bootstrap), module paths from
 * `RouterModule.register`, and Socket.IO gateways (`@WebSocketGateway({ namespace })` +
 * `@SubscribeMessage('event')`). Decorators are read only when imported from a `@nestjs/*` package.
 */
import type { ModuleFacts, Sym } from '../../../resolve/sym';
import { memberCallOf } from '../../../resolve/patterns';
import type { JsDecorated } from '../../../lang/js/facts';
import { defineFramework, type BackendDecl, type ParsedFile, type RouteDecl } from '../../types';
import { settingDecl } from '../settings';
import { expressSyntax } from '../express/path';
import { linkNest } from './link';
import { nestName, ROUTE_DECORATORS } from './names';
import { nestjsStub } from './stub';
import { nestShapes } from './shapes';

const MARKERS = /@\s*(?:[\w$]+\.)?(?:Controller|Module|WebSocketGateway|Get|Post|Put|Patch|Delete|All|Head|Options|SubscribeMessage)\s*\(|\bNestFactory\b|\bsetGlobalPrefix\b|\benableVersioning\b|\bRouterModule\b/;

/** Class decorators → the setting they declare. */
const CLASS_DECORATORS: Readonly<Record<string, string>> = { Controller: 'controller', Module: 'module', WebSocketGateway: 'gateway' };

export default defineFramework({
  id: 'nestjs',
  stub: nestjsStub,
  title: 'NestJS',
  language: 'js',
  docs: 'https://docs.nestjs.com/controllers',
  supports: { pathParams: true, prefixes: true, mounts: true, crossModule: true, websocket: true },
  detection: { deps: ['@nestjs/core'], defaultPort: 3000 },
  pathSyntax: expressSyntax,
  schemas: nestShapes,
  routes: {
    languages: ['js'],
    accepts: (f, text) => f.language === 'js' && MARKERS.test(text),
    extract(file) {
      const decls: BackendDecl[] = [];
      const tags = classTags(file);
      for (const d of file.js!.decorated) decls.push(...decoratedDecls(file, d, tags));
      decls.push(...bootstrapDecls(file));
      return decls;
    },
    link: linkNest,
  },
});

function argsOf(sym: Sym): readonly Sym[] {
  return sym.k === 'call' ? sym.args : [];
}

/** The arguments of a decorator named `name` (`@ApiTags('a', 'b')`) among `d`'s. */
function decoratorArgs(file: ParsedFile, d: JsDecorated, name: string): Sym[] {
  return d.decorators.filter((dec) => nestName(dec.expr, file.js!.module) === name).flatMap((dec) => argsOf(dec.expr));
}

/** `@ApiTags(…)` (`@nestjs/swagger`) of each controller class of the file. */
function classTags(file: ParsedFile): Map<string, Sym[]> {
  const out = new Map<string, Sym[]>();
  for (const d of file.js!.decorated) if (d.kind === 'class') out.set(d.className, decoratorArgs(file, d, 'ApiTags'));
  return out;
}

/** Settings of a decorated class; routes and event handlers of a decorated method (with the controller's and its own `@ApiTags`). */
function decoratedDecls(file: ParsedFile, d: JsDecorated, tagsOf: ReadonlyMap<string, Sym[]>): BackendDecl[] {
  const mod = file.js!.module;
  const owner: Sym = { k: 'class', name: d.className };
  const at = { file: file.ref.path, fn: null };
  const out: BackendDecl[] = [];
  if (d.kind === 'class') {
    for (const dec of d.decorators) {
      const name = nestName(dec.expr, mod);
      const setting = name ? CLASS_DECORATORS[name] : undefined;
      if (setting) out.push(settingDecl({ ...at, name: setting, owner, args: argsOf(dec.expr), span: d.span }));
      // A decorator of the workspace may apply `Controller(path)` (read at link time).
      else if (!name && dec.expr.k === 'call' && dec.expr.callee.k === 'ref') out.push(settingDecl({ ...at, name: 'composed-class', owner, args: [dec.expr], span: d.span }));
    }
    return out;
  }
  if (d.kind !== 'method') return out;
  const version = d.decorators.find((dec) => nestName(dec.expr, mod) === 'Version');
  const meta = version ? { version: argsOf(version.expr)[0] ?? { k: 'dyn', text: 'Version()' } } : undefined;
  const tagSyms = [...(tagsOf.get(d.className) ?? []), ...decoratorArgs(file, d, 'ApiTags')];
  const tags = tagSyms.length ? { tags: { k: 'arr', items: tagSyms } satisfies Sym } : {};
  for (const dec of d.decorators) {
    const name = nestName(dec.expr, mod);
    if (!name) {
      // A decorator of the workspace may compose Nest's (`applyDecorators(Get(path), …)`): read at link time.
      if (dec.expr.k === 'call' && dec.expr.callee.k === 'ref') out.push({ t: 'route', ...at, owner, handler: d.name, span: dec.span, kind: 'http', methods: [], path: { k: 'str', v: '' }, meta: { ...meta, composed: dec.expr }, ...tags } satisfies RouteDecl);
      continue;
    }
    const args = argsOf(dec.expr);
    const method = ROUTE_DECORATORS[name];
    const base = { t: 'route' as const, ...at, owner, handler: d.name, span: dec.span };
    if (method) out.push({ ...base, kind: 'http', methods: [method], path: args[0] ?? { k: 'str', v: '' }, ...(meta ? { meta } : {}), ...tags } satisfies RouteDecl);
    else if (name === 'SubscribeMessage' && args[0]) out.push({ ...base, kind: 'socketio', methods: ['*'], path: { k: 'str', v: '' }, meta: { event: args[0] } } satisfies RouteDecl);
  }
  return out;
}

/** `app.setGlobalPrefix(…)`, `app.enableVersioning(…)`, `RouterModule.register(…)`, and the port of `app.listen(…)`. */
function bootstrapDecls(file: ParsedFile): BackendDecl[] {
  const out: BackendDecl[] = [];
  const mod = file.js!.module;
  for (const call of file.js!.calls) {
    const c = memberCallOf(call);
    if (!c) continue;
    const at = { file: file.ref.path, fn: call.fn, span: call.anchor };
    if (c.name === 'create' && nestName(c.owner, mod) === 'NestFactory') out.push(settingDecl({ ...at, name: 'app', owner: { k: 'call', callee: call.callee, args: call.args }, args: c.args }));
    else if (c.name === 'setGlobalPrefix' && c.args[0]) out.push(settingDecl({ ...at, name: 'global-prefix', owner: c.owner, args: c.args }));
    else if (c.name === 'enableVersioning') out.push(settingDecl({ ...at, name: 'versioning', owner: c.owner, args: c.args }));
    else if ((c.name === 'register' || c.name === 'forRoutes') && nestName(c.owner, mod) === 'RouterModule' && c.args[0]) out.push(settingDecl({ ...at, name: 'router', owner: null, args: c.args }));
    else if (c.name === 'listen' && c.args[0] && isNestApp(c.owner, mod, call.fn)) out.push({ t: 'port', file: file.ref.path, fn: call.fn, port: c.args[0] });
  }
  return out;
}

/** Is `sym` bound to `NestFactory.create(…)` in this module (at top level or in function `fn`)? */
function isNestApp(sym: Sym, mod: ModuleFacts, fn: string | null): boolean {
  if (sym.k !== 'ref') return false;
  const bound = mod.bindings[sym.name] ?? (fn ? mod.bindings[`${fn}::${sym.name}`] : undefined);
  return !!bound && bound.k === 'call' && bound.callee.k === 'member' && bound.callee.prop === 'create' && nestName(bound.callee.obj, mod) === 'NestFactory';
}
