import { stripGlobal } from '../../../resolve/evaluate';
import { defineFramework } from '../../types';
import { callDecls } from '../callDecls';

const MARKERS = /\bnew\s+(?:[\w$]+\.)?EventSource(?:Polyfill)?\s*\(/;
/** The browser's `EventSource` and the polyfills that keep its signature. */
const SOURCES = new Set(['EventSource', 'eventsource', 'eventsource.default', 'eventsource.EventSource', 'event-source-polyfill.EventSourcePolyfill', 'event-source-polyfill.NativeEventSource', 'extended-eventsource.EventSource']);

/**
 * Server-sent events: `new EventSource(url)` opens a GET to `url` (the browser's, or a polyfill's).
 * Its messages (`onmessage`, named events) are the contracts relation's; here the request counts.
 */
export default defineFramework({
  id: 'eventsource',
  title: 'EventSource (SSE)',
  language: 'js',
  docs: 'https://developer.mozilla.org/docs/Web/API/EventSource',
  supports: { crossModule: true },
  detection: { deps: [] },
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKERS.test(text),
    extract: (file) => callDecls(file, (c) => c.isNew && !!c.args[0]),
    resolve(decl, ctx) {
      const ctor = ctx.value(decl.callee, decl);
      if (ctor.t !== 'ext' || !SOURCES.has(stripGlobal(ctor.path))) return null;
      return { client: 'EventSource', kind: 'http', method: { t: 'str', parts: [{ lit: 'GET' }] }, defaultMethod: 'GET', url: ctx.value(decl.args[0]!, decl), base: null, via: [] };
    },
  },
});
