/**
 * What a Django view answers: the HTTP methods of a class-based view (`View`/`APIView` subclasses, DRF
 * generic views and mixins, SimpleJWT token views), the actions of a DRF ViewSet (its mixins, the
 * actions it defines, `@action` extras) and `http_method_names`. Classes are followed through their
 * workspace bases; the classes outside the workspace are known by name.
 */
import type { Evaluator, Value } from '../../../resolve/evaluate';
import { extName } from '../../../resolve/evaluate';
import type { Sym } from '../../../resolve/sym';
import { METHOD_BY_NAME } from '../../../resolve/patterns';
import type { HttpMethod } from '../../../types';

/** Handler methods of a class-based view that are HTTP methods we report (HEAD and OPTIONS are implicit). */
const HANDLER_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** External view classes → the handler methods they define. */
const VIEW_HANDLERS: Readonly<Record<string, readonly string[]>> = {
  View: [],
  APIView: [],
  GenericAPIView: [],
  TemplateView: ['get'],
  RedirectView: ['get', 'post', 'put', 'patch', 'delete'],
  ListView: ['get'],
  DetailView: ['get'],
  FormView: ['get', 'post'],
  CreateView: ['get', 'post'],
  UpdateView: ['get', 'post'],
  DeleteView: ['get', 'post', 'delete'],
  ListAPIView: ['get'],
  CreateAPIView: ['post'],
  RetrieveAPIView: ['get'],
  DestroyAPIView: ['delete'],
  UpdateAPIView: ['put', 'patch'],
  ListCreateAPIView: ['get', 'post'],
  RetrieveUpdateAPIView: ['get', 'put', 'patch'],
  RetrieveDestroyAPIView: ['get', 'delete'],
  RetrieveUpdateDestroyAPIView: ['get', 'put', 'patch', 'delete'],
  TokenViewBase: ['post'],
  TokenObtainPairView: ['post'],
  TokenRefreshView: ['post'],
  TokenVerifyView: ['post'],
  TokenBlacklistView: ['post'],
  TokenObtainSlidingView: ['post'],
  TokenRefreshSlidingView: ['post'],
  ObtainAuthToken: ['post'],
  LoginView: ['get', 'post'],
  PasswordResetView: ['get', 'post'],
  PasswordResetConfirmView: ['get', 'post'],
  PasswordChangeView: ['get', 'post'],
  PasswordResetDoneView: ['get'],
  PasswordResetCompleteView: ['get'],
  PasswordChangeDoneView: ['get'],
  SpectacularAPIView: ['get'],
  SpectacularJSONAPIView: ['get'],
  SpectacularYAMLAPIView: ['get'],
  SpectacularSwaggerView: ['get'],
  SpectacularSwaggerSplitView: ['get'],
  SpectacularRedocView: ['get'],
};

/** External ViewSet classes and mixins → the router actions they provide. */
const VIEWSET_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  ViewSetMixin: [],
  ViewSet: [],
  GenericViewSet: [],
  ModelViewSet: ['list', 'create', 'retrieve', 'update', 'partial_update', 'destroy'],
  ReadOnlyModelViewSet: ['list', 'retrieve'],
  ListModelMixin: ['list'],
  CreateModelMixin: ['create'],
  RetrieveModelMixin: ['retrieve'],
  UpdateModelMixin: ['update', 'partial_update'],
  DestroyModelMixin: ['destroy'],
};

/** Router actions → the method and whether they are on the detail route. */
export const ROUTER_ACTIONS: Readonly<Record<string, { readonly method: HttpMethod; readonly detail: boolean }>> = {
  list: { method: 'GET', detail: false },
  create: { method: 'POST', detail: false },
  retrieve: { method: 'GET', detail: true },
  update: { method: 'PUT', detail: true },
  partial_update: { method: 'PATCH', detail: true },
  destroy: { method: 'DELETE', detail: true },
};

/** A method defined in a workspace class of the chain. */
export interface MethodDef {
  readonly file: string;
  readonly fnId: string;
  readonly cls: string;
}

/** A class-based view seen through its workspace bases. */
export interface ViewClass {
  readonly name: string;
  readonly file: string;
  /** Methods defined in workspace classes; the first definer in base order wins. */
  readonly defs: ReadonlyMap<string, MethodDef>;
  /** Names of the external classes it derives from. */
  readonly exts: readonly string[];
  /** Class attributes, the first definer winning, with the module they are evaluated in. */
  readonly attrs: ReadonlyMap<string, { readonly sym: Sym; readonly file: string }>;
  /** Bases that could not be evaluated. */
  readonly unknown: readonly string[];
}

