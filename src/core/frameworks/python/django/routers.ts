/**
 * DRF routers: `router.register(prefix, ViewSet)` gives a list route and a detail route with the
 * ViewSet's actions (its mixins and own methods, `http_method_names`), one route per `@action`
 * (`detail`, `methods`, `url_path`, `@x.mapping.delete`), `trailing_slash=False`, `DefaultRouter`'s API
 * root and `.{format}` suffixes (variants of each route), and drf-nested-routers (`NestedSimpleRouter(parent, "domains", lookup="domain")`).
 */
import type { Value } from '../../../resolve/evaluate';
import { extName } from '../../../resolve/evaluate';
import { symText, type Sym } from '../../../resolve/sym';
import { isHttpMethod } from '../../../resolve/patterns';
import type { HttpMethod } from '../../../types';
import type { ConfDecl } from '../../types';
import { regexRoute } from './pattern';
import { isViewSet, ROUTER_ACTIONS, sortMethods, viewSetActions, type ViewClass } from './views';
import type { DjangoLink, Prefix, Site } from './walk';

const ROUTERS = new Set(['DefaultRouter', 'SimpleRouter', 'NestedSimpleRouter', 'NestedDefaultRouter', 'ExtendedSimpleRouter', 'ExtendedDefaultRouter', 'OptionalSlashRouter']);

type RouterCall = Extract<Value, { t: 'call' }>;

/** The router constructor call a value is (through a workspace subclass), or null. */
function routerCall(link: DjangoLink, v: Value): RouterCall | null {
  const calls = v.t === 'call' ? [v] : v.t === 'instance' ? link.ev.constructions(v) : [];
  for (const c of calls) if (c.t === 'call' && ROUTERS.has(extName(c.callee) ?? '')) return c;
  return null;
}

/** The routes of `router.urls` included under `prefix`. */
export function routerRoutes(link: DjangoLink, ownerSym: Sym, owner: Value, at: Site, prefix: Prefix): void {
  const router = routerCall(link, owner);
  if (!router) {
    if (owner.t === 'ext') link.emit({ ...prefix, text: prefix.text + '{...rest}' }, { file: at.file, span: link.spanOf(at.file, ownerSym) }, ['*'], owner.path, [`\`${owner.path}.urls\` is outside this workspace, so its routes are not read`]);
    return;
  }
  const regs = registrations(link, router);
  const base = nestedBase(link, router, 0);
  // Each of the router's patterns is a leaf; a `DefaultRouter` also serves them with a `.{format}` suffix.
  prefix = { ...prefix, leafStart: prefix.text.length, ...(!prefix.suffix && /DefaultRouter$/.test(extName(router.callee) ?? '') ? { suffix: 'optional' as const } : {}) };
  const slash = trailingSlash(link, router);
  const first = regs[0];
  if (first && extName(router.callee) === 'DefaultRouter') {
    link.emit(prefix, { file: first.file, span: first.span }, ['GET'], 'api-root');
  }
  for (const r of regs) register(link, r, { ...prefix, text: prefix.text + base }, slash);
}

/** The `register` calls made on this router (matched by the binding it was created in). */
function registrations(link: DjangoLink, router: RouterCall): ConfDecl[] {
  if (!router.origin) return [];
  return link.registers.filter((d) => d.value.k === 'call' && d.value.callee.k === 'member' && origin(link, d.value.callee.obj, d) === router.origin);
}

function origin(link: DjangoLink, sym: Sym, d: ConfDecl): string | undefined {
  const v = link.value(sym, d);
  return 'origin' in v ? v.origin : undefined;
}

/** `trailing_slash=False` (or `"/?"`) drops the slash; the default keeps it. */
function trailingSlash(link: DjangoLink, router: RouterCall): string {
  const s = router.kw['trailing_slash'];
  if (!s) return '/';
  if (s.k === 'dyn' && s.text === 'False') return '';
  return s.k === 'str' && s.v === '/' ? '/' : '';
}

/** A nested router's routes sit under its parent's detail route: `domains/{domain_pk}/`. */
function nestedBase(link: DjangoLink, router: RouterCall, depth: number): string {
  const name = extName(router.callee) ?? '';
  if (!name.startsWith('Nested') || depth > 4) return '';
  const parentSym = router.args[0] ?? router.kw['parent_router'];
  const prefixSym = router.args[1] ?? router.kw['parent_prefix'];
  const at = { file: router.ctx.file, fn: router.ctx.fn };
  const parentPrefix = prefixSym ? link.text(prefixSym, at) : null;
  const lookup = router.kw['lookup'] ? link.text(router.kw['lookup'], at) : 'nested';
  const parent = parentSym ? routerCall(link, link.value(parentSym, at)) : null;
  const parentBase = parent ? nestedBase(link, parent, depth + 1) : '';
  const parentReg = parent ? registrations(link, parent).find((r) => r.value.k === 'call' && r.value.args[0] && link.text(r.value.args[0], r) === parentPrefix) : undefined;
  const parentCls = parentReg && parentReg.value.k === 'call' && parentReg.value.args[1] ? link.viewClass(link.value(parentReg.value.args[1], parentReg)) : null;
  const parentLookup = parentCls ? lookupOf(link, parentCls) : 'pk';
  return `${parentBase}${regexRoute(parentPrefix ?? '{parent}').text}/{${lookup ?? 'nested'}_${parentLookup}}/`;
}

