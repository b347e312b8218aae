import { extName } from '../../../resolve/evaluate';
import { METHOD_BY_NAME } from '../../../resolve/patterns';
import type { GoRegistration, GoRouterSpec } from '../../../lang/go/routing';
import { goRoutes } from '../routes';
import { defineFramework } from '../../types';
import { chiSyntax } from './path';
import { goMethods, goPattern } from '../../../lang/go/patterns';
import { chiStub } from './stub';

const PKGS = ['github.com/go-chi/chi/v5', 'github.com/go-chi/chi'];
const MARKERS = /"github\.com\/go-chi\/chi(?:\/v5)?"|\bchi\.(?:Router|Mux)\b/;

const spec: GoRouterSpec = {
  packages: PKGS,
  types: ['Router', 'Mux'],
  constructors: ['NewRouter', 'NewMux'],
  derive: { With: null },
  // `Get`, `Handle` and `Route` are common names: only values known to be chi routers count.
  strict: true,
  register(name, args): GoRegistration | null {
    const last = args[args.length - 1];
    const method = /^[A-Z][a-z]+$/.test(name) ? METHOD_BY_NAME[name.toLowerCase()] : undefined;
    if (method && args[0] && args.length >= 2) return { t: 'route', methods: [method], path: args[0], handler: last };
    if ((name === 'Handle' || name === 'HandleFunc') && args[0] && args.length >= 2) return { t: 'route', methods: ['*'], path: args[0], handler: last };
    if ((name === 'Method' || name === 'MethodFunc') && args[1]) return { t: 'route', methods: goMethods(args[0]) ?? ['*'], path: args[1], handler: last };
    if (name === 'Route' && args[0] && args[1]) return { t: 'callback', prefix: args[0], fn: args[1] };
    if (name === 'Group' && args.length === 1) return { t: 'callback', prefix: null, fn: args[0]! };
    // A router is mounted under the prefix; any other handler serves the whole subtree (`/x/*`).
    if (name === 'Mount' && args[0] && args[1]) return { t: 'handle', methods: ['*'], path: { k: 'concat', parts: [args[0], { k: 'str', v: '/*' }] }, handler: args[1], mountAt: args[0] };
    // NotFound answers every path no route takes: a catch-all, never unused.
    if (name === 'NotFound' && args[0]) return { t: 'route', methods: ['*'], path: { k: 'str', v: '/*' }, handler: args[0] };
    return null;
  },
};

/** chi: `r.Get`/`Post`/…/`Handle`/`Method`, `r.Route("/x", func(r chi.Router) {…})`, `r.Group(func…)`,
 * `r.With(mw).Get`, `r.Mount("/x", sub)` (routers built by constructor functions too), `NotFound`. */
export default defineFramework({
  id: 'chi',
  stub: chiStub,
  title: 'chi',
  language: 'go',
  docs: 'https://go-chi.io/#/pages/routing',
  supports: { pathParams: true, prefixes: true, mounts: true, crossModule: true },
  detection: { deps: PKGS, defaultPort: 3000 },
  pathSyntax: chiSyntax,
  routes: goRoutes(MARKERS, spec, {
    noun: 'chi router',
    isConstructor: (v) => v.t === 'ext' && PKGS.some((p) => v.path === `${p}.${extName(v)}`) && spec.constructors.includes(extName(v) ?? ''),
    mountable: true,
    // chi 5.1 reads a method in `Handle("GET /x", h)` patterns, as net/http does.
    pattern: (text) => goPattern(text, false),
  }),
});