/** The class a view expression's value is, seen through its bases; null for anything else. */
export function viewClass(ev: Evaluator, v: Value): ViewClass | null {
  if (v.t !== 'class') return null;
  const defs = new Map<string, MethodDef>();
  const attrs = new Map<string, { sym: Sym; file: string }>();
  const exts: string[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, name: string): void => {
    const key = `${file}#${name}`;
    if (seen.has(key) || seen.size > 24) return;
    seen.add(key);
    const c = ev.program.module(file)?.classes[name];
    if (!c) return void unknown.push(name);
    for (const [m, fnId] of Object.entries(c.methods ?? {})) if (!defs.has(m)) defs.set(m, { file, fnId, cls: name });
    for (const [a, sym] of Object.entries(c.attrs)) if (!attrs.has(a)) attrs.set(a, { sym, file });
    for (const b of c.bases) {
      const base = ev.evaluate(genericBase(b), { file, fn: null, params: null });
      if (base.t === 'class') walk(base.file, base.name);
      else if (base.t === 'ext') exts.push(extName(base) ?? base.path);
      else unknown.push(base.t === 'unknown' ? base.text : name);
    }
  };
  walk(v.file, v.name);
  return { name: v.name, file: v.file, defs, exts, attrs, unknown };
}

/** The methods of a view class from outside the workspace used directly (`TokenObtainPairView.as_view()`); null when unknown. */
export function externalViewMethods(name: string): HttpMethod[] | null {
  const h = VIEW_HANDLERS[name];
  return h && h.length ? h.map((m) => METHOD_BY_NAME[m]!) : null;
}

/**
 * A subscripted base (`ModelViewSet[User]`, `GenericAPIView[Any]`: typed generics) is read as the class
 * it subscripts; the language pack keeps such subscripts as source text.
 */
function genericBase(b: Sym): Sym {
  const m = b.k === 'dyn' ? /^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\[/.exec(b.text) : null;
  if (!m) return b;
  const [head, ...rest] = m[1]!.split('.');
  return rest.reduce<Sym>((obj, prop) => ({ k: 'member', obj, prop }), { k: 'ref', name: head! });
}

/** Is this class a DRF ViewSet (its routes come from actions, not handler methods)? */
export function isViewSet(c: ViewClass): boolean {
  // The model mixins also serve generic views (`class TrashView(ListModelMixin, GenericAPIView)`).
  return c.exts.some((e) => e in VIEWSET_ACTIONS && !e.endsWith('Mixin'));
}

/** `http_method_names` as lower-case names; null when not set or not a literal list. */
export function allowedMethods(c: ViewClass): Set<string> | null {
  const a = c.attrs.get('http_method_names');
  if (!a || a.sym.k !== 'arr') return null;
  const out = new Set<string>();
  for (const i of a.sym.items) if (i.k === 'str') out.add(i.v.toLowerCase());
  return out;
}

/** The methods of an `as_view()` class view, and the bases that may add handlers we cannot see. */
export interface HandlerMethods {
  readonly methods: HttpMethod[];
  /** Bases outside the workspace that are no known view class and no mixin: they may define more handlers. */
  readonly opaque: string[];
}

/**
 * The HTTP methods of an `as_view()` class view: the handlers it defines or inherits from workspace
 * classes and known view classes. A base from a package that is neither a known view class nor a mixin
 * (`LoginView` of a library, a third-party `RPCEntryPoint`) may define more: it is named in `opaque`.
 */
export function handlerMethods(c: ViewClass): HandlerMethods {
  const names = new Set<string>();
  const opaque: string[] = [...c.unknown];
  for (const e of c.exts) {
    const h = VIEW_HANDLERS[e];
    if (h) for (const m of h) names.add(m);
    else if (!e.endsWith('Mixin') && !(e in VIEWSET_ACTIONS) && e !== 'object' && e !== 'Generic') opaque.push(e);
  }
  for (const m of HANDLER_METHODS) if (c.defs.has(m)) names.add(m);
  const allowed = allowedMethods(c);
  const methods = [...names].filter((m) => !allowed || allowed.has(m)).map((m) => METHOD_BY_NAME[m]!);
  return { methods: sortMethods(methods), opaque: allowed ? [] : opaque };
}

/** The router actions (`list`, `retrieve`, …) a ViewSet provides through its mixins and own methods. */
export function viewSetActions(c: ViewClass): string[] {
  const names = new Set<string>();
  for (const e of c.exts) for (const a of VIEWSET_ACTIONS[e] ?? []) names.add(a);
  for (const a of Object.keys(ROUTER_ACTIONS)) if (c.defs.has(a)) names.add(a);
  const allowed = allowedMethods(c);
  return [...names].filter((a) => !allowed || allowed.has(ROUTER_ACTIONS[a]!.method.toLowerCase()));
}

export function sortMethods<T extends string>(ms: T[]): T[] {
  const order = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  return [...new Set(ms)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
