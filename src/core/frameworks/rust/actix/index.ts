import { defineFramework } from '../../types';
import { linkBuilders } from '../../../link/builders';
import { actixSyntax } from './path';
import { actixDecls } from './routes';
import { actixStub } from './stub';

/** A file that may register actix-web routes: builders, `configure` functions, route macros, utoipa paths. */
const MARKERS = /\b(?:App::new|web::(?:scope|resource|get|post|put|patch|delete|route)|ServiceConfig|Scope::new|Resource::new)\b|#\[\s*(?:actix_web::)?(?:get|post|put|patch|delete|head|options|trace|connect|route)\s*\(|utoipa::path|\bws::start|\bactix_ws::handle/;

/** actix-web: `App`/`web::scope`/`web::resource` builder trees, `.configure(module::configure)` across
 * modules, route macros registered with `.service(h)`, and utoipa paths compared with the registration. */
export default defineFramework({
  id: 'actix',
  stub: actixStub,
  title: 'actix-web',
  language: 'rust',
  docs: 'https://actix.rs/docs/url-dispatch/',
  supports: { pathParams: true, prefixes: true, mounts: true, crossModule: true },
  detection: { deps: ['actix-web'], defaultPort: 8080 },
  pathSyntax: actixSyntax,
  routes: {
    languages: ['rust'],
    accepts: (f, text) => f.ext === '.rs' && MARKERS.test(text),
    extract: (file, ctx) => actixDecls(file.ref.path, file.rs!, (m) => ctx.note(m)),
    link: (decls, ctx) => linkBuilders(decls, ctx, { noun: 'scope', rootNoun: 'App', orphansAreRoots: false }),
  },
});
