/**
 * The markup pack's pure core: script blocks and start tags of Vue, Svelte, Astro and HTML files, their
 * positions (checked by slicing the original text and by parsing each block), and robustness on bad input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { astroFrontmatter, extractScriptBlocks, markupKindOf, scanElements, toFilePosition, type MarkupElement, type MarkupKind, type ScriptBlock } from '../../src/core/lang/markup';

const sample = (name: string): string => readFileSync(join(__dirname, 'markup-samples', name), 'utf8');
const KINDS: readonly MarkupKind[] = ['vue', 'svelte', 'astro', 'html'];

/** Offset of a 1-based (line, column) in `text` (lines end at \n, \r\n or \r). */
function offsetAt(text: string, line: number, column: number): number {
  const br = /\r\n|\r|\n/g;
  let start = 0;
  for (let l = 1; l < line; l++) {
    const m = br.exec(text);
    if (!m) throw new Error(`no line ${line}`);
    start = m.index + m[0].length;
  }
  return start + column - 1;
}

const brief = (b: ScriptBlock) => [b.origin, b.lang, b.jsx, b.line, b.column, b.text.trim().slice(0, 24)];
const tags = (els: MarkupElement[]) => els.map((e) => `${e.tag}@${e.line}:${e.column}`);
const attr = (el: MarkupElement | undefined, name: string) => el?.attrs.find((a) => a.name === name);

/** Every block and element is where it says it is. */
function expectConsistent(text: string, kind: MarkupKind): void {
  const blocks = extractScriptBlocks(text, kind, { handlers: true });
  for (const b of blocks) {
    expect(text.slice(b.offset, b.offset + b.text.length)).toBe(b.text);
    expect(offsetAt(text, b.line, b.column)).toBe(b.offset);
  }
  expect(blocks.map((b) => b.offset)).toEqual([...blocks.map((b) => b.offset)].sort((x, y) => x - y));
  for (const e of scanElements(text, kind)) {
    expect(text[e.offset]).toBe('<');
    expect(text[e.endOffset - 1]).toBe('>');
    expect(offsetAt(text, e.line, e.column)).toBe(e.offset);
    expect(offsetAt(text, e.endLine, e.endColumn)).toBe(e.endOffset);
    for (const a of e.attrs) {
      expect(text.slice(a.offset, a.offset + a.name.length).toLowerCase()).toBe(a.name.toLowerCase());
      expect(offsetAt(text, a.line, a.column)).toBe(a.offset);
      expect(offsetAt(text, a.valueLine, a.valueColumn)).toBe(a.valueOffset);
      if (a.value !== true) expect(text.slice(a.valueOffset, a.valueOffset + a.value.length)).toBe(a.value);
    }
  }
}

/** Parses each block and maps every call back into the file: the file text there is the call's text. */
function mappedCalls(text: string, kind: MarkupKind): string[] {
  const found: string[] = [];
  for (const b of extractScriptBlocks(text, kind, { handlers: true })) {
    simpleTraverse(parse(b.text, { loc: true, range: true, jsx: b.jsx }), {
      enter: (n) => {
        if (n.type !== 'CallExpression') return;
        const p = toFilePosition(b, n.loc.start.line, n.loc.start.column + 1);
        const at = offsetAt(text, p.line, p.column);
        const call = b.text.slice(n.range[0], n.range[1]);
        expect(text.slice(at, at + call.length)).toBe(call);
        found.push(`${p.line}:${p.column} ${call.replace(/\s+/g, ' ').slice(0, 40)}`);
      },
    });
  }
  return found;
}

describe('markupKindOf', () => {
  it.each<[string, MarkupKind | null]>([
    ['src/App.vue', 'vue'], ['src/routes/+page.svelte', 'svelte'], ['src/pages/index.astro', 'astro'], ['public/index.html', 'html'],
    ['LEGACY/PAGE.HTM', 'html'], ['src/app.ts', null], ['vue', null], ['x.constructor', null],
  ])('%s → %s', (path, kind) => expect(markupKindOf(path)).toBe(kind));
});

