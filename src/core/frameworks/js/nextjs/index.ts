import { isHttpMethod } from '../../../resolve/patterns';
import type { Sym } from '../../../resolve/sym';
import { joinUrl } from '../../../link/mounts';
import { defineFramework, type BackendDecl, type FileRef, type LinkContext, type LinkedRoute, type ParsedFile, type RouteDecl } from '../../types';
import { settingDecl, settingsOf } from '../settings';
import { nextjsSyntax } from './path';
import { actionDecls, actionReferences, resolveAction, USE_SERVER } from './actions';
import { CONFIG_FILE, readConfig, type NextConfig } from './config';
import { delegatedMethods, delegateOf, METHOD_CHECKS, methodChecksDecl, PAGES_API, pagesApiMethods, pagesApiPath } from './pages';
import type { MethodOrAny } from '../../../types';
import { rewriteRoutes } from './rewrites';
import { nextjsStub } from './stub';

/** `app/.../route.ts` (or `src/app`), relative to the Next.js project root. */
const ROUTE_FILE = /^(?:src\/)?app\/(?:(.*)\/)?route\.(?:ts|js|tsx|jsx|mjs)$/;
/** Files that may reference a server action: components, and modules importing something named for actions. */
const ACTION_USER = /from\s*['"][^'"\n]*action[^'"\n]*['"]|\bimport\s*\{[^}]*action/i;

/**
 * Next.js: App Router route handlers (`app/**\/route.ts` exporting `GET`/`POST`/…), Pages Router API
 * routes (`pages/api/**`), server actions (`'use server'`, see `actions.ts`), the `basePath` and the
 * `rewrites()` of `next.config.*`. Dynamic `[id]`, catch-all `[...slug]`, optional `[[...slug]]`, route
 * groups `(group)`, private `_folders`. `middleware.ts` matchers are not routes.
 */
export default defineFramework({
  id: 'nextjs',
  stub: nextjsStub,
  title: 'Next.js',
  language: 'js',
  docs: 'https://nextjs.org/docs/app/building-your-application/routing/route-handlers',
  supports: { pathParams: true, prefixes: true },
  detection: { deps: ['next'], defaultPort: 3000, noteWhenNoRoutes: false },
  pathSyntax: nextjsSyntax,
  routes: {
    languages: ['js'],
    accepts: (f, text) => ROUTE_FILE.test(f.inProject) || PAGES_API.test(f.inProject) || CONFIG_FILE.test(f.inProject) || (f.language === 'js' && (USE_SERVER.test(text) || METHOD_CHECKS.test(text))),
    extract(file) {
      const rel = file.ref.inProject;
      const root: Sym = { k: 'str', v: projectRoot(file.ref) };
      const decls: BackendDecl[] = [];
      const app = ROUTE_FILE.exec(rel);
      const pages = PAGES_API.exec(rel);
      if (app) decls.push(...appRoutes(file, app[1] ?? '', root));
      else if (pages) decls.push(...pagesRoutes(file, pages[1]!, root));
      else if (CONFIG_FILE.test(rel)) decls.push(configDecl(file, root));
      else if (METHOD_CHECKS.test(file.text)) {
        const checks = methodChecksDecl(file);
        if (checks) decls.push(checks);
      }
      if (USE_SERVER.test(file.text)) decls.push(...actionDecls(file));
      return decls;
    },
    link: linkNext,
  },
  requests: {
    languages: ['js'],
    accepts: (f, text) => f.language === 'js' && (USE_SERVER.test(text) || ACTION_USER.test(text)),
    extract: (file) => actionReferences(file),
    resolve: resolveAction,
  },
});

function projectRoot(ref: FileRef): string {
  const r = ref.path.slice(0, ref.path.length - ref.inProject.length).replace(/\/$/, '');
  return r === '' ? '.' : r;
}

function appRoutes(file: ParsedFile, dir: string, root: Sym): RouteDecl[] {
  const path = routePathFromDir(dir);
  if (path === null) return [];
  const decls: RouteDecl[] = [];
  for (const [name, span] of Object.entries(file.js!.exportSpans)) {
    if (!isHttpMethod(name) || name === 'TRACE') continue;
    decls.push({ t: 'route', file: file.ref.path, fn: null, kind: 'http', methods: [name], owner: null, path: { k: 'str', v: path }, handler: name, span, meta: { root } });
  }
  return decls;
}

function pagesRoutes(file: ParsedFile, rel: string, root: Sym): RouteDecl[] {
  const path = pagesApiPath(rel);
  const js = file.js!;
  // `export { default } from '…'`, `return handleRoute(req, res)`: the handler's method checks may be in
  // the module it delegates to, read at link time.
  const reexported = js.module.reexports.some((r) => r.names !== null && 'default' in r.names);
  const span = js.exportSpans['default'] ?? (reexported ? { line: 1, column: 1, endLine: 1, endColumn: 1 } : undefined);
  if (path === null || !span) return [];
  const methods = reexported ? ['*' as const] : pagesApiMethods(file);
  const delegate = methods.includes('*') ? delegateOf(file) : null;
  return [{ t: 'route', file: file.ref.path, fn: null, kind: 'http', methods, owner: null, path: { k: 'str', v: path }, handler: 'default', span, meta: delegate ? { root, delegate } : { root } }];
}

/** `next.config.*`: its default export, with the project root and whether it mentions a basePath. */
function configDecl(file: ParsedFile, root: Sym): BackendDecl {
  const local = file.js!.module.exports?.['default'];
  const span = file.js!.exportSpans['default'] ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return settingDecl({ file: file.ref.path, fn: null, name: 'config', owner: local ? { k: 'ref', name: local } : null, args: [root, { k: 'str', v: /\bbasePath\b/.test(file.text) ? 'basePath' : '' }], span });
}

function linkNext(decls: readonly BackendDecl[], ctx: LinkContext): LinkedRoute[] {
  const configs = new Map<string, NextConfig>();
  const settings = settingsOf(decls);
  for (const d of settings) if (d.name === 'config') {
    const c = readConfig(d, ctx);
    configs.set(c.root, c);
  }
  const checks = new Map<string, MethodOrAny[]>();
  for (const d of settings) if (d.name === 'method-checks') checks.set(d.file, d.args.flatMap((a) => (a.k === 'str' ? [a.v as MethodOrAny] : [])));
  const out: LinkedRoute[] = [];
  for (const d of decls) {
    if (d.t !== 'route') continue;
    const delegate = d.meta?.['delegate'];
    const methods = (delegate && delegatedMethods(ctx, d.file, delegate, checks)) || d.methods;
    const p = ctx.pathText(d.path, d.file, d.fn);
    const root = d.meta?.['root']?.k === 'str' ? d.meta['root'].v : null;
    const cfg = root !== null ? configs.get(root) : undefined;
    const notes = d.kind === 'action' ? [] : [...(cfg?.notes ?? [])];
    const path = d.kind === 'action' || !cfg ? p.text : joinUrl(cfg.basePath, p.text);
    for (const method of methods) out.push({ file: d.file, span: d.span, kind: d.kind, method, path, handler: d.handler, confidence: notes.length ? 'partial' : 'exact', notes });
  }
  for (const cfg of configs.values()) out.push(...rewriteRoutes(cfg, ctx));
  return out;
}

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
