/**
 * Python values the route helpers of real apps build: a function with several `return`s gives one of
 * them (each an alternative; redash's `org_scoped_rule`), `"…{}".format(x)` fills positional fields, and
 * a list comprehension's item is followed for the element it is applied to.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createParser, type TsParser } from '../../src/core/parse/treeSitter';
import { buildPyFacts } from '../../src/core/lang/python/facts';
import { flattenTree } from '../../src/core/parse/syntaxTree';
import { Evaluator, type Program, type Value } from '../../src/core/resolve/evaluate';
import { expandParts, literalText } from '../../src/core/resolve/parts';

let parser: TsParser;
beforeAll(async () => {
  parser = await createParser('python');
});

function valueOf(src: string, name: string): { ev: Evaluator; v: Value } {
  const tree = parser.parse(src)!;
  const facts = buildPyFacts(flattenTree(tree, src), 'm.py');
  tree.delete();
  const program: Program = { module: (f) => (f === 'm.py' ? facts.module : undefined), resolveImport: () => null, isWorkspaceSpecifier: () => false, submoduleSpec: () => null };
  const ev = new Evaluator(program);
  return { ev, v: ev.evaluate({ k: 'ref', name }, { file: 'm.py', fn: null, params: null }) };
}

/** Every text the value may take ('?' for a part that is not literal). */
function forms(src: string, name: string): string[] {
  const { ev, v } = valueOf(src, name);
  return expandParts(ev.partsOf(v)).map((p) => literalText(p) ?? '?');
}

describe('Python route helper values', () => {
  it('reads a function with several returns as one of them', () => {
    const src = `
def org_scoped_rule(rule):
    if settings.MULTI_ORG:
        return "/<org_slug>{}".format(rule)
    return rule

LOGIN = org_scoped_rule("/login")
`;
    expect(forms(src, 'LOGIN')).toEqual(['/<org_slug>/login', '/login']);
  });

  it('leaves a function with more returns than it follows opaque', () => {
    const src = `
def pick(x):
    if x == 1:
        return "/a"
    if x == 2:
        return "/b"
    if x == 3:
        return "/c"
    if x == 4:
        return "/d"
    return "/e"

P = pick(1)
`;
    expect(valueOf(src, 'P').v.t).toBe('call');
  });

  it('fills the positional fields of str.format, and nothing else', () => {
    expect(forms('A = "/{}/{}".format("a", "b")', 'A')).toEqual(['/a/b']);
    expect(forms('A = "/{1}/{0}".format("a", "b")', 'A')).toEqual(['/b/a']);
    expect(forms('A = "/{{x}}/{}".format("a")', 'A')).toEqual(['/{x}/a']);
    expect(valueOf('A = "/{name}".format(name="a")', 'A').v.t).toBe('unknown');
    expect(valueOf('A = "/{:>8}".format("a")', 'A').v.t).toBe('unknown');
    expect(valueOf('A = "/{}/{}".format("a")', 'A').v.t).toBe('unknown');
  });

  it('records a list comprehension with one plain loop as an item per element, any other as unknown', () => {
    const src = 'X = [PREFIX + u for u in urls]\nY = [u for u in urls if u]\nZ = [a + b for a, b in pairs]\n';
    const tree = parser.parse(src)!;
    const facts = buildPyFacts(flattenTree(tree, src), 'm.py');
    tree.delete();
    expect(facts.module.bindings['X']).toMatchObject({ k: 'each', item: { k: 'concat' }, over: { k: 'ref', name: 'urls' } });
    expect(facts.module.bindings['Y']?.k).toBe('dyn');
    expect(facts.module.bindings['Z']?.k).toBe('dyn');
  });
});
