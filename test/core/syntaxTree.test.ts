/**
 * The flattened tree (parse/syntaxTree.ts) answers as web-tree-sitter's nodes do: for every node of every
 * Python file of the fixtures and of a few awkward texts (non-ASCII, CRLF, tabs, syntax errors, an empty
 * file), its type, named flag, text, positions, children, named children and fields; walked with the
 * binding's cursor functions and with the public TreeCursor API.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParser, cursorWasm, disableCursorWasm, type TsParser } from '../../src/core/parse/treeSitter';
import { flattenTree, type SyntaxNode } from '../../src/core/parse/syntaxTree';

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

const AWKWARD = [
  '',
  'x = "é€😀"\r\ny = f"{x}/ü/{x!r}"  # ∂\r\n',
  'def f(a, *, b=1, **kw):\n\treturn  g(a)(b)[\'k\']\n',
  'class A(B, metaclass=M):\n    def __init__(self:\n        pass\n\nurlpatterns = [path("a/", v) +\n',
  'if x:\n  y = 1\nelse\n  y = 2\n@dec\n',
  'match d["type"]:\n    case "chat": pass\n    case _: pass\n',
];

/** The node's answers, as data, recursively. */
function shape(n: Node | SyntaxNode, fields: readonly string[]): unknown {
  const kids = n.children.filter((c): c is NonNullable<typeof c> => !!c);
  return {
    type: n.type,
    named: n.isNamed,
    text: n.text,
    start: n.startPosition,
    end: n.endPosition,
    index: [n.startIndex, n.endIndex],
    named_children: n.namedChildren.filter((c) => !!c).length,
    fields: Object.fromEntries(fields.flatMap((f) => {
      // The one known difference: tree-sitter finds a match statement's `alternative` (a field of the
      // case clauses inside its body block, an alias of a hidden rule) on the statement itself; the walk
      // keeps fields where the cursor reports them. No pack reads it (discriminants search case clauses).
      if (n.type === 'match_statement' && f === 'alternative') return [];
      const c = n.childForFieldName(f);
      return c ? [[f, [c.type, c.startIndex, c.endIndex]]] : [];
    })),
    children: kids.map((c) => shape(c, fields)),
  };
}

function check(text: string): void {
  const tree = parser.parse(text)!;
  try {
    const fields = tree.language.fields.filter((f): f is string => !!f);
    const flat = flattenTree(tree, text);
    expect(shape(flat, fields)).toEqual(shape(tree.rootNode, fields));
    expect(flat.hasError).toBe(tree.rootNode.hasError);
    for (const type of ['comparison_operator', 'case_clause', 'call']) {
      expect(flat.descendantsOfType(type).map((d) => d.startIndex)).toEqual(tree.rootNode.descendantsOfType(type).map((d) => d!.startIndex));
    }
  } finally {
    tree.delete();
  }
}

describe('flattened tree-sitter trees', () => {
  const files = pyFiles(join(__dirname, '../fixtures'));
  it('reach the binding (the fast walk is in use)', () => {
    expect(cursorWasm()).not.toBeNull();
  });
  it('answer as web-tree-sitter nodes for every Python file of the fixtures and awkward texts', () => {
    for (const text of AWKWARD) check(text);
    for (const f of files) check(readFileSync(f, 'utf8'));
  });
  describe('through the public cursor API', () => {
    beforeAll(() => disableCursorWasm());
    afterAll(() => undefined);
    it('give the same answers', () => {
      for (const text of AWKWARD) check(text);
      for (const f of files.slice(0, 40)) check(readFileSync(f, 'utf8'));
    });
  });
});
