import { extName } from '../../../resolve/evaluate';
import { isHttpMethod, METHOD_BY_NAME } from '../../../resolve/patterns';
import type { MethodOrAny } from '../../../types';
import { goMethods } from '../../../lang/go/patterns';
import type { Sym } from '../../../resolve/sym';
import type { GoRegistration, GoRouterSpec } from '../../../lang/go/routing';
import { goRoutes } from '../routes';
import { defineFramework } from '../../types';
import { ginJoin, ginSyntax } from './path';
import { ginStub } from './stub';

const PKG = 'github.com/gin-gonic/gin';
const MARKERS = /"github\.com\/gin-gonic\/gin"|\*gin\.(?:RouterGroup|Engine)\b|gin\.I(?:Routes|Router)\b/;

const str = (v: string): Sym => ({ k: 'str', v });

/** Separates a method written as a constant from the path in a `Handle` registration (never in source text). */
const METHOD_MARK = '\u0001';

/** `Handle(MethodGet, "/x", h)`: the method's value, once evaluated; `*` for one that is not an HTTP method we model. */
function methodInPath(text: string): { methods: MethodOrAny[] | null; path: string } {
  const i = text.indexOf(METHOD_MARK);
  if (i < 0) return { methods: null, path: text };
  const m = text.slice(0, i).toUpperCase();
  return { methods: isHttpMethod(m) ? [m] : ['*'], path: text.slice(i + 1) };
}

const spec: GoRouterSpec = {
  packages: [PKG],
  types: ['Engine', 'RouterGroup', 'IRoutes', 'IRouter'],
  constructors: ['New', 'Default'],
  derive: { Group: 0, Use: null },
  strict: false,
  // Upper-case method names are distinctive; these names need a value known to be a router.
  strictNames: new Set(['Any', 'Handle', 'Match', 'NoRoute', 'Static', 'StaticFS', 'StaticFile', 'StaticFileFS']),
  serve: { Run: 0, RunTLS: 0 },
  register(name, args): GoRegistration | null {
    const last = args[args.length - 1];
    const method = name === name.toUpperCase() ? METHOD_BY_NAME[name.toLowerCase()] : undefined;
    if (method && method !== 'TRACE' && args[0]) return { t: 'route', methods: [method], path: args[0], handler: last };
    if (name === 'Any' && args[0]) return { t: 'route', methods: ['*'], path: args[0], handler: last };
    // `Handle(method, path, h)`: a literal first argument must be a method; a constant is read at link time.
    if (name === 'Handle' && args[1]) {
      const methods = goMethods(args[0]);
      if (methods) return { t: 'route', methods, path: args[1], handler: last };
      if (args[0]?.k !== 'str') return { t: 'route', methods: ['*'], path: { k: 'concat', parts: [args[0]!, str(METHOD_MARK), args[1]] }, handler: last };
    }
    if (name === 'Match' && args[1]) return { t: 'route', methods: goMethods(args[0]) ?? ['*'], path: args[1], handler: last };
    // NoRoute answers every path no route takes: a catch-all, never unused.
    if (name === 'NoRoute') return { t: 'route', methods: ['*'], path: str('/*path'), handler: last };
    if ((name === 'Static' || name === 'StaticFS') && args[0]) return { t: 'route', methods: ['GET'], path: { k: 'concat', parts: [args[0], str('/*filepath')] } };
    if ((name === 'StaticFile' || name === 'StaticFileFS') && args[0]) return { t: 'route', methods: ['GET'], path: args[0] };
    return null;
  },
};

/** Gin: `r.GET`/`Any`/`Handle`/`Match`/`NoRoute`/`Static*` on engines and groups, nested `Group("/api")`
 * (chained `.Use(…)` too), and helper functions that receive a router, across packages of the module. */
export default defineFramework({
  id: 'gin',
  stub: ginStub,
  title: 'Gin',
  language: 'go',
  docs: 'https://gin-gonic.com/docs/examples/param-in-path/',
  supports: { pathParams: true, prefixes: true, crossModule: true },
  detection: { deps: [PKG], defaultPort: 8080 },
  pathSyntax: ginSyntax,
  routes: goRoutes(MARKERS, spec, {
    noun: 'gin router',
    isConstructor: (v) => v.t === 'ext' && v.path.startsWith(`${PKG}.`) && spec.constructors.includes(extName(v) ?? ''),
    mountable: false,
    join: ginJoin,
    pattern: methodInPath,
  }),
});
