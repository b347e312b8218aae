/**
 * `absolute` (core/path.ts) joins plain relative paths as text: it must give what a native resolve gives,
 * for plain paths and for every awkward one it leaves to the resolve.
 */
import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import { absolute } from '../../src/core/path';

const roots = ['/work/repo', '/work/repo/', '/', '/work/./repo/../repo', 'relative/root', '.'];
const rels = [
  '.', 'a', 'a/b.py', 'apps/api/plane/urls.py', '.gitignore', '.github/workflows/x.yml', 'a/.b/c', '...', 'a/.../b', 'a..b/c', '..a', 'a/b..',
  '..', '../x', 'a/..', 'a/../b', './a', 'a/./b', 'a/.', 'a//b', 'a/', '/abs/path', 'x\\y', 'name with spaces/ü.ts', 'a:b',
];

describe('absolute', () => {
  it('equals a native resolve of the root and the segments', () => {
    for (const root of roots) {
      for (const rel of rels) {
        const want = rel === '.' ? nodePath.resolve(root) : nodePath.resolve(root, ...rel.split('/'));
        expect(absolute(root, rel), `${root} + ${rel}`).toBe(want);
      }
    }
  });
});
