import { calleeRoot } from '../../../lang/js/clients';
import { stripGlobal, type Value } from '../../../resolve/evaluate';
import { defineFramework } from '../../types';
import { callDecls } from '../callDecls';

const MARKERS = /\bsuperagent\b/;
const VERBS: Readonly<Record<string, string>> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', del: 'DELETE', head: 'HEAD', options: 'OPTIONS' };

/**
 * superagent: `request.get(url)` / `superagent.post(url)` (and `put`, `patch`, `del`/`delete`, `head`),
 * `request(method, url)` and `request(url)` (GET), on the package imported under any name.
 */
export default defineFramework({
  id: 'superagent',
  title: 'superagent',
  language: 'js',
  docs: 'https://ladjs.github.io/superagent/',
  supports: { crossModule: true },
  detection: { deps: ['superagent'] },
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract: (file) => callDecls(file, (c) => !c.isNew && !c.assign && !!c.args[0] && calleeRoot(c.callee) !== null),
    resolve(decl, ctx) {
      const callee = decl.callee;
      if (callee.k === 'member' && callee.prop in VERBS && isSuperagent(ctx.value(callee.obj, decl))) {
        return { client: 'superagent', kind: 'http', method: { t: 'str', parts: [{ lit: VERBS[callee.prop]! }] }, defaultMethod: 'GET', url: ctx.value(decl.args[0]!, decl), base: null, via: [] };
      }
      if (!isSuperagent(ctx.value(callee, decl))) return null;
      // `request(method, url)`, or `request(url)` for a GET.
      const two = decl.args[1] !== undefined;
      const method = two ? ctx.value(decl.args[0]!, decl) : null;
      const url = ctx.value(decl.args[two ? 1 : 0]!, decl);
      // `request(url, callback)`: the second argument is a function, not the URL.
      if (two && url.t === 'fn') return { client: 'superagent', kind: 'http', method: null, defaultMethod: 'GET', url: ctx.value(decl.args[0]!, decl), base: null, via: [] };
      return { client: 'superagent', kind: 'http', method, defaultMethod: 'GET', url, base: null, via: [] };
    },
  },
});

function isSuperagent(v: Value): boolean {
  return v.t === 'ext' && /^superagent(?:\.default)?$/.test(stripGlobal(v.path));
}
