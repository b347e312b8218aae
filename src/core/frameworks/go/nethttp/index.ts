import { extName } from '../../../resolve/evaluate';
import { hasManifest } from '../../../project/projects';
import type { GoRegistration, GoRouterSpec } from '../../../lang/go/routing';
import { goPattern } from '../../../lang/go/patterns';
import { goRoutes } from '../routes';
import { defineFramework } from '../../types';
import { netHttpSyntax } from './path';

const HTTP = 'net/http';
/** go-pkgz/routegroup: groups (`Mount("/api")`, `Group()`, `Route(func…)`) over a `ServeMux`, same patterns. */
const ROUTEGROUP = 'github.com/go-pkgz/routegroup';
const MARKERS = /"github\.com\/go-pkgz\/routegroup"|"net\/http"[\s\S]*(?:\bHandle(?:Func)?\s*\(|\bServeMux\b)/;

const spec: GoRouterSpec = {
  packages: [HTTP, ROUTEGROUP],
  types: ['ServeMux', 'Bundle'],
  constructors: ['NewServeMux', 'New'],
  derive: { Mount: 0, Group: null, With: null },
  packageIsRouter: true,
  // `Handle` is a common name: only values known to be muxes count.
  strict: true,
  serve: { ListenAndServe: 0, ListenAndServeTLS: 0 },
  register(name, args): GoRegistration | null {
    if ((name === 'Handle' || name === 'HandleFunc') && args[0] && args[1]) return { t: 'handle', methods: ['*'], path: args[0], handler: args[1] };
    if (name === 'Route' && args.length === 1) return { t: 'callback', prefix: null, fn: args[0]! };
    return null;
  },
};

/**
 * net/http: `http.HandleFunc`/`Handle` (the default mux), `mux.Handle`/`HandleFunc` on a `ServeMux`,
 * Go 1.22 patterns (`"GET /items/{id}"`, `{path...}`, `/{$}`), subtree patterns (`/static/`, catch-alls),
 * muxes mounted under `http.StripPrefix`, and go-pkgz/routegroup bundles over a mux. The standard
 * library is no dependency: any Go module counts.
 */
export default defineFramework({
  id: 'nethttp',
  title: 'net/http',
  language: 'go',
  docs: 'https://pkg.go.dev/net/http#hdr-Patterns-ServeMux',
  supports: { pathParams: true, prefixes: true, mounts: true, crossModule: true },
  detection: { deps: [], defaultPort: 8080, noteWhenNoRoutes: false },
  detect: (p) => hasManifest(p, 'go'),
  pathSyntax: netHttpSyntax,
  routes: goRoutes(MARKERS, spec, {
    noun: 'ServeMux',
    isConstructor: (v) => v.t === 'ext' && ((v.path.startsWith(`${HTTP}.`) && extName(v) === 'NewServeMux') || v.path === `${ROUTEGROUP}.New`),
    isRoot: (v) => v.t === 'ext' && v.path === HTTP,
    mountable: true,
    pattern: goPattern,
  }),
});
