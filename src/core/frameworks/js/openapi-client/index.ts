import { calleeRoot } from '../../../lang/js/clients';
import { stripGlobal, type Value } from '../../../resolve/evaluate';
import { defineFramework, type ClientDecl, type RequestSpec, type ResolveContext } from '../../types';

/** Generated SDKs name themselves (`*.gen.ts`, the generator's runtime), openapi-fetch clients call upper-case methods. */
const MARKERS = /__request\s*\(|@hey-api|\.gen\.[cm]?[jt]s\b|openapi-fetch|\.(?:GET|POST|PUT|PATCH|DELETE)\s*\(/;
const LOWER = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const UPPER = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * Generated and typed API clients:
 * - `openapi-typescript-codegen` and `@hey-api/openapi-ts` (legacy) services: `__request(OpenAPI, { method, url })`
 *   inside `XService.method()`, the base from `OpenAPI.BASE`;
 * - `@hey-api/openapi-ts` SDKs: `(options?.client ?? client).get({ url: '/x/{id}', ...options })` in `sdk.gen.ts`;
 * - `openapi-fetch`: `client.GET('/x/{id}', { params })` on `createClient({ baseUrl })`.
 * A generated function is never a call itself: its call sites are (it is a wrapper whatever its
 * parameters), and one nobody calls adds nothing.
 */
export default defineFramework({
  id: 'openapi-client',
  title: 'Generated API clients',
  language: 'js',
  docs: 'https://heyapi.dev/openapi-ts/get-started',
  supports: { crossModule: true, wrappers: true },
  detection: { deps: ['@hey-api/openapi-ts', '@hey-api/client-fetch', '@hey-api/client-axios', 'openapi-fetch', 'openapi-typescript-codegen'] },
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (f, text) => MARKERS.test(text) || /\.gen\.[cm]?[jt]s$/.test(f.path),
    extract(file) {
      const js = file.js!;
      const generated = /\.gen\.[cm]?[jt]s$/.test(file.ref.path);
      const out: ClientDecl[] = [];
      for (const c of js.calls) {
        if (c.isNew || !c.args[0]) continue;
        const callee = c.callee;
        const codegen = callee.k === 'ref' && callee.name === '__request' && c.args[1]?.k === 'obj';
        const sdk = generated && callee.k === 'member' && LOWER.has(callee.prop) && c.args[0].k === 'obj' && 'url' in c.args[0].props;
        const typed = callee.k === 'member' && UPPER.has(callee.prop) && calleeRoot(callee.obj) !== null;
        if (codegen || sdk || typed) out.push({ file: file.ref.path, fn: c.fn, span: c.span, anchor: c.anchor, callee, args: c.args });
      }
      return out;
    },
    resolve(decl, ctx) {
      const callee = decl.callee;
      if (callee.k === 'ref') return codegenRequest(decl, ctx);
      if (callee.k !== 'member') return null;
      if (UPPER.has(callee.prop)) return openapiFetch(decl, ctx, callee.prop);
      const options = ctx.value(decl.args[0]!, decl);
      return spec(ctx, options, { t: 'str', parts: [{ lit: callee.prop.toUpperCase() }] }, null, 'sdk');
    },
  },
});

/** `__request(OpenAPI, { method: 'GET', url: '/api/v1/items/{id}' })`; the base is `OpenAPI.BASE`. */
function codegenRequest(decl: ClientDecl, ctx: ResolveContext): RequestSpec | null {
  const options = ctx.value(decl.args[1]!, decl);
  if (options.t !== 'obj') return null;
  const config = ctx.value(decl.args[0]!, decl);
  const base = config.t === 'obj' ? ctx.evaluator.member(config, 'BASE') : null;
  return spec(ctx, options, ctx.evaluator.member(options, 'method'), base && base.t === 'str' ? base : null, '__request');
}

/** `client.GET('/items/{id}', …)` on a client from openapi-fetch's `createClient({ baseUrl })`. */
function openapiFetch(decl: ClientDecl, ctx: ResolveContext, method: string): RequestSpec | null {
  const callee = decl.callee as Extract<ClientDecl['callee'], { k: 'member' }>;
  const client = ctx.value(callee.obj, decl);
  if (client.t !== 'call' || client.callee.t !== 'ext' || !/^openapi-fetch(\.default|\.createClient)?$/.test(stripGlobal(client.callee.path))) return null;
  const cfg = ctx.evaluator.arg(client, 0);
  const baseUrl = cfg ? ctx.evaluator.member(cfg, 'baseUrl') : null;
  const base = baseUrl && !(baseUrl.t === 'unknown' && baseUrl.absent) ? baseUrl : null;
  return { client: 'openapi-fetch', kind: 'http', method: { t: 'str', parts: [{ lit: method }] }, defaultMethod: 'GET', url: ctx.value(decl.args[0]!, decl), base, via: [] };
}

function spec(ctx: ResolveContext, options: Value, method: Value, base: Value | null, client: string): RequestSpec | null {
  if (options.t !== 'obj') return null;
  const url = ctx.evaluator.member(options, 'url');
  if (url.t !== 'str') return null;
  return { client, kind: 'http', method, defaultMethod: 'GET', url, base, via: [], generated: true };
}
