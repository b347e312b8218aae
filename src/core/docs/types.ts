/** What one API document (an OpenAPI spec, a Markdown or text endpoint list) says the API offers. */
import type { HttpMethod } from '../types';

export interface DocOperation {
  readonly method: HttpMethod;
  /** Path as documented, `{name}` parameters, without the spec's server prefix. */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  /** The origin when the document wrote a full URL (`https://api.stripe.com`), lower-cased. */
  readonly origin?: string;
  /** The OpenAPI `operationId`, when the spec gives one. */
  readonly operationId?: string;
}

export interface ApiDocument {
  readonly file: string;
  readonly format: 'openapi' | 'markdown' | 'text';
  readonly operations: readonly DocOperation[];
  /**
   * Path prefixes the operations are served under (OpenAPI `servers[].url` paths, Swagger `basePath`);
   * `['']` when none is declared.
   */
  readonly prefixes: readonly string[];
  /** Why the document is the code itself (written by `api-parity export openapi`), or null. */
  readonly generated: string | null;
  /**
   * The framework that generated the spec from the code when its operation ids say so (FastAPI's
   * `{name}{path}_{method}`, NestJS's `{Controller}_{method}`); such a spec is compared with the code as the
   * code's own description.
   */
  readonly generatedBy?: string;
}
