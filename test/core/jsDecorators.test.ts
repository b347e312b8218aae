/**
 * JS facts that decorator- and directive-based frameworks read: class and member decorators with their
 * arguments (NestJS), directive prologues of modules and functions (`'use server'`), import spans, and
 * members compared with strings (`req.method === 'POST'`).
 */
import { describe, expect, it } from 'vitest';
import { buildJsFacts } from '../../src/core/lang/js/facts';
import { estreeParser } from '../../src/core/lang/js/parser';

const facts = (text: string, file = 'm.ts') => buildJsFacts(estreeParser.parse(text, { jsx: file.endsWith('x'), file }), file, text);

describe('JS decorator facts', () => {
  it('records class, method and property decorators with their arguments as symbols', () => {
    const f = facts(`
      import { Controller, Get, Version } from '@nestjs/common';
      const BASE = 'cats';
      @Controller({ path: BASE, version: '2' })
      export class CatsController {
        @Version('3')
        @Get(':id')
        findOne() { return 1; }
        @Inject() private readonly svc: unknown;
        helper() { return 2; }
      }
    `);
    const byName = Object.fromEntries(f.decorated.map((d) => [d.name, d]));
    expect(Object.keys(byName).sort()).toEqual(['CatsController', 'CatsController.findOne', 'CatsController.svc']);
    const cls = byName['CatsController']!;
    expect(cls.kind).toBe('class');
    expect(cls.decorators[0]!.expr).toMatchObject({ k: 'call', callee: { k: 'ref', name: 'Controller' }, args: [{ k: 'obj', props: { path: { k: 'ref', name: 'BASE' }, version: { k: 'str', v: '2' } } }] });
    const m = byName['CatsController.findOne']!;
    expect(m.kind).toBe('method');
    expect(m.className).toBe('CatsController');
    expect(m.fnId).toBe(Object.values(f.module.functions).find((fn) => fn.name === 'CatsController.findOne')!.id);
    expect(m.decorators.map((d) => d.expr)).toMatchObject([
      { k: 'call', callee: { k: 'ref', name: 'Version' }, args: [{ k: 'str', v: '3' }] },
      { k: 'call', callee: { k: 'ref', name: 'Get' }, args: [{ k: 'str', v: ':id' }] },
    ]);
    expect(byName['CatsController.svc']!.kind).toBe('property');
    // Decorator expressions are not calls of the module.
    expect(f.calls.some((c) => c.callee.k === 'ref' && c.callee.name === 'Get')).toBe(false);
  });

  it('records directive prologues of modules and functions, and nothing for strings elsewhere', () => {
    const mod = facts(`'use server';\nexport async function save() { return 1; }`);
    expect(mod.module.directives).toEqual(['use server']);
    const inline = facts(`export default function Page() {\n  async function act() { 'use server'; await 1; }\n  const s = 'use server';\n  return act;\n}`);
    expect(inline.module.directives).toBeUndefined();
    const fns = Object.values(inline.module.functions);
    expect(fns.find((fn) => fn.name === 'act')!.directives).toEqual(['use server']);
    expect(fns.find((fn) => fn.name === 'Page')!.directives).toBeUndefined();
  });

  it('records import spans and string comparisons of members', () => {
    const f = facts(`
      import { a, b as c } from './x';
      export default function handler(req, res) {
        if (req.method !== 'POST') return res.status(405).end();
        switch (req.method) { case 'GET': break; case 'PUT': break; default: break; }
        if ('DELETE' === req.method) return 1;
        if (req.method === other) return 2;
      }
    `);
    expect(Object.keys(f.importSpans).sort()).toEqual(['a', 'c']);
    expect(f.comparisons.map((c) => `${c.op} ${c.value}`)).toEqual(['ne POST', 'case GET', 'case PUT', 'eq DELETE']);
    expect(f.comparisons.every((c) => c.subject.k === 'member' && c.subject.prop === 'method')).toBe(true);
  });
});
