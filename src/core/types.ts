/**
 * The core data model. Everything here is plain, JSON-serialisable data: the server converts it to LSP
 * shapes (server/convert.ts), the CLI prints it, tests compare it with goldens.
 *
 * Conventions: file paths are relative to the analysis root and use `/`; lines and columns are 1-based.
 */

import type { Part } from './resolve/value';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'TRACE';
/** `*` means any method (a Django function view, Express `app.all`, a Next.js handler for every verb). */
export type MethodOrAny = HttpMethod | '*';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];

/**
 * `page`: a route that serves HTML to a browser (a static folder, a view `res.render`s, an `.html` file it
 * sends), reported apart from the API: never unused, never reached by an API call through a catch-all.
 * As a call's kind, `page` is a navigation the browser makes (a link, a form submission, `location = …`, a
 * server redirect) and `asset` a resource an element loads (`<img src>`, `<video src>`); both reach
 * ordinary HTTP routes as well as pages.
 * `socketio`: a Socket.IO event the server handles (`side: 'receive'`) or emits (`'send'`), per namespace.
 * `action`: a Next.js server action (`'use server'`): an entry point of the web app, reached by the
 * components that import it (calls of kind `action`), never by an HTTP call; not part of the API.
 */
export type EndpointKind = 'http' | 'websocket' | 'socketio' | 'sse' | 'page' | 'asset' | 'action';
/** Endpoint kinds that are part of the API (matched by calls, counted in coverage). */
export const API_KINDS: readonly EndpointKind[] = ['http', 'websocket', 'sse'];
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeverityOrOff = Severity | 'off';

/**
 * A proxy route (a Next.js `rewrites()` entry): a call that reaches it continues to `parts`, the
 * destination URL, where `:name`, `:name*` and `:name+` stand for what the source's parameters captured.
 */
export interface Forward {
  /** The source pattern as written (`/api/:path*`). */
  readonly source: string;
  /** The destination for display (`${BACKEND_URL}/api/:path*`). */
  readonly destination: string;
  readonly parts: readonly Part[];
}

/** The kinds of the registered gap rules (`rules/<kind>/`; `test/core/rules.test.ts` keeps them equal). */
export type GapKind = 'missing-endpoint' | 'method-mismatch' | 'unused-endpoint' | 'documented-not-implemented' | 'undocumented-endpoint' | 'event-mismatch' | 'unused-client-method' | 'payload-mismatch';

/** A span in a file. `line`/`column` are 1-based; the end is exclusive. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface FileLocation extends Span {
  readonly file: string;
}

export interface Service {
  /** Unique within one analysis. From config, else the project folder's name. */
  readonly name: string;
  /** Root folder relative to the analysis root (`.` for the root itself). */
  readonly root: string;
  /** Ids of the backend extractors that found routes in it, joined with `+` (`fastapi`, `nextjs`); `frontend` when none. */
  readonly framework: string;
  /** Origin the service is served at, when known (`http://localhost:8000`). */
  readonly baseUrl?: string;
  /** Path prefix every route of the service is served under (a reverse proxy mount), when configured. */
  readonly pathPrefix?: string;
  /** Ports this service is known to listen on (config, `uvicorn.run(port=)`, `app.listen(n)`, scripts). */
  readonly ports: readonly number[];
  /** API documents (OpenAPI specs, endpoint lists) tied to this service, when it has any. */
  readonly docs?: readonly string[];
}

export interface Endpoint extends Span {
  readonly id: string;
  readonly service: string;
  readonly kind: EndpointKind;
  readonly method: MethodOrAny;
  /** Normalised display path: `{name}` parameters, no trailing slash. */
  readonly path: string;
  readonly framework: string;
  readonly source: 'code' | 'docs' | 'openapi';
  readonly file: string;
  readonly handler: string | null;
  /** Real-time endpoints: the event name (`path` is then its namespace, `/` by default). */
  readonly event?: string;
  /** Real-time endpoints: whether the server handles the event (`receive`) or emits it (`send`). */
  readonly side?: 'receive' | 'send';
  /** `partial` when part of the path could not be resolved statically (see `notes`). */
  readonly confidence: 'exact' | 'partial';
  readonly notes: readonly string[];
  /** Reason from a matching ignore rule; an ignored endpoint is never reported unused. */
  readonly ignored: string | null;
  /** Ids of the calls matched to this endpoint (from application code). */
  callers: string[];
  /**
   * Calls whose path matches but whose base URL could not be evaluated: not callers (a guess never makes
   * a route used), but the route is not reported unused while they exist.
   */
  possibleCallers: string[];
  /** Calls from tests, mocks and fixtures that reach it; they make it used only when configured to. */
  testCallers: string[];
  /** Calls made inside client methods that nothing calls (unused-client-method): never callers. */
  uncalledCallers?: string[];
  /** A proxy route's destination: calls that reach it are matched again there. */
  readonly forward?: Forward;
  /**
   * Other paths the same route also answers at (DRF's format suffix: `/users.{format}` for `/users`;
   * Django's optional language prefix: `/{lang}/about` for `/about`): a call to one of them is matched
   * to this endpoint; they are not endpoints of their own (neither counted nor reported unused).
   */
  readonly variants?: readonly string[];
  /**
   * What the framework itself calls the route from, when something does (a Remix route's loader and action
   * serve its own page): such a route is used whatever the workspace's calls, and never reported unused.
   */
  readonly usedBy?: string;
  /**
   * The API documents of its service that list it (none: `[]`); absent when its service has no API
   * documents or the route is not a plain HTTP route. The docs leg of its three-way status (code, docs, use).
   */
  readonly docs?: readonly string[];
  /**
   * What the handler's own API annotation documents (utoipa's `#[utoipa::path(get, path = …)]`), when it has
   * one: the annotation is a document of the route, and a spec generated from it is the same source.
   */
  readonly documentedAs?: ReadonlyArray<{ readonly method: string; readonly path: string; readonly file: string; readonly line: number; readonly column: number; readonly agrees: boolean }>;
  /**
   * The route's name, which named-route helpers resolve (`url_for("bp.view")`, `{% url "ns:name" %}`);
   * null when the framework names the route but its name could not be evaluated; absent when it has none.
   */
  readonly name?: string | null;
  /**
   * The groups the framework puts the route in for its API documentation (FastAPI `tags=`, NestJS
   * `@ApiTags`, a DRF viewset's name, utoipa `tag =`), outermost first; absent when it has none.
   */
  readonly tags?: readonly string[];
}