describe('Vue single-file components', () => {
  const text = sample('EntryPage.vue');

  it('finds both root-level scripts, not the commented one nor template handlers unless asked', () => {
    expect(extractScriptBlocks(text, 'vue').map(brief)).toEqual([
      ['script', 'ts', false, 14, 19, "export default { name: '"],
      ['script', 'ts', false, 18, 25, "import axios from 'axios"],
    ]);
    const setup = extractScriptBlocks(text, 'vue')[1]!;
    expect(setup.attrs).toEqual({ setup: true, lang: 'ts' });
    expect(setup.text).toContain("const closer = '<\\/script>';\n");
    expect(setup.text.endsWith("';\n")).toBe(true);
  });

  it('maps calls found in the blocks back to the file', () => {
    expect(mappedCalls(text, 'vue')).toEqual([
      "9:35 axios.post('/api/entry-page/like')",
      "22:15 ref('Entry')",
      '23:20 axios.get("/api/entry-page")',
    ]);
  });

  it('scans the template, skipping comments, interpolations and block bodies', () => {
    const els = scanElements(text, 'vue');
    expect(tags(els)).toEqual(['template@2:1', 'main@3:3', 'h1@4:5', 'p@5:5', 'template@6:5', 'a@7:7', 'button@9:5', 'form@10:5', 'input@10:56', 'script@14:1', 'script@18:1', 'style@27:1']);
    expect(els.filter((e) => e.sfcBlock).map((e) => e.tag)).toEqual(['template', 'script', 'script', 'style']);
    const a = els.find((e) => e.tag === 'a');
    expect(attr(a, ':href')).toMatchObject({ value: '`/users/${user.id}`', valueLine: 7, valueColumn: 17 });
    expect(attr(a, 'v-bind:title')?.value).toBe('user.name');
    expect(attr(els.find((e) => e.tag === 'input'), 'name')).toMatchObject({ value: 'q', valueLine: 10, valueColumn: 68 });
    expectConsistent(text, 'vue');
  });

  it('gives the same positions with CRLF line endings', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    expect(extractScriptBlocks(crlf, 'vue').map(brief)).toEqual(extractScriptBlocks(text, 'vue').map(brief));
    expect(mappedCalls(crlf, 'vue')).toEqual(mappedCalls(text, 'vue'));
    expectConsistent(crlf, 'vue');
  });

  it('ignores scripts inside the template, custom blocks and non-HTML templates; reads quoting variants', () => {
    const vue = ['<template lang="pug">', 'a(href="/x") <script>no()</script>', '</template>', '<i18n><script>no()</script></i18n>', "<SCRIPT Lang = 'TSX' >let a = <b/></SCRIPT >", '<script lang=jsx>let b = <i/></script>', '<script lang="coffee">x = 1</script>', '<script src="./external.ts"></script>', '<script setup />'].join('\n');
    expect(extractScriptBlocks(vue, 'vue').map(brief)).toEqual([
      ['script', 'ts', true, 5, 23, 'let a = <b/>'],
      ['script', 'js', true, 6, 18, 'let b = <i/>'],
    ]);
    expect(tags(scanElements(vue, 'vue'))).toEqual(['template@1:1', 'i18n@4:1', 'script@5:1', 'script@6:1', 'script@7:1', 'script@8:1', 'script@9:1']);
    const inTemplate = '<template><div><script>no()</script><template #x>{{ "</template>" }}</template></div></template>\n<script>yes()</script>';
    expect(extractScriptBlocks(inTemplate, 'vue').map((b) => b.text)).toEqual(['yes()']);
  });
});

describe('Svelte components', () => {
  const text = sample('Todos.svelte');

  it('finds the module and instance scripts', () => {
    expect(extractScriptBlocks(text, 'svelte').map(brief)).toEqual([
      ['script', 'ts', false, 1, 36, 'export const prerender ='],
      ['script', 'ts', false, 5, 19, "import { onMount } from "],
    ]);
    expect(extractScriptBlocks(text, 'svelte')[0]!.attrs).toEqual({ context: 'module', lang: 'ts' });
    expect(extractScriptBlocks('<script module>export const a = 1;</script>', 'svelte')[0]).toMatchObject({ lang: 'js', attrs: { module: true }, line: 1, column: 16 });
  });

  it('maps calls, including the code of an on:click handler', () => {
    expect(mappedCalls(text, 'svelte')).toEqual([
      '8:3 onMount(async () => { todos = await (awa',
      "9:19 (await fetch('/api/todos')).json()",
      "9:26 fetch('/api/todos')",
      "20:25 fetch('/api/todos', { method: 'DELETE' }",
    ]);
  });

  it('skips {…} tags and reads {…} attribute values with > inside', () => {
    const els = scanElements(text, 'svelte');
    expect(tags(els)).toEqual(['script@1:1', 'script@5:1', 'svelte:head@13:1', 'title@13:14', 'p@16:3', 'ul@18:3', 'li@18:28', 'button@20:1', 'form@21:1', 'input@21:56', 'style@23:1']);
    const button = els.find((e) => e.tag === 'button');
    expect(attr(button, 'disabled')?.value).toBe('{todos.length > 0}');
    expect(attr(els.find((e) => e.tag === 'form'), '{...$$restprops}')).toBeUndefined();
    expect(els.find((e) => e.tag === 'form')?.attrs.map((a) => a.name)).toEqual(['method', 'action', '{...$$restProps}']);
    expectConsistent(text, 'svelte');
    const quoted = scanElements('<a title="{x ? "a>" : `b${"}"}`}" href="/y">', 'svelte');
    expect(quoted[0]?.attrs.map((a) => a.value)).toEqual(['{x ? "a>" : `b${"}"}`}', '/y']);
  });
});

