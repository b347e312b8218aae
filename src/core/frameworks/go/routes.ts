/**
 * The routes contribution every Go router framework shares: files that pass the framework's marker
 * check are read with its registration spec (lang/go/routing.ts) and linked through the router graph
 * (link/goRouters.ts) with its own router API. Each framework folder keeps its own decisions: markers,
 * which calls register routes, constructors, path joining.
 */
import type { GoRouterSpec } from '../../lang/go/routing';
import { extractGoRoutes } from '../../lang/go/routing';
import { linkGoRoutes, type GoRouterApi } from '../../link/goRouters';
import type { RoutesContribution } from '../types';

export function goRoutes(markers: RegExp, spec: GoRouterSpec, api: Omit<GoRouterApi, 'derive'>): RoutesContribution {
  return {
    languages: ['go'],
    accepts: (f, text) => f.ext === '.go' && markers.test(text),
    extract: (file) => extractGoRoutes(file, spec),
    link: (decls, ctx) => linkGoRoutes(decls, ctx, { ...api, derive: spec.derive }),
  };
}
