import { defineFramework, type BackendDecl, type LinkContext, type LinkedRoute, type ParsedFile, type RouteDecl } from '../../types';
import { remixRoutePaths } from './path';

/** A route module of `app/routes/`: a flat file (`app.setup.tsx`) or a folder's `route.tsx`. */
const ROUTE_FILE = /^app\/routes\/(?:([^/]+)\/route|([^/]+))\.(?:tsx?|jsx?|mjs)$/;
const EXPORTS = /\bexport\s+(?:(?:async\s+)?function\s+(?:loader|action)\b|(?:const|let|var)\s+(?:loader|action)\b|\{[^}]*\b(?:loader|action)\b)/;

/** What each data export answers: the loader GET; the action every other method (one route, any method). */
const METHODS = { loader: ['GET'], action: ['*'] } as const;

/**
 * Remix (v2 flat routes, also `@remix-run/fs-routes`): a route module's `loader` and `action` exports
 * are its endpoints (`fetch("/app/setup")`, `useFetcher().submit`, resource routes). A page's loader and
 * action are used by the page itself (`usedBy`: never reported unused); a module with only a component is a
 * page, no endpoint. Paths come from the file name (`./path.ts`); an optional literal
 * segment `(en)` gives the path with it and, as variants, the paths without it. A name this reader does
 * not know gives a partial route that says so, never a guessed path.
 * Routes configured in code (`app/routes.ts` without `flatRoutes()`) are not read.
 */
export default defineFramework({
  id: 'remix',
  title: 'Remix',
  language: 'js',
  docs: 'https://remix.run/docs/en/main/file-conventions/routes',
  supports: { pathParams: true },
  detection: { deps: ['@remix-run/node', '@remix-run/cloudflare', '@remix-run/deno', '@remix-run/react', '@remix-run/dev'], defaultPort: 3000, noteWhenNoRoutes: false },
  routes: {
    languages: ['js'],
    accepts: (f, text) => ROUTE_FILE.test(f.inProject) && EXPORTS.test(text),
    extract: routeDecls,
    link: linkRemix,
  },
});

function routeDecls(file: ParsedFile): BackendDecl[] {
  const m = ROUTE_FILE.exec(file.ref.inProject);
  if (!m) return [];
  const name = m[1] ?? m[2]!;
  const paths = remixRoutePaths(name);
  const [path, ...variants] = paths ?? [`/{${name}}`];
  // A page's loader and action are what Remix calls when the page is shown or its form is sent.
  const page = file.js!.exportSpans['default'] !== undefined;
  const decls: RouteDecl[] = [];
  for (const handler of ['loader', 'action'] as const) {
    const span = file.js!.exportSpans[handler];
    if (!span) continue;
    const meta = { ...(page ? { page: { k: 'str' as const, v: handler } } : {}), ...(paths === null ? { unknown: { k: 'str' as const, v: name } } : {}), ...(variants.length ? { variants: { k: 'arr' as const, items: variants.map((v) => ({ k: 'str' as const, v })) } } : {}) };
    decls.push({ t: 'route', file: file.ref.path, fn: null, kind: 'http', methods: [...METHODS[handler]], owner: null, path: { k: 'str', v: path! }, handler, span, meta });
  }
  return decls;
}

function linkRemix(decls: readonly BackendDecl[], ctx: LinkContext): LinkedRoute[] {
  const out: LinkedRoute[] = [];
  for (const d of decls) {
    if (d.t !== 'route') continue;
    const unknown = d.meta?.['unknown'];
    const notes = unknown?.k === 'str' ? [`the route file name \`${unknown.v}\` has a form API Parity does not read`] : [];
    const v = d.meta?.['variants'];
    const variants = v?.k === 'arr' ? v.items.flatMap((x) => (x.k === 'str' ? [x.v] : [])) : [];
    const p = ctx.pathText(d.path, d.file, d.fn);
    const usedBy = d.meta?.['page'] ? `its page (Remix calls the ${d.handler} when the page is ${d.handler === 'loader' ? 'shown' : 'submitted'})` : undefined;
    for (const method of d.methods) out.push({ file: d.file, span: d.span, kind: d.kind, method, path: p.text, handler: d.handler, confidence: notes.length ? 'partial' : 'exact', notes, ...(variants.length ? { variants } : {}), ...(usedBy ? { usedBy } : {}) });
  }
  return out;
}
