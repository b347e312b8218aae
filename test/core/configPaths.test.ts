/** Everything the config names stays inside the workspace root: globs and service folders. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseConfig } from '../../src/core/config';
import { outsideProblem } from '../../src/core/configPaths';

function messages(config: unknown): string[] {
  try {
    parseConfig(JSON.stringify(config), 'api-parity.config.json');
  } catch (e) {
    if (!(e instanceof ConfigurationError)) throw e;
    return e.problems.map((p) => p.message);
  }
  return [];
}

describe('globs stay inside the workspace root', () => {
  it.each([
    ['../../**/*.py', /include\[0\]: leads out of the workspace root/],
    ['src/../../x/**', /leads out of the workspace root/],
    ['..\\..\\x\\*.py', /leads out of the workspace root/],
    ['\\.\\./*.py', /leads out of the workspace root/],
    ['!../x/**', /leads out of the workspace root/],
    ['{..,src}/*.py', /leads out of the workspace root \(a "\.\." segment\); a pattern stays inside the workspace \(in its expansion "\.\.\/\*\.py"\)/],
    ['.{.,}/*.py', /in its expansion "\.\.\/\*\.py"/],
    ['/etc/**', /include\[0\]: is an absolute path/],
    ['\\\\server\\share\\**', /is an absolute path/],
    ['C:/Users/**', /is an absolute path/],
    ['c:secrets/**', /is an absolute path/],
  ])('refuses %s', (pattern, message) => {
    const found = messages({ include: [pattern] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('checks exclude and testFiles the same way', () => {
    expect(messages({ exclude: ['/tmp/**'], testFiles: ['../tests/**'] })).toEqual([
      'exclude[0]: is an absolute path; a pattern is relative to the workspace root and stays inside it',
      'testFiles[0]: leads out of the workspace root (a ".." segment); a pattern stays inside the workspace',
    ]);
  });

  it('accepts patterns that stay inside, dots in names included', () => {
    expect(messages({ include: ['./src/**', 'src/**/*.py', '**/..foo/*.ts', 'a..b/**', '.github/**', '!legacy/**'] })).toEqual([]);
  });
});

describe('service roots stay inside the workspace root', () => {
  it.each(['../../..', '/etc', 'a/../../b', 'backend/..', '..\\api', '\\api', 'C:\\api', '.', './backend', 'apps/api'])('%s', (root) => {
    const found = messages({ services: [{ name: 'api', root }] });
    if (root === '.' || root === './backend' || root === 'apps/api') expect(found).toEqual([]);
    else expect(found).toEqual([expect.stringMatching(/^services\[0\]\.root: (is an absolute path|leads out of the workspace root)/)]);
  });
});

describe('the JSON schema', () => {
  it('refuses the same plain patterns and roots as the config reader (escaped and braced forms are the reader\'s alone)', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../schemas/api-parity.config.schema.json'), 'utf8')) as {
      properties: Record<string, { items: { pattern: string; properties: Record<string, { pattern: string }> } }>;
    };
    const samples = ['../../**/*.py', 'src/../../x/**', '..\\..\\x', '!../x/**', '/etc/**', '\\\\server', 'C:/Users', 'c:secrets', '..', 'a/..', './src/**', 'src/**/*.py', '**/..foo/*.ts', 'a..b/**', '.github/**', '!legacy/**'];
    for (const key of ['include', 'exclude', 'testFiles']) {
      const re = new RegExp(schema.properties[key]!.items.pattern);
      for (const p of samples) expect(re.test(p), `${key}: ${p}`).toBe(outsideProblem(p, 'pattern') === null);
    }
    const root = new RegExp(schema.properties['services']!.items.properties['root']!.pattern);
    for (const p of samples.filter((x) => !x.startsWith('!'))) expect(root.test(p), `root: ${p}`).toBe(outsideProblem(p, 'folder') === null);
  });
});
