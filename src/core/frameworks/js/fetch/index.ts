import { isAbsent, isFetchCallee, isFetchValue, mayAliasFetch } from '../../../lang/js/clients';
import { defineFramework } from '../../types';
import { callDecls } from '../callDecls';

const MARKERS = /\bfetch\s*\(/;

/** The Fetch API: `fetch(url, { method })`, URL from literals, templates, `+`, constants of this or
 * other modules, and env bases (`process.env.X ?? 'http://localhost:8000'`, `import.meta.env.X`). */
export default defineFramework({
  id: 'fetch',
  title: 'fetch',
  language: 'js',
  docs: 'https://developer.mozilla.org/docs/Web/API/Window/fetch',
  supports: { crossModule: true, envBase: true },
  detection: { deps: [] },
  // The Fetch API needs no dependency.
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract(file) {
      const mod = file.js!.module;
      return callDecls(file, (c) => !c.isNew && !!c.args[0] && (isFetchCallee(c.callee, mod) || mayAliasFetch(c.callee, mod)));
    },
    resolve(decl, ctx) {
      // `const fetch = window.fetch`, `CTFd.fetch = window.fetch`: the callee must be the Fetch API itself.
      if (!isFetchValue(ctx.evaluator.concrete(ctx.value(decl.callee, decl)))) return null;
      const url = ctx.value(decl.args[0]!, decl);
      const init = decl.args[1] ? ctx.value(decl.args[1], decl) : null;
      const method = init ? ctx.evaluator.member(init, 'method') : null;
      return { client: 'fetch', kind: 'http', method: isAbsent(method) ? null : method, defaultMethod: 'GET', url, base: null, via: [] };
    },
  },
});
