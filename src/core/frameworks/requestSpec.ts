/** What a request contribution hands the engine: the request it found, and wrapper templates (re-exported by `types.ts`). */
import type { FnRef, Value } from '../resolve/evaluate';
import type { EndpointKind, MethodOrAny } from '../types';
import type { ClientDecl } from './types';

export interface RequestSpec {
  /** `fetch`, `axios`, `axios:api`, or a wrapper's name. */
  readonly client: string;
  readonly kind: EndpointKind;
  /** A string value (`GET`), or a method-less value resolved by the engine (default `defaultMethod`). */
  readonly method: Value | null;
  readonly defaultMethod: MethodOrAny;
  readonly url: Value;
  /** A base URL joined in front of `url` unless `url` is absolute (axios `baseURL`). */
  readonly base: Value | null;
  /** The base when `base` (read from a wrapper's argument) turns out not to be set at a call site. */
  readonly baseDefault?: Value;
  /**
   * Why the request's destination is not known whatever its URL says (a Unix socket, a proxy, a base
   * URL or client config that cannot be evaluated): the call is kept unresolved with this reason.
   */
  readonly unresolved?: string;
  /** How the URL was built, outermost first (`apiCall`, `API_URL`). */
  readonly via: readonly string[];
  /**
   * A link, form or asset URL in markup that may as well be a page or a static file: it is a call only
   * when it reaches a route, or when a service it can reach serves routes under its first path segment
   * (then a missing route is reported). Otherwise, and when its URL cannot be resolved, it is no call.
   */
  readonly onlyServed?: boolean;
  /** The wrapper function this request was instantiated from. */
  readonly wrapper?: FnRef;
  /** A named-route call (`url_for("bp.view", pid=1)`): matched by this name, not `url`; its keywords pick among same-named routes. */
  readonly routeName?: string;
  readonly routeArgs?: readonly string[];
  /** Made by generated client code (an SDK function): the function around it is a wrapper whatever its
   * parameters, and when nobody calls it, it is no call at all. */
  readonly generated?: boolean;
  /** A client given per call (`this.requests.get(url)`): no request here; each call site of the function resolves `decl` again, bound (`ResolveContext.bound`). */
  readonly deferred?: { readonly decl: ClientDecl };
  /**
   * The client whose base may be set in another file (see {@link SharedBase}): `own`, the base the request
   * has without it (an instance's `axios.create` baseURL); `copies`: the key of a global client whose
   * defaults an instance copies when it is created after they are set (so it may or may not have them).
   */
  readonly sharedBase?: { readonly key: string; readonly own: Value | null; readonly copies?: string };
  /** The file that gives the client a global name (`Vue.prototype.$http = axios`), when the request reached it that way. */
  readonly registeredIn?: string;
  /** A page fact the http relation joins (relations/http/pages.ts), no call itself: a view renders `template`, `view` includes it, or a form in it has no action. */ readonly page?: { readonly role: 'render' | 'include' | 'form'; readonly template: string; readonly view?: string };
}

/** A function whose parameter shapes a request: its call sites are the calls. */
export interface WrapperTemplate {
  readonly fn: FnRef;
  readonly name: string;
  readonly spec: RequestSpec;
}
