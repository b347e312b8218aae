/** The ignore quick fix's edits: minimal, comment- and line-ending-preserving, or refused with a reason. */
import { applyEdits } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';
import { ignoreRuleEdits } from '../../src/core/configEdit';

const rule = { method: 'GET' as const, path: '/b', reason: 'y' };
const apply = (text: string): string => {
  const r = ignoreRuleEdits(text, rule);
  if ('refused' in r) throw new Error(r.refused);
  return applyEdits(text, [...r.edits]);
};

describe('ignore rule edits', () => {
  it("keep a comment trailing the last rule on that rule's line", () => {
    const text = '{\n  "ignore": [\n    { "path": "/a", "reason": "x" } // keep\n  ]\n}\n';
    const out = apply(text);
    expect(out).toBe('{\n  "ignore": [\n    { "path": "/a", "reason": "x" }, // keep\n    {"method":"GET","path":"/b","reason":"y"}\n  ]\n}\n');
    expect(parseConfig(out, 'c.json').ignore.map((r) => r.path)).toEqual(['/a', '/b']);
  });

  it('keep CRLF line endings', () => {
    const text = '{\r\n  "ignore": [\r\n    { "path": "/a", "reason": "x" }\r\n  ]\r\n}\r\n';
    const out = apply(text);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(parseConfig(out, 'c.json').ignore).toHaveLength(2);
    const added = apply('{\r\n  "services": []\r\n}\r\n');
    expect(added.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('keep one-line lists on one line, and tabs as tabs', () => {
    expect(apply('{ "ignore": [{ "path": "/a", "reason": "x" }] }')).toBe('{ "ignore": [{ "path": "/a", "reason": "x" }, {"method":"GET","path":"/b","reason":"y"}] }');
    expect(apply('{\n\t"ignore": [\n\t\t{ "path": "/a", "reason": "x" }\n\t]\n}\n')).toContain('\n\t\t{"method":"GET"');
  });

  it('refuse what cannot be edited safely', () => {
    expect(ignoreRuleEdits('{ "ignore": { "path": "/a" } }', rule)).toEqual({ refused: '"ignore" is not a list of rules; fix it first' });
    expect(ignoreRuleEdits('{ "ignore": [ }', rule)).toEqual({ refused: 'it has JSON errors; fix them first' });
    expect(ignoreRuleEdits('[]', rule)).toEqual({ refused: 'it is not a JSON object' });
  });

  it('add the list when there is none, and create the content of a missing file', () => {
    const out = apply('{\n  // services\n  "services": []\n}\n');
    expect(out).toContain('// services');
    expect(parseConfig(out, 'c.json').ignore.map((r) => r.path)).toEqual(['/b']);
    const created = ignoreRuleEdits(null, rule);
    expect('edits' in created && JSON.parse(created.edits[0]!.content)).toEqual({ ignore: [{ method: 'GET', path: '/b', reason: 'y' }] });
  });
});

describe('ignore rule edits on hostile configs', () => {
  it('refuse a config nested 100,000 deep instead of overflowing', () => {
    const deep = '{"x":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    expect(ignoreRuleEdits(deep, rule)).toHaveProperty('refused');
  });
});
