/**
 * A path-parameter helper (`out = out.replace(`{${key}}`, value)` in a loop) keeps the path template it
 * is given; other values built up from themselves in a loop stay unknown. `value.replace(/suffix$/, "")`
 * takes a literal suffix off a literal, and marks it on an environment variable.
 */
import { describe, expect, it } from 'vitest';
import { buildJsFacts } from '../../src/core/lang/js/facts';
import { estreeParser } from '../../src/core/lang/js/parser';
import { Evaluator, type Program, type Value } from '../../src/core/resolve/evaluate';

function evaluatorFor(text: string): { ev: Evaluator; value(name: string): Value } {
  const facts = buildJsFacts(estreeParser.parse(text, { jsx: false, file: 'm.js' }), 'm.js', text);
  const program: Program = { module: (f) => (f === 'm.js' ? facts.module : undefined), resolveImport: () => null, isWorkspaceSpecifier: () => false, submoduleSpec: () => null };
  const ev = new Evaluator(program);
  return { ev, value: (name) => ev.evaluate({ k: 'ref', name }, { file: 'm.js', fn: null, params: null }) };
}

describe('path templates filled by a helper', () => {
  it('keeps the `{param}` template a loop of placeholder replacements fills', () => {
    const { ev, value } = evaluatorFor(`
      function fill(template, params) {
        let out = template;
        for (const [k, v] of Object.entries(params)) { out = out.replace(\`{\${k}}\`, v); }
        return out;
      }
      function colon(template, params) {
        let out = template;
        for (const [k, v] of Object.entries(params)) { out = out.replace(":" + k, v); }
        return out;
      }
      const a = fill("/notes/{note_id}", { note_id: "1" });
      const b = colon("/notes/:id", { id: "1" });
    `);
    expect(ev.partsOf(value('a'))).toEqual([{ lit: '/notes/{note_id}' }]);
    // Not an OpenAPI-style placeholder: built up from itself in a loop, not known.
    expect(value('b').t).toBe('unknown');
  });

  it('takes a literal suffix off a literal or an environment variable', () => {
    const { ev, value } = evaluatorFor(`
      const lit = "http://h/api".replace(/\\/api$/, "");
      const kept = "http://h/v1".replace(/\\/api$/, "");
      const env = process.env.API_URL.replace(/\\/api$/, "");
      const other = process.env.API_URL.replace(/\\/v[0-9]$/, "");
    `);
    expect(ev.partsOf(value('lit'))).toEqual([{ lit: 'http://h' }]);
    expect(ev.partsOf(value('kept'))).toEqual([{ lit: 'http://h/v1' }]);
    expect(ev.partsOf(value('env'))).toEqual([{ env: 'API_URL', fallback: null, dropSuffix: '/api' }]);
    expect(value('other').t).toBe('unknown');
  });
});
