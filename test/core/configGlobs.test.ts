/**
 * File globs come from a config file the workspace controls (the extension runs in untrusted
 * workspaces): they are bounded before any of them reaches fast-glob, and each mistake is a located
 * configuration error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseConfig } from '../../src/core/config';
import { GLOB_LIMITS } from '../../src/core/configPaths';

function problems(config: unknown): string[] {
  const text = typeof config === 'string' ? config : JSON.stringify(config, null, 2);
  try {
    parseConfig(text, 'api-parity.config.json');
  } catch (e) {
    if (!(e instanceof ConfigurationError)) throw e;
    return e.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
  }
  return [];
}

describe('glob lists are bounded', () => {
  it('rejects a brace bomb (a 121-byte config that expanded to a million patterns), located on the pattern', () => {
    const text = JSON.stringify({ exclude: [`**/*${'{a,b}'.repeat(20)}`] });
    expect(text.length).toBeLessThan(130);
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^1:13 exclude\[0\]: expands to more than 256 patterns/);
  });

  it('counts the expansions of a whole list, nested braces included', () => {
    const sixteen = '{a,b}{c,d}{e,f}{g,h}';
    expect(problems({ include: Array.from({ length: 16 }, (_, i) => `p${i}/${sixteen}`) })).toEqual([]);
    expect(problems({ include: Array.from({ length: 17 }, (_, i) => `p${i}/${sixteen}`) })).toEqual(['2:3 include: expands to 272 patterns; at most 256 are allowed']);
    expect(problems({ exclude: ['{a,{b,{c,{d,e}}}}/{x,y}'] })).toEqual([]);
  });

  it('rejects too many patterns without checking them one by one', () => {
    const found = problems({ exclude: Array.from({ length: 10_000 }, (_, i) => `d${i}/**`) });
    expect(found).toEqual(['2:3 exclude: has 10000 patterns; at most 100 are allowed']);
  });

  it('rejects an over-long pattern', () => {
    expect(problems({ testFiles: [`**/${'x'.repeat(1000)}`] })).toEqual(['3:5 testFiles[0]: is 1003 characters long; at most 1000 are allowed']);
  });

  it('rejects brace ranges instead of expanding them ({1..10000000} was an internal error)', () => {
    expect(problems({ exclude: ['**/{1..10000000}'] })).toEqual(['3:5 exclude[0]: brace ranges such as {1..10000000} are not supported; list the alternatives ({a,b,c})']);
    expect(problems({ exclude: ['**/{a..z}.ts'] })).toHaveLength(1);
  });

  it('rejects patterns whose matching backtracks: extended globs, 3 wildcards in one segment, 3 globstars', () => {
    expect(problems({ exclude: ['**/+(a|aa)b'] })).toEqual(['3:5 exclude[0]: extended globs such as +(…), @(…) or !(…) are not supported']);
    expect(problems({ exclude: ['**/*a*a*b'] })).toEqual(['3:5 exclude[0]: has 3 "*" wildcards in the segment "*a*a*b"; at most 2 are allowed in one segment']);
    expect(problems({ include: ['**/x/**/y/**/z'] })).toEqual(['3:5 include[0]: has 3 "**" segments; at most 2 are allowed']);
  });

  it('still reads the patterns people write, expanding braces itself', () => {
    const c = parseConfig(JSON.stringify({ include: ['src/**/*.{ts,tsx}', 'app/(marketing)/**', 'lib/[ab]*.py', '!legacy/**'], exclude: ['**/*.test.*', '**/__tests__/**', 'x/\\{literal\\}/**'], testFiles: ['**/*.{test,spec}.ts'] }), 'c.json');
    expect(c.include).toEqual(['src/**/*.ts', 'src/**/*.tsx', 'app/(marketing)/**', 'lib/[ab]*.py', '!legacy/**']);
    expect(c.exclude).toEqual(['**/*.test.*', '**/__tests__/**', 'x/\\{literal\\}/**']);
    expect(c.testFiles).toEqual(['**/*.test.ts', '**/*.spec.ts']);
  });

  it('keeps unbalanced braces and one-item braces literal', () => {
    const c = parseConfig(JSON.stringify({ exclude: ['a/{b', 'c}/d', 'e/{f}/g', '[{,}]/x'] }), 'c.json');
    expect(c.exclude).toEqual(['a/{b', 'c}/d', 'e/{f}/g', '[{,}]/x']);
  });
});

describe('the JSON schema', () => {
  it('states the same bounds on the glob lists', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../schemas/api-parity.config.schema.json'), 'utf8')) as { properties: Record<string, { maxItems?: number; items?: { maxLength?: number } }> };
    for (const key of ['include', 'exclude', 'testFiles']) {
      expect(schema.properties[key]!.maxItems, key).toBe(GLOB_LIMITS.patterns);
      expect(schema.properties[key]!.items!.maxLength, key).toBe(GLOB_LIMITS.length);
    }
  });
});
