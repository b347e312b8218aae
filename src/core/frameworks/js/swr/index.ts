import { calleeRoot, isAbsent } from '../../../lang/js/clients';
import { stripGlobal, type Value } from '../../../resolve/evaluate';
import { defineFramework, type RequestSpec } from '../../types';
import { callDecls } from '../callDecls';

const MARKERS = /\bfrom\s*['"]swr(?:\/immutable|\/mutation)?['"]/;
/** The hooks whose key is handed to the fetcher as its first argument. */
const HOOKS = new Set(['swr', 'swr.default', 'swr.useSWR', 'swr/immutable', 'swr/immutable.default', 'swr/mutation', 'swr/mutation.default']);

/**
 * SWR: `useSWR(key, fetcher)` requests `fetcher(key)`. When the fetcher is a request function found in
 * the workspace (a wrapper such as `fetcher = (url) => fetch(url).then(r => r.json())`), the key is its
 * URL and the call is that request, at the hook's call site. A key that may be `null` (conditional
 * fetching) is the URL when set. A hook without a fetcher uses the global one of `<SWRConfig>`, which is
 * not read: the call is kept unresolved, with that reason.
 */
export default defineFramework({
  id: 'swr',
  title: 'SWR',
  language: 'js',
  docs: 'https://swr.vercel.app/docs/api',
  supports: { crossModule: true, wrappers: true },
  detection: { deps: ['swr'] },
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract: (file) => callDecls(file, (c) => !c.isNew && !!c.args[0] && calleeRoot(c.callee) !== null),
    resolve(decl, ctx) {
      const hook = ctx.value(decl.callee, decl);
      if (hook.t !== 'ext' || !HOOKS.has(stripGlobal(hook.path))) return null;
      const ev = ctx.evaluator;
      const key = urlKey(ctx.value(decl.args[0]!, decl));
      if (!key) return null;
      const name = stripGlobal(hook.path).startsWith('swr/mutation') ? 'useSWRMutation' : 'useSWR';
      const fetcher = decl.args[1] ? ev.concrete(ctx.value(decl.args[1], decl)) : null;
      if (!fetcher || fetcher.t === 'obj' || isAbsent(fetcher)) {
        return { client: name, kind: 'http', method: null, defaultMethod: 'GET', url: key, base: null, via: [name], unresolved: `\`${name}\` is given no fetcher: the global one of \`<SWRConfig>\` is not read, so the key is not known to be the URL` };
      }
      if (fetcher.t !== 'fn') return null;
      const tpl = ctx.wrapper({ file: fetcher.file, id: fetcher.id });
      if (!tpl) return null;
      const args = [key];
      const subst = (v: Value | null) => (v ? ev.subst(v, tpl.fn, args, fetcher.self) : null);
      const base = subst(tpl.spec.base);
      const spec: RequestSpec = {
        client: tpl.name,
        kind: tpl.spec.kind,
        method: subst(tpl.spec.method),
        defaultMethod: tpl.spec.defaultMethod,
        url: subst(tpl.spec.url)!,
        base: base && !isAbsent(base) ? base : subst(tpl.spec.baseDefault ?? null),
        via: [name, tpl.name, ...tpl.spec.via],
        wrapper: tpl.fn,
      };
      return tpl.spec.unresolved ? { ...spec, unresolved: tpl.spec.unresolved } : spec;
    },
  },
});

/** The key as a URL: a string (or template); a choice with `null`/`undefined`/`false` (not fetching) keeps the strings. */
function urlKey(v: Value): Value | null {
  const off = (o: Value) => o.t === 'unknown' && (o.text === 'null' || o.text === 'undefined' || o.text === 'false' || o.absent === true);
  if (v.t === 'alt') {
    const on = v.options.filter((o) => !off(o));
    if (on.length === 0) return null;
    return on.length === 1 ? on[0]! : { t: 'alt', options: on };
  }
  if (off(v) || v.t === 'arr' || v.t === 'obj' || v.t === 'fn') return null;
  return v;
}