describe('Astro components', () => {
  const text = sample('Login.astro');

  it('finds the frontmatter and the processed and inline scripts, not JSON-LD', () => {
    expect(extractScriptBlocks(text, 'astro').map(brief)).toEqual([
      ['frontmatter', 'ts', false, 1, 4, "import Layout from '../l"],
      ['script', 'ts', false, 14, 9, "document.querySelector('"],
      ['script', 'js', false, 17, 19, 'window.dataLayer = [];'],
    ]);
    const fm = extractScriptBlocks(text, 'astro')[0]!;
    expect(fm.text.endsWith("['a', 'b'];\n")).toBe(true);
  });

  it('maps calls back to the file', () => {
    expect(mappedCalls(text, 'astro')).toEqual([
      "3:19 fetch('https://api.example.com/api/sessi",
      "15:3 document.querySelector('form')?.addEvent",
      "15:3 document.querySelector('form')",
      "15:68 fetch('/api/track')",
    ]);
  });

  it('scans the body after the frontmatter, with {…} and template-literal values', () => {
    const els = scanElements(text, 'astro');
    expect(tags(els)).toEqual(['layout@6:1', 'form@7:3', 'input@8:5', 'ul@10:3', 'li@10:25', 'a@10:29', 'counter@11:3', 'script@14:1', 'script@17:1', 'script@20:1']);
    expect(attr(els.find((e) => e.tag === 'a'), 'href')?.value).toBe('{`/items/${i}`}');
    expect(scanElements('<a href=`/x/${id}` b>', 'astro')[0]?.attrs.map((a) => a.value)).toEqual(['/x/${id}', true]);
    expectConsistent(text, 'astro');
  });

  it('frontmatter: leading whitespace, CRLF, none, unclosed', () => {
    expect(astroFrontmatter('\n  ---\r\nconst a = 1;\r\n  ---\r\n<p/>')).toEqual({ offset: 6, end: 24, after: 27 });
    expect(extractScriptBlocks('\n---\nconst a = 1;\n---\n', 'astro').map(brief)).toEqual([['frontmatter', 'ts', false, 2, 4, 'const a = 1;']]);
    expect(astroFrontmatter('<p>---</p>')).toBeNull();
    expect(extractScriptBlocks('---\nconst a = "<script>";\n<p>', 'astro').map((b) => b.origin)).toEqual(['frontmatter']);
    expect(scanElements('---\nconst a = "<b>";\n', 'astro')).toEqual([]);
  });
});

describe('HTML pages', () => {
  const text = sample('index.html');

  it('keeps JavaScript scripts only, and no block for a src script', () => {
    expect(extractScriptBlocks(text, 'html').map(brief)).toEqual([
      ['script', 'js', false, 17, 34, 'fetch("/api/products").t'],
      ['script', 'js', false, 21, 25, "import { load } from '/j"],
    ]);
    expect(extractScriptBlocks(text, 'html')[0]!.text).toContain("document.write('<\\/script>');\n  ");
  });

  it('maps calls in scripts and inline handlers back to the file', () => {
    expect(mappedCalls(text, 'html')).toEqual([
      "12:58 track('cart')",
      '18:5 fetch("/api/products").then((r) => r.jso',
      '18:5 fetch("/api/products")',
      '18:40 r.json()',
      "19:5 document.write('<\\/script>')",
      "21:60 load('/api/orders')",
    ]);
  });

  it('lists the start tags and attributes later extractors read', () => {
    const els = scanElements(text, 'html');
    expect(tags(els)).toEqual(['html@2:1', 'head@3:1', 'meta@4:3', 'title@5:3', 'script@6:3', 'script@7:3', 'script@8:3', 'body@11:1', 'button@12:3', 'div@13:3', 'form@14:3', 'input@14:39', 'a@15:3', 'script@16:3', 'script@17:3', 'script@21:3']);
    expect(attr(els[4], 'src')).toMatchObject({ value: '/js/api.js', valueLine: 6, valueColumn: 16 });
    expect(attr(els[8], 'hx-post')).toMatchObject({ value: '/api/cart', line: 12, column: 11, valueLine: 12, valueColumn: 20 });
    expect(attr(els[9], 'hx-get')?.value).toBe('/api/cart/count');
    expect(attr(els[9], 'hx-trigger')?.value).toBe('load');
    expect(els[10]?.attrs.map((a) => [a.name, a.value])).toEqual([['action', '/login'], ['method', 'POST']]);
    expectConsistent(text, 'html');
  });

  it('reads script types, end-tag spellings and attribute forms', () => {
    const html = ['<script type="text/babel">const a = <b/>;</script>', '<script type="ld+json">{}</script><script type="application/ld+json">{}</script>', '<script type="text/javascript; charset=utf-8">a()</script\n>', '<script type="">b()</script/>', '<script/>c()</script>', '<script type=TEXT/TYPESCRIPT>let d: number</script>', '<script></script><script>  \n </script>'].join('\n');
    expect(extractScriptBlocks(html, 'html').map(brief)).toEqual([
      ['script', 'js', true, 1, 27, 'const a = <b/>;'],
      ['script', 'js', false, 3, 47, 'a()'],
      ['script', 'js', false, 5, 17, 'b()'],
      ['script', 'js', false, 6, 10, 'c()'],
      ['script', 'ts', false, 7, 30, 'let d: number'],
    ]);
    const el = scanElements('<input  a  =  "x" b=\'y\' c=z d e= f/>', 'html')[0]!;
    expect(el.attrs.map((a) => [a.name, a.value, a.valueColumn])).toEqual([['a', 'x', 16], ['b', 'y', 22], ['c', 'z', 27], ['d', true, 30], ['e', 'f/', 34]]);
    expect(el.selfClosing).toBe(false);
  });
});

