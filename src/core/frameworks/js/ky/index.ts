import { defineFramework } from '../../types';
import { extractCalls, markers, resolveCall, type PrefixClient } from './client';

const KY: PrefixClient = {
  pkg: 'ky',
  verbs: { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD' },
  factories: ['create', 'extend'],
};
const MARKER = markers(KY);

/**
 * ky: `ky(url, { method })`, `ky.get/post/put/patch/delete/head(url)`, and instances from
 * `ky.create({ prefixUrl })` / `ky.extend({ prefixUrl })`, imported across modules. `prefixUrl` is
 * joined in front of a relative input (ky rejects one that begins with a slash: such a call is kept
 * unresolved, with that reason).
 */
export default defineFramework({
  id: 'ky',
  title: 'ky',
  language: 'js',
  docs: 'https://github.com/sindresorhus/ky',
  supports: { crossModule: true, instances: true },
  detection: { deps: ['ky'] },
  // Instances reach files whose own project does not list ky.
  detect: () => true,
  requests: {
    languages: ['js'],
    accepts: (_f, text) => MARKER.test(text),
    extract: (file) => extractCalls(KY, file),
    resolve: (decl, ctx) => resolveCall(KY, decl, ctx),
  },
});
