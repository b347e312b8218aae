/** File globs as the config documents them (braces are expanded when the config is read). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from '../../src/core/config';
import { matchFileGlob, matchWildcard } from '../../src/core/glob';
import { fileRole } from '../../src/core/project/roles';

describe('file globs', () => {
  it.each([
    ['**/*.test.*', 'web/src/a.test.ts', true],
    ['**/*.test.*', 'a.test.ts', true],
    ['**/__tests__/**', 'web/__tests__/x/y.ts', true],
    ['e2e/**', 'e2e/a.spec.ts', true],
    ['e2e/**', 'web/e2e/a.ts', false],
    ['**/test_?.py', 'api/test_a.py', true],
    ['**/test_?.py', 'api/test_ab.py', false],
    ['**/[ab]*.ts', 'x/b1.ts', true],
    ['**/[ab]*.ts', 'x/c1.ts', false],
    ['**/[!a]*.ts', 'x/c1.ts', true],
    ['**/v[0-9].ts', 'x/v7.ts', true],
  ])('%s on %s → %s', (glob, path, expected) => {
    expect(matchFileGlob(glob, path)).toBe(expected);
  });

  it('testFiles: braces from the config, and `!` patterns that take files back', () => {
    const config = parseConfig(JSON.stringify({ testFiles: ['**/*.{test,spec}.ts', 'mocks/**', '!mocks/real/**'] }), 'c.json');
    expect(fileRole(config, 'web/a.spec.ts')).toBe('test');
    expect(fileRole(config, 'mocks/handlers.ts')).toBe('test');
    expect(fileRole(config, 'mocks/real/api.ts')).toBe('app');
    expect(fileRole(config, 'web/a.ts')).toBe('app');
    expect(fileRole(DEFAULT_CONFIG, 'server/mock-server.js')).toBe('test');
  });
});

describe('segment patterns of literal pieces and stars', () => {
  it('match as the character-by-character program does', () => {
    // The reference: the same pattern with its first literal character as a class of itself (the
    // character-by-character program); a pattern of stars alone matches anything.
    const reference = (p: string, t: string) => (/[^*]/.test(p) ? matchWildcard(p.replace(/[^*]/, (c) => `[${c}]`), t) : true);
    const alphabet = ['a', 'b', '.', '*'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let i = 0; i < 3000; i++) {
      const p = Array.from({ length: 1 + rand(6) }, () => alphabet[rand(4)]).join('');
      const t = Array.from({ length: rand(8) }, () => alphabet[rand(3)]).join('');
      expect(matchWildcard(p, t), `${p} ~ ${t}`).toBe(reference(p, t));
    }
  });
});
