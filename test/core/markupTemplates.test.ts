import { describe, expect, it } from 'vitest';
import { attrUrl, scanElements, templateValue } from '../../src/core/lang/markup';

describe('template expressions in attribute values', () => {
  it('splits literal text from Handlebars, Jinja, EJS, JS-template and placeholder expressions', () => {
    expect(templateValue('/api/links/{{id}}/stats').parts).toEqual([{ lit: '/api/links/' }, { expr: 'id' }, { lit: '/stats' }]);
    expect(templateValue('/a/{{ item.id }}').parts).toEqual([{ lit: '/a/' }, { expr: 'item.id' }]);
    expect(templateValue('/a/{{{raw}}}').parts).toEqual([{ lit: '/a/' }, { expr: 'raw' }]);
    expect(templateValue('/a/<%= p.id %>').parts).toEqual([{ lit: '/a/' }, { expr: 'p.id' }]);
    expect(templateValue('/a/<%- p.id -%>').parts).toEqual([{ lit: '/a/' }, { expr: 'p.id' }]);
    expect(templateValue('/a/${id}').parts).toEqual([{ lit: '/a/' }, { expr: 'id' }]);
    expect(templateValue('/users/admin/{id}').parts).toEqual([{ lit: '/users/admin/' }, { expr: 'id' }]);
  });

  it('marks control tags (conditions, named routes) and keeps braces that are no placeholder', () => {
    expect(templateValue("{% url 'links:list' %}").control).toBe(true);
    expect(templateValue('/a/{{#if x}}b{{/if}}').control).toBe(true);
    expect(templateValue('/a/<% if (x) { %>b').control).toBe(true);
    expect(templateValue('/a/{"k": 1}')).toEqual({ parts: [{ lit: '/a/{"k": 1}' }], control: false });
    expect(templateValue('/a/{{!-- note --}}b').parts).toEqual([{ lit: '/a/b' }]);
  });

  it('builds URL symbols: literals decoded, expressions dynamic, control tags one run-time value', () => {
    expect(attrUrl('/a?x=1&amp;y=2')).toEqual({ k: 'str', v: '/a?x=1&y=2' });
    expect(attrUrl('/a/{{id}}')).toEqual({ k: 'concat', parts: [{ k: 'str', v: '/a/' }, { k: 'dyn', text: 'id' }] });
    expect(attrUrl("{% url 'x' %}")).toEqual({ k: 'dyn', text: "{% url 'x' %}" });
  });
});

describe('Pug start tags', () => {
  const pug = [
    'extends layout',
    'block content',
    "  form#f.inline(method='POST', action='/a/b')",
    "    input(type='hidden', name='_method', value='DELETE')",
    "  ul: li.item: a(href='/x/' + user.id) Link",
    "  a(href=`/t/${id}`)",
    "  button(hx-get=cond ? '/a' : '/b')",
    '  script.',
    "    fetch('/in/script');",
    '',
    "    const s = 'a(href=\"/not/markup\")';",
    "  img(src='/i.png')",
  ].join('\n');

  it('reads tags, attributes, block expansion and script text blocks', () => {
    const els = scanElements(pug, 'pug');
    expect(els.map((e) => [e.tag, e.line, e.attrs.map((a) => `${a.name}=${String(a.value)}`)])).toEqual([
      ['form', 3, ['method=POST', 'action=/a/b']],
      ['input', 4, ['type=hidden', 'name=_method', 'value=DELETE']],
      ['a', 5, ['href=/x/{{user.id}}']],
      ['a', 6, ['href=/t/${id}']],
      ['button', 7, ["hx-get=(js)cond ? '/a' : '/b'"]],
      ['script', 8, []],
      ['img', 12, ['src=/i.png']],
    ]);
    const script = els.find((e) => e.tag === 'script')!;
    expect(pug.slice(script.content!.offset, script.content!.end)).toContain("fetch('/in/script');");
    expect(pug.slice(script.content!.offset, script.content!.end)).not.toContain('img(');
  });

  it('gives attribute values their real positions', () => {
    const form = scanElements(pug, 'pug')[0]!;
    const action = form.attrs.find((a) => a.name === 'action')!;
    expect(pug.slice(action.valueOffset, action.valueOffset + 4)).toBe('/a/b');
    expect([action.valueLine, action.valueColumn]).toEqual([3, 40]);
  });
});
