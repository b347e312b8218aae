/**
 * Forms that submit to their own page: a `<form>` without `action` (or with `action=""`) posts to the URL
 * of the page that rendered it. A template only knows its name (`shop/cart.html`, the part of its path
 * after its last `templates/` folder); which routes render it is joined in the http relation
 * (`relations/http/pages.ts`) with the views `python/template-views` records. `{% include "x.html" %}`
 * (Jinja, Django) is recorded too, so that a partial's forms reach the pages of the templates including it.
 */
import type { MarkupElement } from '../../../lang/markup';
import { str } from '../../../resolve/sym';
import type { HttpMethod, Span } from '../../../types';
import { defineFramework, type ClientDecl, type ParsedFile } from '../../types';
import { formMethod } from '../forms';

const MARKERS = /<form\b|\{%-?\s*include\s/i;
const INCLUDE = /\{%-?\s*include\s+(["'])([^"'{}%]+)\1/g;
/** Attributes that give a form a target of its own (htmx), or hand its submit to a script. */
const TARGET_ATTR = /^(?::|v-bind:)?action$|^(?:data-)?hx-(?:get|post|put|patch|delete)$|^(?:onsubmit|@submit(?:\..*)?|v-on:submit(?:\..*)?|x-on:submit(?:\..*)?|on:submit(?:\|.*)?|ng-submit|data-ajax.*)$/;

export default defineFramework({
  id: 'self-forms',
  title: 'Forms submitting to their own page',
  language: 'markup',
  docs: 'https://developer.mozilla.org/docs/Web/HTML/Element/form#action',
  supports: { crossModule: true },
  detection: { deps: [] },
  detect: () => true,
  requests: {
    languages: ['markup'],
    accepts: (f, text) => templateName(f.path) !== null && MARKERS.test(text),
    extract(file) {
      const name = templateName(file.ref.path);
      if (name === null) return [];
      return [...formDecls(file, name), ...includeDecls(file, name)];
    },
    resolve(decl) {
      const [role, method, template] = decl.args.map((a) => (a.k === 'str' ? a.v : ''));
      if (role !== 'form' && role !== 'include') return null;
      const url = { t: 'str' as const, parts: [{ lit: role === 'form' ? '(the page rendering this template)' : template! }] };
      if (role === 'include') return { client: 'include', kind: 'page', method: null, defaultMethod: 'GET', url, base: null, via: [], page: { role, template: template!, view: method! } };
      return { client: 'form', kind: 'page', method: null, defaultMethod: (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method!) ? method : 'GET') as HttpMethod, url, base: null, via: [], page: { role, template: template! } };
    },
  },
});

/**
 * A template's name as views render it: its path after the last `templates/` folder
 * (`core/templates/core/child_form.html` → `core/child_form.html`); null outside a `templates` folder.
 */
export function templateName(path: string): string | null {
  const i = path.lastIndexOf('templates/');
  if (i < 0 || (i > 0 && path[i - 1] !== '/')) return null;
  const rest = path.slice(i + 'templates/'.length);
  return rest === '' ? null : rest;
}

/** Forms without a target of their own: `args` are `form`, the method and the template's name. */
function formDecls(file: ParsedFile, name: string): ClientDecl[] {
  const elements = file.markup?.elements ?? [];
  const out: ClientDecl[] = [];
  elements.forEach((el, i) => {
    if (el.tag !== 'form' || !submitsToItself(el)) return;
    const method = formMethod(file.text, elements, i, '');
    if (method === null) return;
    const span: Span = { line: el.line, column: el.column, endLine: el.endLine, endColumn: el.endColumn };
    out.push({ file: file.ref.path, fn: null, span, anchor: span, callee: str('self-form'), args: [str('form'), str(method), str(name)] });
  });
  return out;
}

function submitsToItself(el: MarkupElement): boolean {
  const targets = el.attrs.filter((a) => TARGET_ATTR.test(a.name));
  if (targets.length === 0) return true;
  return targets.length === 1 && targets[0]!.name === 'action' && typeof targets[0]!.value === 'string' && targets[0]!.value.trim() === '';
}

/** `{% include "x.html" %}` with a literal name: `args` are `include`, the including template's name and the included one's. */
function includeDecls(file: ParsedFile, name: string): ClientDecl[] {
  const out: ClientDecl[] = [];
  for (const m of file.text.matchAll(INCLUDE)) {
    const before = file.text.slice(0, m.index);
    const line = before.split('\n').length;
    const column = m.index - before.lastIndexOf('\n');
    const span: Span = { line, column, endLine: line, endColumn: column + m[0].length };
    if (m[2]!.trim() !== name) out.push({ file: file.ref.path, fn: null, span, anchor: span, callee: str('self-form'), args: [str('include'), str(name), str(m[2]!.trim())] });
  }
  return out;
}
