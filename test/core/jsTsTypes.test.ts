/**
 * TS types declared for a request's answer (lang/js/tsTypes.ts): plain top-level interfaces and object
 * type literals with their required properties, the reasons others are not plain, type imports, and the
 * places an answer is given a type by name.
 */
import { describe, expect, it } from 'vitest';
import { buildJsFacts } from '../../src/core/lang/js/facts';
import { estreeParser } from '../../src/core/lang/js/parser';

const facts = (text: string, file = 'm.ts') => buildJsFacts(estreeParser.parse(text, { jsx: false, file }), file, text);

describe('TS response types', () => {
  it('records plain types with their required properties, and why the others are not plain', () => {
    const t = facts(`
      export interface A { id: number; 'full-name': string; nick?: string; bio: string | undefined; readonly r: number }
      type B = { x: number };
      interface G<T> { items: T[] }
      interface E extends A { y: number }
      interface I { [k: string]: number }
      interface M { f(): void }
      type U = { a: 1 } | { b: 2 };
      interface D { a: number }
      interface D { b: number }
      function f() { interface Local { z: number } }
    `).tsTypes!;
    const names = (n: string) => t.decls[n]!.fields?.map((f) => f.name) ?? t.decls[n]!.why;
    expect(names('A')).toEqual(['id', 'full-name', 'r']);
    expect(names('B')).toEqual(['x']);
    expect(names('G')).toBe('it is generic');
    expect(names('E')).toBe('it extends another type');
    expect(names('I')).toMatch(/index signature/);
    expect(names('M')).toMatch(/method/);
    expect(names('U')).toBe('it is not a plain object type');
    expect(names('D')).toBe('it is declared more than once');
    expect(t.decls['Local']).toBeUndefined();
  });

  it('records type imports and the answers given a type by name', () => {
    const t = facts(`
      import type { User } from './types';
      import { type Tokens, api } from './api';
      export async function a() {
        const x = await api.get<User>('/u');
        const y = await ky.get('/u').json<User>();
        const res = await fetch('/t');
        const tokens: Tokens = await res.json();
        const z = (await (await fetch('/u')).json()) as User;
        const list = await api.get<User[]>('/u');
        const g = await api.get<Page<User>>('/u');
        return [x, y, tokens, z, list, g];
      }
    `).tsTypes!;
    expect(t.imports['User']).toEqual({ specifier: './types', name: 'User' });
    expect(t.imports['Tokens']).toEqual({ specifier: './api', name: 'Tokens' });
    expect(t.typed.map((r) => [r.type, r.via, r.call.line])).toEqual([
      ['User', 'typed', 5],
      ['User', 'json', 6],
      ['Tokens', 'json', 7],
      ['User', 'json', 9],
    ]);
  });
});