export type CallStatus = 'matched' | 'missing' | 'method-mismatch' | 'external' | 'unresolved' | 'unchecked' | 'ignored';

export interface Call extends Span {
  readonly id: string;
  readonly kind: EndpointKind;
  readonly method: MethodOrAny;
  /** Normalised path with `{}` for every dynamic segment, or null when the URL could not be resolved. */
  readonly path: string | null;
  readonly file: string;
  /** `fetch`, `axios`, an axios instance (`axios:api`) or the name of a wrapper function. */
  readonly client: string;
  /** The URL as the analyzer rebuilt it, before normalisation (`${API_URL}/users/{id}/avatar`). */
  readonly url: string | null;
  readonly resolved: boolean;
  /** Why the URL could not be resolved, or why the call was not checked. */
  readonly reason: string | null;
  readonly external: boolean;
  /** Origin of an external call (`https://api.stripe.com`). */
  readonly origin: string | null;
  /** How the URL was built: wrapper chain and base constants, outermost first. */
  readonly via: readonly string[];
  endpoint: string | null;
  status: CallStatus;
  /** `test` for calls in tests, mocks, fixtures and end-to-end specs (the `testFiles` globs). */
  readonly role: 'app' | 'test';
  /** A named-route helper's call (`url_for("bp.view")`): the route name it resolves, matched instead of a URL. */
  readonly routeName?: string;
  /**
   * The client method the request is made in, when nothing calls it (`nowhere`) or only tests do: the
   * call is then no caller of its route (a test caller when tests call it). Absent otherwise.
   */
  readonly clientMethod?: { readonly name: string; readonly calledFrom: 'nowhere' | 'tests' };
}

export interface RelatedLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface Gap {
  readonly kind: GapKind;
  readonly severity: Severity;
  readonly method: MethodOrAny | null;
  readonly path: string | null;
  readonly event?: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  readonly related: readonly RelatedLocation[];
  /** Id of the endpoint or call this gap is about. */
  readonly subject: string;
  /**
   * The other side of the finding, where the editor shows it too (a payload mismatch's backend answer or
   * body model), with the message it has there.
   */
  readonly also?: RelatedLocation;
}

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
  /** The extractor that failed on it, when the failure was inside one. */
  readonly extractor?: string;
}

/** Workspace-level observations that are not tied to one endpoint or call. */
export interface AnalysisNote {
  readonly level: 'info' | 'warning';
  readonly message: string;
  readonly file?: string;
  /**
   * Stable kind of note, for tools: `framework-not-indexed`, `framework-without-routes`,
   * `low-recognition`, `framework-failed`, `link-failed`, `request-failed`, `routes-in-tests`, `tsconfig-unreadable`;
   * absent for per-file observations (encodings, tolerated syntax errors).
   */
  readonly code?: string;
}

export interface Summary {
  readonly endpoints: number;
  readonly used: number;
  /** Endpoints reported unused (the unused-endpoint rule's subjects, whatever its severity). */
  readonly unused: number;
  /** Endpoints neither used nor reported unused: only possible or test callers, catch-alls, WebSockets. */
  readonly unchecked: number;
  readonly ignored: number;
  readonly calls: number;
  readonly resolvedCalls: number;
  readonly external: number;
  readonly missing: number;
  readonly methodMismatch: number;
  /** Share of non-ignored endpoints with at least one caller, 0..1 (1 when there are none). */
  readonly coverage: number;
  readonly filesScanned: number;
  readonly filesParsed: number;
  /**
   * Per project that makes application API calls (a frontend), by root: how many it makes and how many
   * of them resolved. Absent in results written before it existed.
   */
  readonly frontends?: readonly FrontendShare[];
}

export interface FrontendShare {
  /** The project's root folder, relative to the analysis root (`.` for the root). */
  readonly root: string;
  readonly calls: number;
  readonly resolved: number;
}

export interface AnalysisResult {
  readonly schemaVersion: 1;
  readonly root: string;
  readonly services: readonly Service[];
  readonly endpoints: readonly Endpoint[];
  readonly calls: readonly Call[];
  readonly gaps: readonly Gap[];
  readonly skipped: readonly SkippedFile[];
  readonly notes: readonly AnalysisNote[];
  readonly summary: Summary;
}
