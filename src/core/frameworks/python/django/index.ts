import type { Sym } from '../../../resolve/sym';
import type { Span } from '../../../types';
import type { PyFileFacts } from '../../../lang/python/facts';
import { DEFAULT_TEST_FILES, testFilesRole } from '../../../project/roles';
import { defineFramework, type BackendDecl, type ConfDecl } from '../../types';
import { djangoSyntax } from './path';
import { drfShapes } from './shapes';
import { djangoStub } from './stub';
import { linkAll } from './roots';
import { calleeName, DjangoLink } from './walk';

const MARKERS = /\b(?:urlpatterns|websocket_urlpatterns|ROOT_URLCONF|DJANGO_SETTINGS_MODULE|ProtocolTypeRouter|re_path|api_view|require_http_methods|require_GET|require_POST|require_safe)\b|@action\b|\.mapping\.\w+|\b(?:path|url)\s*\(/;
const PATTERN_FNS = new Set(['path', 're_path', 'url']);
const VIEW_DECORATORS = new Set(['api_view', 'require_http_methods', 'require_GET', 'require_POST', 'require_safe']);
const TOP: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** The facts that make a file a root: its settings (`ROOT_URLCONF`, `DJANGO_SETTINGS_MODULE`), URLconf and ASGI application. */
function rootDecls(file: string, py: PyFileFacts, decls: BackendDecl[]): void {
  const at = { t: 'conf' as const, file, fn: null, span: TOP };
  const b = py.module.bindings;
  if (b['ROOT_URLCONF']) decls.push({ ...at, name: 'root-urlconf', value: b['ROOT_URLCONF'] });
  if (b['urlpatterns']) decls.push({ ...at, name: 'urlconf', value: { k: 'ref', name: 'urlpatterns' } });
  if (b['websocket_urlpatterns']) decls.push({ ...at, name: 'ws-urlconf', value: { k: 'ref', name: 'websocket_urlpatterns' } });
  for (const c of py.calls) {
    const name = calleeName(c.callee);
    const value: Sym = { k: 'call', callee: c.callee, args: c.args, kw: c.kw };
    if (name === 'ProtocolTypeRouter') decls.push({ ...at, fn: c.fn, name: 'asgi', value, span: c.anchor });
    else if (name === 'setdefault' && c.args[0]?.k === 'str' && c.args[0].v === 'DJANGO_SETTINGS_MODULE' && c.args[1]) {
      decls.push({ ...at, fn: c.fn, name: 'settings-module', value: c.args[1], span: c.anchor });
    }
  }
}

/**
 * Django, Django REST Framework and Channels: URLconfs from `ROOT_URLCONF` down through `include()`,
 * class-based and function views with their methods, DRF routers and ViewSets (`@action`, explicit
 * `as_view({...})` maps), SimpleJWT token views, the admin site (one framework-provided catch-all) and
 * Channels' WebSocket routes. Files declare what they define; `link` walks the URLconfs from the roots.
 */
export default defineFramework({
  id: 'django',
  title: 'Django',
  language: 'python',
  docs: 'https://docs.djangoproject.com/en/stable/topics/http/urls/',
  supports: { pathParams: true, prefixes: true, websocket: true, crossModule: true },
  detection: { deps: ['django', 'djangorestframework'], defaultPort: 8000 },
  pathSyntax: djangoSyntax,
  schemas: drfShapes,
  stub: djangoStub,
  routes: {
    languages: ['python'],
    // `router.register("tags", TagViewSet)` may sit in a module that never names the router's class;
    // `admin.site.register(Model)` (no prefix string) is not a router registration.
    accepts: (f, text) => f.ext === '.py' && (MARKERS.test(text) || /\.register\s*\(\s*r?["'][^"'\n]*["']\s*,/.test(text)),
    extract(file) {
      const py = file.py!;
      const decls: BackendDecl[] = [];
      const at = { t: 'conf' as const, file: file.ref.path };
      // A test project's settings and URLconfs (`tests/urls.py`) are not where the app is served from.
      if (testFilesRole(DEFAULT_TEST_FILES, file.ref.path) !== 'test') rootDecls(file.ref.path, py, decls);
      for (const c of py.calls) {
        const name = calleeName(c.callee);
        const value: Sym = c.kwSpreads.length ? { k: 'call', callee: c.callee, args: c.args, kw: c.kw, kwSpreads: c.kwSpreads } : { k: 'call', callee: c.callee, args: c.args, kw: c.kw };
        const here = { ...at, fn: c.fn, value, span: c.anchor };
        if (name && PATTERN_FNS.has(name) && c.args.length + Object.keys(c.kw).length >= 2) decls.push({ ...here, name: 'pattern' });
        else if (name === 'register' && c.callee.k === 'member') decls.push({ ...here, name: 'register' });
        else if ((name === 'append' || name === 'extend') && c.fn === null && c.callee.k === 'member' && c.callee.obj.k === 'ref' && c.callee.obj.name === 'urlpatterns' && c.args[0]) {
          // `urlpatterns.append(path(...))`, `urlpatterns.extend([...])`: more patterns of this URLconf.
          decls.push({ ...here, name: 'urlconf-more', value: name === 'append' ? { k: 'arr', items: [c.args[0]] } : c.args[0] });
        } else if ((name === 'format_suffix_patterns' || name === 'i18n_patterns') && c.fn === null && c.args[0]?.k === 'ref' && c.args[0].name === 'urlpatterns') {
          // `urlpatterns = format_suffix_patterns(urlpatterns)`: the binding keeps the list, this wraps it.
          decls.push({ ...here, name: 'urlconf-wrap' });
        }
      }
      for (const d of py.decorated) {
        if (d.kind !== 'function' || !d.fnId) continue;
        for (const dec of d.decorators) {
          const name = calleeName(dec.expr.k === 'call' ? dec.expr.callee : dec.expr);
          const isMapping = dec.expr.k === 'member' && dec.expr.obj.k === 'member' && dec.expr.obj.prop === 'mapping';
          const kind = name && VIEW_DECORATORS.has(name) ? 'view-methods' : name === 'action' || isMapping ? 'action' : null;
          if (kind) decls.push({ ...at, fn: null, name: kind, key: d.fnId, value: dec.expr, span: dec.span } satisfies ConfDecl);
        }
      }
      return decls;
    },
    link(decls, ctx) {
      const conf = decls.filter((d): d is ConfDecl => d.t === 'conf');
      const link = new DjangoLink(ctx, conf);
      linkAll(link, conf);
      return link.out;
    },
  },
});
