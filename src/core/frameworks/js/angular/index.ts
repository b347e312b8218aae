import { calleeRoot, isAbsent } from '../../../lang/js/clients';
import { stripGlobal, type Evaluator, type Value } from '../../../resolve/evaluate';
import { defineFramework, type RequestSpec } from '../../types';
import { HTTP_CLIENT_KEY, interceptorDecls, interceptorSetting } from './interceptors';
import { callDecls } from '../callDecls';

const MARKERS = /@angular\/common\/http|\bHttpClient\b/;
/** Interceptors of the app may put a base in front of every request's URL. */
const SHARED: RequestSpec['sharedBase'] = { key: HTTP_CLIENT_KEY, own: null };
const HTTP_CLIENT = /^@angular\/common\/http\.HttpClient$/;
/** HttpClient's methods with the URL first → their HTTP method; `request` takes the method first. */
const VERBS: Readonly<Record<string, string>> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS', jsonp: 'GET' };

/**
 * Angular's `HttpClient`: `this.http.get<T>(url)`, `.post/.put/.patch/.delete/.head/.options(url, …)`,
 * `.request(method, url)`, on a client injected through a constructor parameter property
 * (`constructor(private http: HttpClient)`) or `inject(HttpClient)` (a field or a local). URLs come
 * from the evaluator: `environment.apiUrl` constants, service base methods and fields.
 */
export default defineFramework({
  id: 'angular',
  title: 'Angular HttpClient',
  language: 'js',
  docs: 'https://angular.dev/guide/http/making-requests',
  supports: { crossModule: true, instances: true },
  detection: { deps: ['@angular/common'] },
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract(file) {
      const out = callDecls(file, (c) => !c.isNew && !!c.args[0] && c.callee.k === 'member' && (c.callee.prop in VERBS || c.callee.prop === 'request') && calleeRoot(c.callee) !== null);
      // Interceptors that put a base in front of every URL (interceptors.ts).
      out.push(...interceptorDecls(file.ref.path, file.text, file.js!));
      return out;
    },
    resolve(decl, ctx) {
      if (decl.callee.k !== 'member') return null;
      const ev = ctx.evaluator;
      if (!isHttpClient(ctx.value(decl.callee.obj, decl), ev)) return null;
      const prop = decl.callee.prop;
      if (prop !== 'request') {
        return { client: 'HttpClient', kind: 'http', method: { t: 'str', parts: [{ lit: VERBS[prop]! }] }, defaultMethod: 'GET', url: ctx.value(decl.args[0]!, decl), base: null, via: [], sharedBase: SHARED };
      }
      // `request(method, url, options)`, or `request(new HttpRequest(method, url))`.
      const first = ctx.value(decl.args[0]!, decl);
      if (first.t === 'call' && first.callee.t === 'ext' && stripGlobal(first.callee.path) === '@angular/common/http.HttpRequest') {
        const m = ev.arg(first, 0);
        const u = ev.arg(first, 1);
        if (!m || !u) return null;
        return { client: 'HttpClient', kind: 'http', method: m, defaultMethod: 'GET', url: u, base: null, via: [], sharedBase: SHARED };
      }
      if (!decl.args[1]) return null;
      return { client: 'HttpClient', kind: 'http', method: isAbsent(first) ? null : first, defaultMethod: 'GET', url: ctx.value(decl.args[1], decl), base: null, via: [], sharedBase: SHARED };
    },
    setting: interceptorSetting,
  },
});

/**
 * An `HttpClient`: an instance injected by type (a parameter property of an `@Injectable()` class)
 * or by `inject(HttpClient)`, both seen as `HttpClient()`.
 */
function isHttpClient(value: Value, ev: Evaluator): boolean {
  const v = ev.concrete(value);
  if (v.t !== 'call' || v.callee.t !== 'ext') return false;
  return HTTP_CLIENT.test(stripGlobal(v.callee.path));
}
