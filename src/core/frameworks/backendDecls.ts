/**
 * What backend frameworks declare per file (routes, mounts, ports, configuration, views, passes) and
 * what linking makes of them: the declarations `RoutesContribution.extract` returns and `link` reads.
 */
import type { Value } from '../resolve/evaluate';
import type { Sym } from '../resolve/sym';
import type { EndpointKind, Forward, MethodOrAny, Span } from '../types';

export interface RouteDecl {
  readonly t: 'route';
  readonly file: string;
  /** Enclosing function of the registration (its locals and params are in scope for `owner`/`path`). */
  readonly fn: string | null;
  readonly kind: EndpointKind;
  readonly methods: readonly MethodOrAny[];
  /** Path as written, relative to `owner`'s mount point. */
  readonly path: Sym;
  /** Framework-specific symbolic extras its own `link` reads (a NestJS method's `@Version('2')`). */
  readonly meta?: Readonly<Record<string, Sym>>;
  /** The app/router the route is registered on; null when the path is already absolute (file-system routes). */
  readonly owner: Sym | null;
  readonly handler: string | null;
  readonly span: Span;
  /**
   * Why the route is only partly known, found while extracting or linking it (methods that could not be
   * read, a regex path kept as its literal prefix): marks it partial.
   */
  readonly notes?: readonly string[];
  /**
   * Argument values for `fn`'s parameters, when the route is registered inside a helper and was
   * instantiated at one of the helper's calls (`register_routes(app)`); set during `link` only.
   */
  readonly params?: readonly Value[];
  /** Where the route is reported, when that is not where its symbols are evaluated (the helper's call). */
  readonly at?: { readonly file: string; readonly span: Span };
  /**
   * For builder-style frameworks (link/builders.ts): `attr`, a route declared on its handler (actix
   * `#[get("/x")]`) that counts only where the handler is registered; `doc`, a route documented on its
   * handler (utoipa `#[utoipa::path]`) that counts only through a `docs` mount and is otherwise compared
   * with the registration. Absent: an ordinary registration.
   */
  readonly role?: 'attr' | 'doc';
  /** The handler as an expression, when it may be followed across modules (builder-style frameworks). */
  readonly handlerSym?: Sym;
  /** Real-time routes: whether the server handles (`receive`) or emits (`send`) the event `path` names. */
  readonly side?: 'receive' | 'send';
  /** The handler expression, when it may be a function of another module that answers with a page ({@link ViewDecl}). */
  readonly view?: Sym;
  readonly tags?: Sym; // the route's own tags as written (FastAPI `tags=[...]`), read by its link
}

/** `parent.include_router(child, prefix=...)`, `parent.use('/prefix', child)`. */
export interface MountDecl {
  readonly t: 'mount';
  readonly file: string;
  readonly fn: string | null;
  readonly parent: Sym;
  readonly child: Sym;
  readonly prefix: Sym | null;
  /** `prefix`, when given, stands instead of the child's own (Flask `register_blueprint(bp, url_prefix=)`). */
  readonly replacesOwnPrefix?: boolean;
  /** Argument values for `fn`'s parameters, when the mount is a helper's, instantiated at a call (see `RouteDecl.params`). */
  readonly params?: readonly Value[];
  readonly span: Span;
  /** `docs`: the child's documented routes (role `doc`) are registered by this mount (utoipa `routes!`). */
  readonly role?: 'docs';
  readonly tags?: Sym; // tags the mount gives every route below it (`include_router(r, tags=[...])`)
}

/** A port the service listens on (`uvicorn.run(app, port=8000)`, `app.listen(3001)`). */
export interface PortDecl {
  readonly t: 'port';
  readonly file: string;
  readonly fn: string | null;
  readonly port: Sym;
}

/**
 * A framework-specific fact of one file that only the framework's own `link` reads (Django's
 * `ROOT_URLCONF`, a URLconf's `urlpatterns`, a view's `@api_view` methods). `key` names what it is
 * about within the file (a function id), when it is about something.
 */
export interface ConfDecl {
  readonly t: 'conf';
  readonly file: string;
  readonly fn: string | null;
  readonly name: string;
  readonly value: Sym;
  readonly span: Span;
  readonly key?: string;
}


/**
 * A function that answers with a page (`res.render(view)`): routes whose handler evaluates to it are
 * `page` routes, whichever module registers them.
 */
export interface ViewDecl {
  readonly t: 'view';
  readonly file: string;
  /** The function's id in `file`. */
  readonly fn: string;
}

/**
 * `registerRoutes(app)`: a call passing `arg` as argument `index` to `callee`, so that function's
 * parameter may stand for an app or router (the mount graph follows it when routes are registered on it).
 */
export interface PassDecl {
  readonly t: 'pass';
  readonly file: string;
  readonly fn: string | null;
  readonly callee: Sym;
  readonly index: number;
  readonly arg: Sym;
}

export type BackendDecl = RouteDecl | MountDecl | PortDecl | ConfDecl | ViewDecl | PassDecl;

/** A route after linking: absolute path in the framework's syntax. */
export interface LinkedRoute {
  readonly file: string;
  readonly span: Span;
  readonly kind: EndpointKind;
  readonly method: MethodOrAny;
  readonly path: string;
  readonly handler: string | null;
  /** A proxy route's destination (a Next.js rewrite): calls that reach it are matched again there. */
  readonly forward?: Forward;
  /** Other paths the route also answers at, in the same syntax as `path` (see `Endpoint.variants`). */
  readonly variants?: readonly string[];
  /** What the framework itself calls it from (see `Endpoint.usedBy`). */
  readonly usedBy?: string;
  readonly confidence: 'exact' | 'partial';
  readonly notes: readonly string[];
  /** Real-time routes: the event name (`path` is its namespace) and whether the server handles or emits it. */
  readonly event?: string;
  readonly side?: 'receive' | 'send';
  readonly name?: string | null; // the route's name (Flask `bp.view`, Django `ns:name`); null: not evaluated
  readonly tags?: readonly string[]; // the framework's tags (see `Endpoint.tags`), outermost first
  /** What the handler's own API annotation (utoipa's `#[utoipa::path]`) documents, see `Endpoint.documentedAs`. */
  readonly documentedAs?: readonly DocumentedAs[];
}

/** One route an API annotation on a handler documents, and where the annotation is. */
export interface DocumentedAs {
  readonly method: string;
  readonly path: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Does it agree with this registration (same method, same path or its tail under the scopes)? */
  readonly agrees: boolean;
}
