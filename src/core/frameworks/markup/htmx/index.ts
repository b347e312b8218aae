import { attrSpan, attrUrl } from '../../../lang/markup';
import { str } from '../../../resolve/sym';
import { defineFramework, type ClientDecl } from '../../types';
import { namedArgs, namedSpec } from '../named';

const ATTR = /^(?:data-)?hx-(get|post|put|patch|delete)$/;
const MARKERS = /\bhx-(?:get|post|put|patch|delete)\s*=/i;

/**
 * htmx: `hx-get`, `hx-post`, `hx-put`, `hx-patch` and `hx-delete` (and their `data-` forms) in HTML,
 * server templates (Handlebars, EJS, Jinja, Django, Go, Pug) and Vue/Svelte markup. Template expressions
 * in the URL (`{{ id }}`, `<%= id %>`, htmx path-params' `{id}`) are path parameters; a URL built by a
 * control tag is kept unresolved; a named-route helper (`{% url 'x' %}`, `{{ url_for('x') }}`) reaches the
 * route with that name.
 */
export default defineFramework({
  id: 'htmx',
  title: 'htmx',
  language: 'markup',
  docs: 'https://htmx.org/reference/',
  supports: { pathParams: true },
  detection: { deps: [] },
  // htmx is usually loaded from a CDN `<script>`: no manifest to gate on, the attributes are the marker.
  detect: () => true,
  requests: {
    languages: ['markup'],
    accepts: (_f, text) => MARKERS.test(text),
    extract(file) {
      const out: ClientDecl[] = [];
      for (const el of file.markup?.elements ?? []) {
        for (const a of el.attrs) {
          const m = ATTR.exec(a.name);
          if (!m || typeof a.value !== 'string' || a.value.trim() === '') continue;
          const named = namedArgs(a.value);
          if (named && named.length === 0) continue; // a static file
          const span = attrSpan(a);
          out.push({ file: file.ref.path, fn: null, span, anchor: span, callee: str(m[1]!.toUpperCase()), args: named ?? [attrUrl(a.value)] });
        }
      }
      return out;
    },
    resolve(decl, ctx) {
      const method = decl.callee.k === 'str' ? decl.callee.v : 'GET';
      if (decl.args[1]) return namedSpec('htmx', 'http', method as 'GET', decl.args[0]!, decl.args[1], decl.args[2]);
      return { client: 'htmx', kind: 'http', method: null, defaultMethod: method as 'GET', url: ctx.value(decl.args[0]!, decl), base: null, via: [] };
    },
  },
});
