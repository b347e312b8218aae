/**
 * The methods of one pattern's view: `Cls.as_view()` (the class's handlers), `ViewSet.as_view({"get":
 * "list"})` (the map's keys), `Consumer.as_asgi()` (a WebSocket), and function views (`@api_view`,
 * `@require_http_methods` methods, else any method). Wrappers such as `csrf_exempt(view)` are seen
 * through. A view that cannot be resolved answers any method, partial, with the reason.
 */
import { symText, type Sym } from '../../../resolve/sym';
import { isHttpMethod } from '../../../resolve/patterns';
import type { HttpMethod, MethodOrAny } from '../../../types';
import { externalViewMethods, handlerMethods, isViewSet, sortMethods } from './views';
import { extName } from '../../../resolve/evaluate';
import { calleeName, type DjangoLink, type Here, type Prefix, type Site } from './walk';

export function viewRoutes(link: DjangoLink, view: Sym, at: Site, prefix: Prefix, here: Here): void {
  if (view.k === 'call' && view.callee.k === 'member' && (view.callee.prop === 'as_view' || view.callee.prop === 'as_asgi')) {
    return classView(link, view.callee.obj, view, at, prefix, here);
  }
  if (view.k === 'call' && view.args[0] && !view.kw?.['route']) {
    // `csrf_exempt(view)`, `login_required(view)`: decorators applied in the URLconf.
    const inner = link.value(view.callee, at);
    if (inner.t === 'ext' || inner.t === 'fn') return viewRoutes(link, view.args[0], at, prefix, here);
  }
  const v = link.value(view, at);
  if (v.t === 'fn') {
    const name = link.ev.program.module(v.file)?.functions[v.id]?.name ?? symText(view);
    const m = link.fnMethods.get(`${v.file}#${v.id}`);
    if (!m) return link.emit(prefix, here, ['*'], name);
    const methods = decoratorMethods(m);
    return link.emit(prefix, here, methods ?? ['*'], name, methods ? [] : [`the methods of \`${name}\` could not be read`]);
  }
  if (v.t === 'str') return link.emit(prefix, here, ['*'], link.ctx.valueText(v).text);
  if (v.t === 'ext') return link.emit(prefix, here, ['*'], symText(view), [`view \`${v.path}\` comes from outside the workspace, so its methods are unknown`]);
  const why = v.t === 'unknown' ? ` (${v.why})` : '';
  link.emit(prefix, here, ['*'], symText(view), [`view \`${symText(view)}\` could not be resolved${why}, so its methods are unknown`]);
}

/** The methods a view function's decorator allows: `@api_view(["GET"])`, `@require_http_methods([...])`, `@require_POST`. */
function decoratorMethods(dec: Sym): MethodOrAny[] | null {
  const name = dec.k === 'call' ? calleeName(dec.callee) : calleeName(dec);
  if (name === 'require_GET' || name === 'require_safe') return ['GET'];
  if (name === 'require_POST') return ['POST'];
  if (dec.k !== 'call') return name === 'api_view' ? ['GET'] : null;
  const arg = dec.args[0] ?? dec.kw?.['http_method_names'] ?? dec.kw?.['request_method_list'];
  if (!arg) return name === 'api_view' ? ['GET'] : null;
  const items = arg.k === 'arr' ? arg.items : [arg];
  const out: HttpMethod[] = [];
  for (const i of items) {
    if (i.k !== 'str') return null;
    const m = i.v.toUpperCase();
    if (isHttpMethod(m) && m !== 'HEAD' && m !== 'OPTIONS') out.push(m);
  }
  return sortMethods(out);
}

/** `Cls.as_view(...)` / `Consumer.as_asgi()`. */
function classView(link: DjangoLink, clsSym: Sym, call: Extract<Sym, { k: 'call' }>, at: Site, prefix: Prefix, here: Here): void {
  const name = symText(clsSym);
  if (prefix.kind === 'websocket' || (call.callee.k === 'member' && call.callee.prop === 'as_asgi')) {
    return link.emit({ ...prefix, kind: 'websocket' }, here, ['GET'], name);
  }
  // An explicit action map says everything: the class need not be read (nor its module parsed).
  const map = call.args[0] ?? call.kw?.['actions'];
  if (map) return actionMap(link, map, name, at, prefix, here);
  const value = link.value(clsSym, at);
  const cls = link.viewClass(value);
  if (value.t === 'ext') {
    const known = externalViewMethods(extName(value) ?? '');
    return link.emit(prefix, here, known ?? ['*'], name, known ? [] : [`view class \`${value.path}\` comes from outside the workspace and is not a known view class, so its methods are unknown`]);
  }
  if (!cls) return link.emit(prefix, here, ['*'], name, [`view class \`${name}\` could not be resolved, so its methods are unknown`]);
  if (isViewSet(cls)) return link.emit(prefix, here, ['*'], cls.name, [`ViewSet \`${cls.name}\` is used without an action map`], [cls.name]);
  const { methods, opaque } = handlerMethods(cls);
  // `as_view(http_method_names=["get"])` narrows the class's methods for this pattern only.
  const only = call.kw?.['http_method_names'];
  const allowed = only?.k === 'arr' && only.items.every((i) => i.k === 'str') ? new Set(only.items.map((i) => (i.k === 'str' ? i.v.toUpperCase() : ''))) : null;
  if (allowed && opaque.length) {
    for (const m of sortMethods([...allowed].filter(isHttpMethod))) if (!methods.includes(m)) link.emit(prefix, here, [m], cls.name, [`\`${m}\` is allowed here; its handler is inherited from ${opaque.join(', ')}`]);
  } else if (opaque.length) {
    // A base we cannot read may answer any method: say so once, beside the handlers we do see.
    const why = `\`${cls.name}\` derives from ${opaque.join(', ')}, whose handler methods could not be read`;
    link.emit(prefix, here, ['*'], cls.name, [why]);
  } else if (methods.length === 0) {
    link.emit(prefix, here, ['*'], cls.name, [`no handler method of \`${cls.name}\` was found`]);
  }
  for (const m of methods) {
    if (allowed && !allowed.has(m)) continue;
    const def = cls.defs.get(m.toLowerCase());
    link.emit(prefix, here, [m], def ? `${def.cls}.${m.toLowerCase()}` : cls.name);
  }
}

/** `ViewSet.as_view({"get": "list", "post": "create"})`: one route per mapped method, tagged with the ViewSet's name. */
function actionMap(link: DjangoLink, map: Sym, cls: string, at: Site, prefix: Prefix, here: Here): void {
  const v = link.value(map, at);
  if (v.t !== 'obj') return link.emit(prefix, here, ['*'], cls, [`the action map of \`${cls}\` could not be read`]);
  for (const [method, action] of Object.entries(v.props)) {
    const m = method.toUpperCase();
    if (!isHttpMethod(m) || m === 'HEAD' || m === 'OPTIONS') continue;
    const act = action.k === 'str' ? action.v : symText(action);
    link.emit(prefix, here, [m], `${cls}.${act}`, [], [cls.split('.').pop() ?? cls]);
  }
}
