/**
 * Template expressions inside attribute values: Handlebars/Mustache/Jinja/Django/Go/Nunjucks `{{ x }}`
 * (and `{{{ x }}}`), Jinja/Django tags `{% … %}`, EJS/ERB `<%= x %>`, Pug `#{x}`, JS template `${x}`,
 * and single-brace `{x}` (Svelte and Astro values, htmx's path-params placeholders). A value is split
 * into literal text and expressions; a control tag (`{{#if}}`, `{% if %}`, `<% if (…) { %>`) makes the
 * whole value conditional.
 */

export type TemplatePart = { readonly lit: string } | { readonly expr: string };

export interface TemplateValue {
  readonly parts: readonly TemplatePart[];
  /** The value holds a control tag (a condition, a loop, a named-route tag): what it yields is not known. */
  readonly control: boolean;
}

const OPENERS: ReadonlyArray<readonly [string, string]> = [
  ['{{{', '}}}'],
  ['{{', '}}'],
  ['{%', '%}'],
  ['<%', '%>'],
  ['${', '}'],
  ['#{', '}'],
  ['{', '}'],
];

/** Split an attribute value into literal text and template expressions (trimmed, markers dropped). */
export function templateValue(value: string): TemplateValue {
  const parts: TemplatePart[] = [];
  let control = false;
  let lit = '';
  let i = 0;
  while (i < value.length) {
    const open = OPENERS.find(([o]) => value.startsWith(o, i));
    const close = open ? value.indexOf(open[1], i + open[0].length) : -1;
    if (!open || close < 0) {
      lit += value[i];
      i++;
      continue;
    }
    const inner = value.slice(i + open[0].length, close);
    i = close + open[1].length;
    if (open[0] === '{{' && inner.startsWith('!')) continue; // a Handlebars comment
    if (open[0] === '{' && !/^\s*[\w$.[\]'"]+\s*$/.test(inner)) {
      lit += open[0] + inner + open[1]; // not a placeholder: `{` in a literal
      continue;
    }
    const e = expression(open[0], inner);
    if (e === null) {
      control = true;
      continue;
    }
    if (lit) parts.push({ lit });
    lit = '';
    parts.push({ expr: e });
  }
  if (lit) parts.push({ lit });
  return { parts, control };
}

/** The expression a tag outputs, or null for a control tag (a statement, a block, a named route). */
function expression(open: string, inner: string): string | null {
  let t = inner.trim();
  if (open === '<%') {
    if (!/^[=-]/.test(t)) return null; // `<% code %>` outputs nothing it shows here
    t = t.slice(1).replace(/-$/, '').trim();
  }
  if (open === '{%') return null; // `{% url … %}`, `{% if %}`: statements
  if (open === '{{' || open === '{{{') {
    t = t.replace(/^[~-]|[~-]$/g, '').trim();
    if (/^[#/^]|^else\b/.test(t)) return null;
  }
  return t === '' ? null : t;
}
