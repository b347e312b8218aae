import { METHOD_BY_NAME } from '../../../resolve/patterns';
import { goMethods } from '../../../lang/go/patterns';
import type { Sym } from '../../../resolve/sym';
import type { GoRegistration, GoRouterSpec } from '../../../lang/go/routing';
import { goRoutes } from '../routes';
import { defineFramework } from '../../types';
import { echoJoin, echoSyntax } from './path';
import { echoStub } from './stub';

const PKG = 'github.com/labstack/echo/v4';
const MARKERS = /"github\.com\/labstack\/echo\/v4"|\*echo\.(?:Echo|Group)\b/;

const str = (v: string): Sym => ({ k: 'str', v });

const spec: GoRouterSpec = {
  packages: [PKG],
  types: ['Echo', 'Group'],
  constructors: ['New'],
  derive: { Group: 0 },
  strict: false,
  // Upper-case method names are distinctive; these names need a value known to be a router.
  strictNames: new Set(['Any', 'Match', 'Add', 'Static', 'StaticFS', 'File', 'FileFS']),
  serve: { Start: 0, StartTLS: 0 },
  register(name, args): GoRegistration | null {
    const method = name === name.toUpperCase() ? METHOD_BY_NAME[name.toLowerCase()] : undefined;
    if (method && args[0] && args[1]) return { t: 'route', methods: [method], path: args[0], handler: args[1] };
    if (name === 'Any' && args[0] && args[1]) return { t: 'route', methods: ['*'], path: args[0], handler: args[1] };
    if ((name === 'Match' || name === 'Add') && args[1] && args[2]) return { t: 'route', methods: goMethods(args[0]) ?? ['*'], path: args[1], handler: args[2] };
    if ((name === 'Static' || name === 'StaticFS') && args[0]) return { t: 'route', methods: ['GET'], path: { k: 'concat', parts: [args[0], str('/*')] } };
    if ((name === 'File' || name === 'FileFS') && args[0]) return { t: 'route', methods: ['GET'], path: args[0] };
    return null;
  },
};

/** Echo: `e.GET`/`Any`/`Match`/`Add`/`Static`/`File` on the instance and on `Group("/x")`s (nested, and
 * passed to helper functions). */
export default defineFramework({
  id: 'echo',
  stub: echoStub,
  title: 'Echo',
  language: 'go',
  docs: 'https://echo.labstack.com/docs/routing',
  supports: { pathParams: true, prefixes: true, crossModule: true },
  detection: { deps: [PKG], defaultPort: 1323 },
  pathSyntax: echoSyntax,
  routes: goRoutes(MARKERS, spec, {
    noun: 'echo router',
    isConstructor: (v) => v.t === 'ext' && v.path === `${PKG}.New`,
    mountable: false,
    join: echoJoin,
  }),
});
