/**
 * Payload reads in JS/TS: the fields code reads off a request's answer (`data.accessToken` after
 * `const data = await res.json()`, `res.data.user` with axios, `const { token } = await res.json()`),
 * recorded by the JS facts (lang/js/payloads.ts) and paired with the route's answer by relations/payload.
 * A file that installs an axios response interceptor is marked (`unwrap`): its instances may hand back
 * bodies instead of responses, so `.data` reads through them are not judged.
 */
import { defineFramework, type SchemaDecl } from '../../types';

const MARKERS = /\.json\s*\(\s*\)|\.data\b/;
/** Reads pair only with requests of the same function: a file without a request-like call has none to pair. */
const REQUESTS = /\bfetch\s*\(|\baxios\b|\.(?:get|post|put|patch|delete|request)\s*(?:<[^>]*>)?\s*\(/;
/**
 * Exported object types of plain TS modules (not components: `.tsx`, `.vue`), followed from the typed requests
 * of other modules; and a request's answer given a type (`api.get<User>(`, `as User`, `const u: User = await`).
 */
const TYPES = /\bexport\s+(?:declare\s+)?(?:interface|type)\s+\w+/;
const TYPED = /<\w+>\s*\(|\bas\s+\w+\b|:\s*\w+\s*=\s*await\b/;
const UNWRAP = /interceptors\s*\.\s*response\s*\.\s*use\s*\(/;

export default defineFramework({
  id: 'payload-reads',
  title: 'Payload reads (JS)',
  language: 'js',
  supports: {},
  detection: { deps: [], noteWhenNoRoutes: false },
  detect: () => true,
  schemas: {
    languages: ['js'],
    accepts: (f, text) => !f.path.endsWith('.d.ts') && ((MARKERS.test(text) && REQUESTS.test(text)) || UNWRAP.test(text) || (/\.[cm]?ts$/.test(f.path) && TYPES.test(text)) || (TYPED.test(text) && REQUESTS.test(text))),
    extract(file) {
      const out: SchemaDecl[] = [];
      if (UNWRAP.test(file.text)) out.push({ t: 'unwrap', file: file.ref.path, fn: null });
      for (const r of file.js?.payloadReads ?? []) out.push({ t: 'read', file: file.ref.path, fn: r.fn, call: r.call, via: r.via, field: r.field, span: r.span });
      const types = file.js?.tsTypes;
      if (types) out.push({ t: 'types', file: file.ref.path, fn: null, decls: types.decls, imports: types.imports });
      for (const r of types?.typed ?? []) out.push({ t: 'typed', file: file.ref.path, fn: r.fn, call: r.call, via: r.via, type: r.type, span: r.span });
      return out;
    },
  },
});