function lookupOf(link: DjangoLink, cls: ViewClass): string {
  for (const a of ['lookup_url_kwarg', 'lookup_field']) {
    const attr = cls.attrs.get(a);
    const t = attr ? link.text(attr.sym, { file: attr.file, fn: null }) : null;
    if (t) return t;
  }
  return 'pk';
}

/** The routes of one `register(prefix, ViewSet)`. */
function register(link: DjangoLink, d: ConfDecl, prefix: Prefix, slash: string): void {
  if (d.value.k !== 'call') return;
  const prefixSym = d.value.args[0] ?? d.value.kw?.['prefix'];
  const vsSym = d.value.args[1] ?? d.value.kw?.['viewset'];
  if (!prefixSym || !vsSym) return;
  const raw = link.ctx.pathText(prefixSym, d.file, d.fn);
  const own = regexRoute(raw.text);
  const notes = [...own.inexact, ...raw.unresolved.map((u) => `path part ${u} could not be resolved statically`)];
  const base: Prefix = { ...prefix, text: prefix.text + own.text, notes: [...prefix.notes, ...notes] };
  const here = { file: d.file, span: d.span };
  const cls = link.viewClass(link.value(vsSym, d));
  const lookup = cls ? lookupOf(link, cls) : 'pk';
  if (!cls || !isViewSet(cls)) {
    // Without a known ViewSet base, the list and detail actions it inherits cannot be known: any method.
    const bases = cls ? [...cls.exts, ...cls.unknown].join(', ') || 'no known ViewSet class' : '';
    const why = [cls ? `ViewSet \`${cls.name}\` derives from ${bases}, so its actions are unknown` : `ViewSet \`${symText(vsSym)}\` could not be resolved, so its actions are unknown`];
    link.emit({ ...base, text: base.text + slash }, here, ['*'], symText(vsSym), why);
    link.emit({ ...base, text: `${base.text}/{${lookup}}${slash}` }, here, ['*'], symText(vsSym), why);
    if (!cls) return;
  }
  for (const a of isViewSet(cls) ? viewSetActions(cls) : []) {
    const { method, detail } = ROUTER_ACTIONS[a]!;
    link.emit({ ...base, text: detail ? `${base.text}/{${lookup}}${slash}` : base.text + slash }, here, [method], `${cls.name}.${a}`, [], [cls.name]);
  }
  for (const x of extraActions(link, cls)) {
    const text = x.detail ? `${base.text}/{${lookup}}/${x.urlPath}${slash}` : `${base.text}/${x.urlPath}${slash}`;
    link.emit({ ...base, text, notes: [...base.notes, ...x.notes] }, here, x.methods, `${cls.name}.${x.name}`, [], [cls.name]);
  }
}

interface ExtraAction {
  readonly name: string;
  readonly detail: boolean;
  methods: HttpMethod[];
  readonly urlPath: string;
  readonly notes: string[];
}

/** `@action(detail=…, methods=[…], url_path=…)` methods of a ViewSet, with `@x.mapping.<method>` extras. */
function extraActions(link: DjangoLink, cls: ViewClass): ExtraAction[] {
  const out = new Map<string, ExtraAction>();
  const mappings: [string, HttpMethod][] = [];
  for (const [name, def] of cls.defs) {
    const dec = link.actions.get(`${def.file}#${def.fnId}`);
    if (!dec) continue;
    if (dec.k === 'member' && dec.obj.k === 'member' && dec.obj.prop === 'mapping') {
      const m = dec.prop.toUpperCase();
      if (isHttpMethod(m) && dec.obj.obj.k === 'ref') mappings.push([dec.obj.obj.name, m]);
      continue;
    }
    out.set(name, actionOf(link, name, dec, def.file));
  }
  for (const [target, m] of mappings) {
    const x = out.get(target);
    if (x) x.methods = sortMethods([...x.methods, m]);
  }
  return [...out.values()];
}

function actionOf(link: DjangoLink, name: string, dec: Sym, file: string): ExtraAction {
  const kw = (dec.k === 'call' ? dec.kw : undefined) ?? {};
  const at = { file, fn: null };
  const notes: string[] = [];
  const detail = kw['detail'];
  if (!detail || detail.k !== 'dyn' || (detail.text !== 'True' && detail.text !== 'False')) notes.push(`\`detail\` of action \`${name}\` could not be read`);
  const methods: HttpMethod[] = [];
  const ms = kw['methods'];
  for (const i of ms ? (ms.k === 'arr' ? ms.items : [ms]) : [{ k: 'str' as const, v: 'get' }]) {
    const m = i.k === 'str' ? i.v.toUpperCase() : '';
    if (isHttpMethod(m)) methods.push(m);
    else notes.push(`a method of action \`${name}\` could not be read`);
  }
  const urlPath = kw['url_path'] ? link.text(kw['url_path'], at) : name;
  if (urlPath === null) notes.push(`\`url_path\` of action \`${name}\` could not be read`);
  const path = regexRoute(urlPath ?? `{${name}}`);
  return { name, detail: detail?.k === 'dyn' && detail.text === 'True', methods: sortMethods(methods), urlPath: path.text, notes: [...notes, ...path.inexact] };
}
