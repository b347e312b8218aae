import { defineFramework } from '../../types';
import { extractCalls, markers, resolveCall, type PrefixClient } from '../ky/client';

const GOT: PrefixClient = {
  pkg: 'got',
  verbs: { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD' },
  factories: ['extend'],
};
const MARKER = markers(GOT);

/**
 * got (also its browser build): `got(url, { method })`, `got.get/post/…(url)`, and instances from
 * `got.extend({ prefixUrl })`, whose prefix is joined in front of a relative input (got rejects one
 * that begins with a slash: kept unresolved, with that reason). Streams and pagination are not read.
 */
export default defineFramework({
  id: 'got',
  title: 'got',
  language: 'js',
  docs: 'https://github.com/sindresorhus/got',
  supports: { crossModule: true, instances: true },
  detection: { deps: ['got'] },
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKER.test(text),
    extract: (file) => extractCalls(GOT, file),
    resolve: (decl, ctx) => resolveCall(GOT, decl, ctx),
  },
});
