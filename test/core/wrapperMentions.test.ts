/**
 * The wrapper pass parses the files that mention a wrapper's name. In JS a name followed on its line by
 * another word is no reference (the `delete` operator, a getter, prose in comments, strings, JSX text),
 * unless that word is one an expression or binding may be followed by: such files are not parsed.
 */
import { describe, expect, it } from 'vitest';
import { patternOf } from '../../src/core/engine/wrappers';

const p = patternOf(new Set(['get', 'delete', 'onSubmit']), true);
const refs = (text: string) => p.re.test(text);

describe('wrapper name mentions (JS references only)', () => {
  it('counts calls, member reads, imports, shorthand, casts and line ends', () => {
    for (const t of [
      'this.get(`/x`)',
      'api.delete<T>(url)',
      'const { get } = api',
      'import get from "./get"',
      'import { get as g } from "./api"',
      'export default get\nfunction other() {}',
      'handleSubmit(onSubmit)',
      'const f = get satisfies Fn',
      'if (get in obj) {}',
      'x = cond ? get : post',
      'return get',
      'api["delete"](u)',
      '<form onSubmit={onSubmit}>',
      'const f = get as unknown as Fn',
      'for (const get of list) {}',
      'obj.get\n  .bind(obj)',
    ])
      expect(refs(t), t).toBe(true);
  });

  it('skips the delete operator, getters and prose', () => {
    for (const t of ['delete this.map[key]', 'get size() { return 1 }', '// get the list, then delete it', '<p>Click to delete everything</p>', 'static get instance() {}', '"get started"'])
      expect(refs(t), t).toBe(false);
  });

  it('counts every mention without the JS option (Python and route helpers)', () => {
    expect(patternOf(new Set(['get']), false).re.test('x = get if a else b')).toBe(true);
  });
});
