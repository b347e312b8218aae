import { isHttpMethod } from '../../../resolve/patterns';
import { defineFramework, type BackendDecl, type LinkedRoute, type RouteDecl } from '../../types';
import { nextjsSyntax } from './path';

/** `app/.../route.ts` (or `src/app`), relative to the Next.js project root. */
const ROUTE_FILE = /^(?:src\/)?app\/(?:(.*)\/)?route\.(?:ts|js|tsx|jsx|mjs)$/;

/** Next.js App Router route handlers: `app/**\/route.ts` exporting `GET`/`POST`/…, as functions,
 * `export const GET =`, or `export { handler as GET }`. Dynamic `[id]`, catch-all `[...slug]`,
 * optional `[[...slug]]`, route groups `(group)`, private `_folders`. */
export default defineFramework({
  id: 'nextjs',
  title: 'Next.js App Router',
  language: 'js',
  docs: 'https://nextjs.org/docs/app/building-your-application/routing/route-handlers',
  supports: { pathParams: true },
  detection: { deps: ['next'], defaultPort: 3000, noteWhenNoRoutes: false },
  pathSyntax: nextjsSyntax,
  routes: {
    languages: ['js'],
    accepts: (f) => ROUTE_FILE.test(f.inProject),
    extract(file) {
      const m = ROUTE_FILE.exec(file.ref.inProject);
      if (!m) return [];
      const path = routePathFromDir(m[1] ?? '');
      if (path === null) return [];
      const decls: BackendDecl[] = [];
      for (const [name, span] of Object.entries(file.js!.exportSpans)) {
        if (!isHttpMethod(name) || name === 'TRACE') continue;
        decls.push({ t: 'route', file: file.ref.path, fn: null, kind: 'http', methods: [name], owner: null, path: { k: 'str', v: path }, handler: name, span } satisfies RouteDecl);
      }
      return decls;
    },
    link(decls, ctx): LinkedRoute[] {
      return decls.flatMap((d) => {
        if (d.t !== 'route') return [];
        const p = ctx.pathText(d.path, d.file, d.fn);
        return d.methods.map((method) => ({ file: d.file, span: d.span, kind: d.kind, method, path: p.text, handler: d.handler, confidence: 'exact' as const, notes: [] }));
      });
    },
  },
});

/** The URL path of an `app/` folder path; null when a `_private` folder makes it unroutable. */
export function routePathFromDir(dir: string): string | null {
  const segments: string[] = [];
  for (const seg of dir.split('/')) {
    if (seg === '') continue;
    if (seg.startsWith('_')) return null;
    if (/^\(.*\)$/.test(seg)) continue; // route group (and interception markers)
    if (seg.startsWith('@')) continue; // parallel route slot
    segments.push(seg);
  }
  return '/' + segments.join('/');
}
