import { calleeRoot, isAbsent } from '../../../lang/js/clients';
import { stripGlobal, type Evaluator, type Value } from '../../../resolve/evaluate';
import { defineFramework } from '../../types';
import { callDecls } from '../callDecls';

const MARKERS = /\$fetch\b|\bofetch\b|\buse(?:Lazy)?Fetch\s*[<(]/;

/** The functions that make a request with `(url, { method, baseURL })`: Nuxt's globals and ofetch's exports. */
const CALLERS = new Set(['$fetch', 'useFetch', 'useLazyFetch', 'ofetch', 'ofetch.ofetch', 'ofetch.$fetch', '#app.useFetch', '#imports.useFetch', '#imports.$fetch']);

/**
 * ofetch and Nuxt: `$fetch(url, { method, baseURL })`, `ofetch(url)`, `$fetch.raw(url)`, instances from
 * `$fetch.create({ baseURL })`, and Nuxt's `useFetch` / `useLazyFetch` composables (their URL first).
 */
export default defineFramework({
  id: 'ofetch',
  title: 'ofetch / $fetch',
  language: 'js',
  docs: 'https://github.com/unjs/ofetch',
  supports: { crossModule: true, instances: true },
  detection: { deps: ['ofetch', 'nuxt'] },
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract: (file) => callDecls(file, (c) => !c.isNew && !!c.args[0] && calleeRoot(c.callee) !== null),
    resolve(decl, ctx) {
      const ev = ctx.evaluator;
      const target = fetcher(ctx.value(decl.callee, decl), ev);
      if (!target) return null;
      const url = ctx.value(decl.args[0]!, decl);
      const options = decl.args[1] ? ctx.value(decl.args[1], decl) : null;
      const method = options ? ev.member(options, 'method') : null;
      const own = options ? ev.member(options, 'baseURL') : null;
      const base = !isAbsent(own) ? own : target.base;
      return { client: target.name, kind: 'http', method: isAbsent(method) ? null : method, defaultMethod: 'GET', url, base: base && !isAbsent(base) ? base : null, via: target.name === '$fetch' ? [] : [target.name] };
    },
  },
});

/** `$fetch`, `ofetch`, `useFetch` (also `.raw`), or an instance of `$fetch.create({ baseURL })`: its name and base. */
function fetcher(v: Value, ev: Evaluator): { name: string; base: Value | null } | null {
  if (v.t === 'ext') {
    const path = stripGlobal(v.path).replace(/\.(?:raw|native)$/, '');
    return CALLERS.has(path) ? { name: path.slice(path.lastIndexOf('.') + 1), base: null } : null;
  }
  if (v.t === 'call' && v.callee.t === 'ext') {
    const path = stripGlobal(v.callee.path);
    if (!path.endsWith('.create') || !CALLERS.has(path.slice(0, -'.create'.length))) return null;
    const cfg = ev.arg(v, 0);
    return { name: '$fetch:instance', base: cfg ? ev.member(cfg, 'baseURL') : null };
  }
  return null;
}
