import { nextjsSyntax } from '../nextjs/path';
import type { Value } from '../../../resolve/evaluate';
import { defineFramework, type LinkContext, type LinkedRoute } from '../../types';
import { configDecl, configs, objectEntries, proxyRoute, type ProxyEntry } from '../vite/proxy';

const CONFIG_FILE = /(?:^|\/)(?:webpack(?:\.[\w-]+)?\.config|vue\.config)\.(?:js|mjs|cjs|ts)$/;

/**
 * webpack-dev-server (also Vue CLI's `vue.config.js`): each `devServer.proxy` entry — an object keyed by
 * path, or an array of `{ context: [paths], target, pathRewrite }` — is a proxy route of the frontend
 * whose calls continue to its `target` (see `vite/proxy.ts`).
 */
export default defineFramework({
  id: 'webpack',
  title: 'webpack dev-server proxy',
  language: 'js',
  docs: 'https://webpack.js.org/configuration/dev-server/#devserverproxy',
  supports: { prefixes: true },
  detection: { deps: ['webpack-dev-server', '@vue/cli-service'], defaultPort: 8080, noteWhenNoRoutes: false },
  pathSyntax: nextjsSyntax,
  routes: {
    languages: ['js'],
    accepts: (f, text) => CONFIG_FILE.test(f.inProject) && /\bproxy\b/.test(text),
    extract: (file) => [configDecl(file)],
    link(decls, ctx) {
      const out: LinkedRoute[] = [];
      for (const c of configs(decls, ctx)) {
        const table = ctx.evaluator.member(ctx.evaluator.member(c.obj, 'devServer'), 'proxy');
        for (const e of entries(ctx, table)) {
          const r = proxyRoute(ctx, e, c.file, c.line, 'pathRewrite');
          if (r) out.push(r);
        }
      }
      return out;
    },
  },
});

/** The object form, or the array form with `context` (one path or several) on each item. */
function entries(ctx: LinkContext, table: Value): ProxyEntry[] {
  if (table.t !== 'arr') return objectEntries(ctx, table);
  const out: ProxyEntry[] = [];
  for (const item of table.items) {
    const options = ctx.evaluator.evaluate(item, table.ctx);
    if (options.t !== 'obj') continue;
    const context = ctx.evaluator.member(options, 'context');
    const paths = context.t === 'arr' ? context.items.map((s) => ctx.evaluator.evaluate(s, context.ctx)) : [context];
    for (const p of paths) if (p.t === 'str' && p.parts.length === 1 && 'lit' in p.parts[0]!) out.push({ context: p.parts[0].lit, options });
  }
  return out;
}
