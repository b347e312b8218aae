import { stripGlobal } from '../../../resolve/evaluate';
import { defineFramework, type ClientDecl } from '../../types';

const MARKERS = /\bsendBeacon\s*\(/;

/** `navigator.sendBeacon(url, data)` (also through `window.`): a POST to `url`. */
export default defineFramework({
  id: 'beacon',
  title: 'navigator.sendBeacon',
  language: 'js',
  docs: 'https://developer.mozilla.org/docs/Web/API/Navigator/sendBeacon',
  supports: { crossModule: true },
  detection: { deps: [] },
  // A browser API: no dependency.
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract(file) {
      const out: ClientDecl[] = [];
      for (const c of file.js!.calls) {
        if (c.isNew || !c.args[0] || c.callee.k !== 'member' || c.callee.prop !== 'sendBeacon') continue;
        out.push({ file: file.ref.path, fn: c.fn, span: c.span, anchor: c.anchor, callee: c.callee, args: c.args });
      }
      return out;
    },
    resolve(decl, ctx) {
      if (decl.callee.k !== 'member') return null;
      const owner = ctx.value(decl.callee.obj, decl);
      // The browser's own `navigator`, not a local or imported object of that name.
      if (owner.t !== 'ext' || stripGlobal(owner.path) !== 'navigator') return null;
      return { client: 'sendBeacon', kind: 'http', method: { t: 'str', parts: [{ lit: 'POST' }] }, defaultMethod: 'POST', url: ctx.value(decl.args[0]!, decl), base: null, via: [] };
    },
  },
});
