/**
 * The Python pack's values-only facts (a module no contribution accepts, parsed only because the
 * evaluator reads one of its values) leave out calls, decorators and discriminants, and must give the
 * very same module facts as the full walk: checked over every Python file of the fixtures.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createParser, type TsParser } from '../../src/core/parse/treeSitter';
import { buildPyFacts } from '../../src/core/lang/python/facts';
import { flattenTree } from '../../src/core/parse/syntaxTree';

let parser: TsParser;
beforeAll(async () => {
  parser = await createParser('python');
});

function pyFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) pyFiles(p, out);
    else if (name.endsWith('.py')) out.push(p);
  }
  return out;
}

const both = (src: string, file = 'm.py') => {
  const tree = parser.parse(src)!;
  try {
    const root = flattenTree(tree, src);
    return { full: buildPyFacts(root, file), values: buildPyFacts(root, file, true) };
  } finally {
    tree.delete();
  }
};

describe('Python values-only facts', () => {
  it('keep the constructor calls a subclass forwards to its base, and nothing else', () => {
    const { full, values } = both(`
from fastapi import APIRouter
class UserRouter(APIRouter):
    def __init__(self, prefix: str = "", **kw):
        super().__init__(prefix="/users" + prefix, **kw)
    @router.get("/x")
    def other(self):
        return make(1)
def factory():
    r = APIRouter(prefix="/f")
    return r
`);
    expect(values.module).toEqual(full.module);
    expect(values.module.classes['UserRouter']?.baseInit?.kw['prefix']).toBeDefined();
    expect(values.decorated).toEqual([]);
    expect(values.calls.every((c) => c.fn === values.module.classes['UserRouter']?.ctor)).toBe(true);
    expect(full.decorated.length).toBe(1);
  });

  it('give the same module facts as the full walk for every Python file of the fixtures', () => {
    const files = pyFiles(join(__dirname, '..', 'fixtures'));
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) {
      const { full, values } = both(readFileSync(f, 'utf8'), f);
      expect(values.module, f).toEqual(full.module);
    }
  });
});