describe('toFilePosition', () => {
  it('shifts only the first line of a block', () => {
    const b: ScriptBlock = { lang: 'js', jsx: false, text: 'a()\nb()', offset: 30, line: 4, column: 9, attrs: {}, origin: 'script' };
    expect([toFilePosition(b, 1, 1), toFilePosition(b, 1, 3), toFilePosition(b, 2, 1)]).toEqual([{ line: 4, column: 9 }, { line: 4, column: 11 }, { line: 5, column: 1 }]);
  });
});

describe('robustness', () => {
  it.each(KINDS)('%s: unterminated tags, scripts and comments', (kind) => {
    expect(extractScriptBlocks('<div>ok</div>\n<script src="x"', kind)).toEqual([]);
    expect(scanElements('<p>ok</p><script lang="ts', kind).map((e) => e.tag)).toEqual(['p']);
    expect(extractScriptBlocks('<script>\nrunsToTheEnd()\n<p>', kind).map((b) => b.text)).toEqual(['\nrunsToTheEnd()\n<p>']);
    expect(scanElements('<!--> <br/> <!---> <hr/> <!-- <c> -- > <d>', kind).map((e) => e.tag)).toEqual(['br', 'hr']);
    expect(extractScriptBlocks('<script>const s = "</script>"; x()</script>', kind).map((b) => b.text)).toEqual(['const s = "']);
    expect(extractScriptBlocks('<script>const s = "<\\/script>"; x()</script>', kind).map((b) => b.text)).toEqual(['const s = "<\\/script>"; x()']);
  });

  it.each(KINDS)('%s: large inputs finish (linear scans)', (kind) => {
    const chunk = '<div class="a" hx-get="/api/x">{{ x }} {y}</div>\n<!-- c -->\n<script>fetch("/api/y")</script>\n';
    const big = chunk.repeat(Math.ceil(2_000_000 / chunk.length));
    const copies = Math.ceil(2_000_000 / chunk.length);
    expect(extractScriptBlocks(big, kind).length).toBe(copies);
    expect(scanElements(big, kind).length).toBe(2 * copies); // in a Vue file each <div> is a root-level custom block

    const nasty = ['<', '<a ', '<a b="', '{', '{{', '`${', '<!--', '</', '<script>', '\n', '<template>{{', '<a b={'];
    for (const unit of nasty) {
      const t = (kind === 'vue' ? '<template>' : '') + unit.repeat(Math.ceil(1_000_000 / unit.length));
      expect(() => extractScriptBlocks(t, kind, { handlers: true })).not.toThrow();
      expect(() => scanElements(t, kind)).not.toThrow();
    }
  });

  it.each(KINDS)('%s: random garbage never throws and stays consistent', (kind) => {
    let seed = 0x9e3779b9 ^ kind.length;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const pieces = ['<', '>', '</', '/>', 'script', 'SCRIPT', 'template', 'style', ' ', '"', "'", '`', '=', '---', '\n', '\r\n', '\r', '{', '}', '{{', '}}', '${', '<!--', '-->', 'a', 'on', 'lang="ts"', 'src=', '\\', '/*', '//', '\u2028', '\0', '<\\/script>', 'é'];
    for (let n = 0; n < 300; n++) {
      let text = '';
      const len = Math.floor(random() * 120);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(random() * pieces.length)];
      expectConsistent(text, kind);
    }
  });
});
