import { stripGlobal } from '../../../resolve/evaluate';
import { defineFramework } from '../../types';
import { callDecls } from '../callDecls';

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
    extract: (file) => callDecls(file, (c) => !c.isNew && !!c.args[0] && c.callee.k === 'member' && c.callee.prop === 'sendBeacon'),
    resolve(decl, ctx) {
      if (decl.callee.k !== 'member') return null;
      const owner = ctx.value(decl.callee.obj, decl);
      // The browser's own `navigator`, not a local or imported object of that name.
      if (owner.t !== 'ext' || stripGlobal(owner.path) !== 'navigator') return null;
      return { client: 'sendBeacon', kind: 'http', method: { t: 'str', parts: [{ lit: 'POST' }] }, defaultMethod: 'POST', url: ctx.value(decl.args[0]!, decl), base: null, via: [] };
    },
  },
});
