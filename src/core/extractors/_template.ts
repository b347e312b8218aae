/**
 * Template for a new extractor (copied by `npm run new:extractor -- --kind backend|frontend --id <id>`).
 * Fill in `detect`, `accepts` and `extract` with helpers from `core/lang/*` (extend a helper rather than
 * parsing inline), then add `test/fixtures/<id>/basic/` with the triggering manifest and run
 * `npm run test:update`. Files starting with `_` are not registered.
 */
import { memberCallOf, METHOD_BY_NAME } from '../resolve/patterns';
import { hasDependency } from '../project/projects';
import { defineBackendExtractor, type BackendDecl } from './types';

export default defineBackendExtractor({
  id: '__ID__',
  title: '__TITLE__',
  languages: ['js'],
  supports: { pathParams: true },
  detect: (p) => hasDependency(p, '__DEPENDENCY__'),
  accepts: (f, text) => f.ext === '.ts' && /__MARKER__/.test(text),
  extract(file) {
    const decls: BackendDecl[] = [];
    for (const call of file.js?.calls ?? []) {
      const c = memberCallOf(call);
      const method = c ? METHOD_BY_NAME[c.name] : undefined;
      if (!c || !method || !c.args[0]) continue;
      decls.push({ t: 'route', file: file.ref.path, fn: call.fn, kind: 'http', methods: [method], owner: null, path: c.args[0], handler: null, span: call.anchor });
    }
    return decls;
  },
  link(decls, ctx) {
    return decls.flatMap((d) => {
      if (d.t !== 'route') return [];
      const p = ctx.pathText(d.path, d.file, d.fn);
      return d.methods.map((method) => ({ file: d.file, span: d.span, kind: d.kind, method, path: p.text, handler: d.handler, confidence: p.unresolved.length ? ('partial' as const) : ('exact' as const), notes: [] }));
    });
  },
});
