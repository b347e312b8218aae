import { isAbsent, isFetchCallee, isFetchValue, mayAliasFetch } from '../../../lang/js/clients';
import { defineFramework, type ClientDecl } from '../../types';

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
      const js = file.js!;
      const out: ClientDecl[] = [];
      for (const c of js.calls) {
        if (c.isNew || !c.args[0] || !(isFetchCallee(c.callee, js.module) || mayAliasFetch(c.callee, js.module))) continue;
        out.push({ file: file.ref.path, fn: c.fn, span: c.span, anchor: c.anchor, callee: c.callee, args: c.args });
      }
      return out;
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
