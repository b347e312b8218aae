import { defineFramework } from '../../types';
import { extractFlask } from './extract';
import { linkFlask } from './link';
import { flaskSyntax } from './path';
import { pythonRouteShapes } from '../shapes';
import { flaskStub } from './stub';

const MARKERS = /\b(?:Flask|Blueprint|register_blueprint|add_url_rule|add_resource|add_namespace|Namespace|Api|init_app)\b|@\s*[\w.]+\.(?:route|get|post|put|patch|delete)\s*\(|\.route\s*\(/;

/**
 * Flask: `@app.route`/`@bp.get` decorators, `add_url_rule` (MethodView and View classes through
 * `as_view`), blueprints with their `url_prefix` at construction or registration, nested blueprints,
 * and Flask-RESTful/RESTX resources (`add_resource`, `Api(app, prefix=)`, namespaces).
 */
export default defineFramework({
  id: 'flask',
  stub: flaskStub,
  title: 'Flask',
  language: 'python',
  docs: 'https://flask.palletsprojects.com/en/stable/quickstart/#routing',
  supports: { pathParams: true, prefixes: true, mounts: true, crossModule: true },
  detection: { deps: ['flask', 'flask-restful', 'flask-restx', 'flask-restplus', 'flask-smorest', 'apiflask'], defaultPort: 5000 },
  pathSyntax: flaskSyntax,
  schemas: pythonRouteShapes,
  routes: {
    languages: ['python'],
    accepts: (f, text) => f.ext === '.py' && MARKERS.test(text),
    extract: (file) => extractFlask(file.py!, file.ref.path),
    link: linkFlask,
    helperCallers: true,
  },
});
