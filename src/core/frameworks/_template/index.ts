/**
 * Template for a new framework plugin (copied by `npm run new:framework -- --language js --id <id>`).
 * Fill in the detection, the path syntax (`path.ts` beside this file, when the framework has its own)
 * and the contributions with helpers from `core/lang/*` (extend a helper rather than parsing inline),
 * then add `test/fixtures/<id>/basic/` with the triggering manifest and run `npm run test:update`.
 * Folders starting with `_` are not registered.
 */
import { memberCallOf, METHOD_BY_NAME } from '../../resolve/patterns';
import { defineFramework, type BackendDecl } from '../types';

export default defineFramework({
  id: '__ID__',
  title: '__TITLE__',
  language: 'js',
  supports: { pathParams: true },
  detection: { deps: ['__DEPENDENCY__'], defaultPort: 3000 },
  routes: {
    languages: ['js'],
    accepts: (_f, text) => /__MARKER__/.test(text),
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
  },
});
