import { defineFramework } from '../../types';
import { linkBuilders } from '../../../link/builders';
import { axumSyntax } from './path';
import { axumDecls } from './routes';
import { axumStub } from './stub';

/** A file that may register axum routes, document a handler for utoipa-axum's `routes!`, or upgrade to a WebSocket. */
const MARKERS = /\b(?:Router|OpenApiRouter|ApiRouter|WebSocketUpgrade)\b|\broutes!\s*\(|utoipa::path/;

/** axum: `Router::new().route(…)` chains, `.nest`/`.merge` across modules, routers returned by
 * functions, `route_service`, and utoipa-axum `OpenApiRouter::routes(routes!(…))`. */
export default defineFramework({
  id: 'axum',
  stub: axumStub,
  title: 'axum',
  language: 'rust',
  docs: 'https://docs.rs/axum/latest/axum/routing/struct.Router.html',
  supports: { pathParams: true, prefixes: true, mounts: true, crossModule: true },
  detection: { deps: ['axum'], defaultPort: 3000 },
  pathSyntax: axumSyntax,
  routes: {
    languages: ['rust'],
    accepts: (f, text) => f.ext === '.rs' && MARKERS.test(text),
    extract: (file) => axumDecls(file.ref.path, file.rs!),
    // A router nothing nests or merges is served as it is (`axum::serve(listener, app)`).
    link: (decls, ctx) => linkBuilders(decls, ctx, { noun: 'router', rootNoun: 'served router', orphansAreRoots: true }),
  },
});
