import { handlerName, literalMethods, memberCallOf, METHOD_BY_NAME } from '../../../resolve/patterns';
import type { Sym } from '../../../resolve/sym';
import { importedFrom, stringsIn } from '../../../lang/js/requires';
import { defineFramework, type BackendDecl, type MountDecl, type RouteDecl } from '../../types';
import type { MethodOrAny } from '../../../types';
import { expressSyntax } from '../express/path';
import { AUTOLOAD, linkFastify } from './link';
import { fastifyStub } from './stub';

const MARKERS = /\bfastify\b/i;

/**
 * Fastify: `app.get(path, [opts,] h)` and friends, `app.route({ method, url })`, plugins registered with
 * `app.register(plugin, { prefix })` across modules (the plugin's first parameter is the instance its
 * routes are on), and @fastify/autoload folders (`register(autoload, { dir })`: each folder below is a
 * prefix). fastify-plugin (`fp(plugin)`) shares its parent's prefix.
 */
export default defineFramework({
  id: 'fastify',
  stub: fastifyStub,
  title: 'Fastify',
  language: 'js',
  docs: 'https://fastify.dev/docs/latest/Reference/Routes/',
  supports: { pathParams: true, mounts: true, crossModule: true },
  detection: { deps: ['fastify'], defaultPort: 3000 },
  pathSyntax: expressSyntax,
  routes: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract(file) {
      const m = file.js!.module;
      const decls: BackendDecl[] = [];
      for (const call of file.js!.calls) {
        const c = memberCallOf(call);
        if (!c) continue;
        const at = { file: file.ref.path, fn: call.fn, span: call.anchor };
        const method: MethodOrAny | undefined = c.name === 'all' ? '*' : METHOD_BY_NAME[c.name];
        const first = c.args[0];
        if (method && method !== 'TRACE' && c.args.length >= 2 && first && isPath(first)) {
          decls.push({ t: 'route', ...at, kind: 'http', methods: [method], owner: c.owner, path: first, handler: handlerName(c.args[c.args.length - 1]) } satisfies RouteDecl);
        } else if (c.name === 'route' && first?.k === 'obj') {
          const url = first.props['url'] ?? first.props['path'];
          const methods = literalMethods(upper(first.props['method']));
          if (url && methods?.length) decls.push({ t: 'route', ...at, kind: 'http', methods, owner: c.owner, path: url, handler: handlerName(first.props['handler']) } satisfies RouteDecl);
        } else if (c.name === 'register' && first) {
          const opts = c.args[1]?.k === 'obj' ? c.args[1] : null;
          const prefix = opts?.props['prefix'] ?? null;
          const autoload = first.k === 'ref' && /^@fastify\/autoload$|^fastify-autoload$/.test(importedFrom(m, first.name) ?? '');
          if (autoload) {
            const dir = opts?.props['dir'];
            const parts = dir ? stringsIn(dir) : [];
            const inner = opts?.props['options'];
            // The folder, relative to this file's: a string child the link step reads.
            if (parts.length) decls.push({ t: 'mount', ...at, parent: c.owner, child: { k: 'str', v: `${AUTOLOAD}${parts.join('/')}` }, prefix: inner?.k === 'obj' ? (inner.props['prefix'] ?? null) : null } satisfies MountDecl);
          } else decls.push({ t: 'mount', ...at, parent: c.owner, child: first, prefix } satisfies MountDecl);
        } else if (c.name === 'listen' && first) {
          const port = first.k === 'obj' ? first.props['port'] : first;
          if (port) decls.push({ t: 'port', file: file.ref.path, fn: call.fn, port });
        }
      }
      return decls;
    },
    link: linkFastify,
  },
});

function isPath(s: Sym): boolean {
  if (s.k === 'str') return s.v.startsWith('/') || s.v === '*' || s.v === '';
  return s.k === 'concat' || s.k === 'ref' || s.k === 'member';
}

function upper(s: Sym | undefined): Sym | undefined {
  if (s?.k === 'str') return { k: 'str', v: s.v.toUpperCase() };
  if (s?.k === 'arr') return { k: 'arr', items: s.items.map((i) => upper(i)!) };
  return s;
}
