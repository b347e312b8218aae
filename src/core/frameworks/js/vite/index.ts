import { nextjsSyntax } from '../nextjs/path';
import { defineFramework, type LinkedRoute } from '../../types';
import { configDecl, configs, objectEntries, proxyRoute } from './proxy';

const CONFIG_FILE = /(?:^|\/)vite\.config\.(?:js|mjs|cjs|ts|mts)$/;

/**
 * Vite's dev server: each `server.proxy` entry of `vite.config.*` is a proxy route of the frontend
 * (`/api/[[...path]]`) whose calls continue to the entry's `target`, through a simple `rewrite`
 * (see `proxy.ts`). Only the proxy is read; Vite serves no API of its own.
 */
export default defineFramework({
  id: 'vite',
  title: 'Vite dev-server proxy',
  language: 'js',
  docs: 'https://vite.dev/config/server-options#server-proxy',
  supports: { prefixes: true },
  detection: { deps: ['vite'], defaultPort: 5173, noteWhenNoRoutes: false },
  pathSyntax: nextjsSyntax,
  routes: {
    languages: ['js'],
    accepts: (f, text) => CONFIG_FILE.test(f.inProject) && /\bproxy\b/.test(text),
    extract: (file) => [configDecl(file)],
    link(decls, ctx) {
      const out: LinkedRoute[] = [];
      for (const c of configs(decls, ctx)) {
        const server = ctx.evaluator.member(c.obj, 'server');
        const table = ctx.evaluator.member(server, 'proxy');
        for (const e of objectEntries(ctx, table)) {
          const r = proxyRoute(ctx, e, c.file, c.line, 'rewrite');
          if (r) out.push(r);
        }
      }
      return out;
    },
  },
});
