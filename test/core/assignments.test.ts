/**
 * Properties assigned to a named object after it is built (`options.url = …`, in branches too): the
 * JS facts record them on the object literal, and the evaluator reads them as values the property may
 * have (`memberValues`) or, first one winning, as its value (`member`).
 */
import { describe, expect, it } from 'vitest';
import { buildJsFacts } from '../../src/core/lang/js/facts';
import { estreeParser } from '../../src/core/lang/js/parser';
import { Evaluator, literalText, type Program, type Value } from '../../src/core/resolve/evaluate';
import { memberValues } from '../../src/core/resolve/members';

function evaluatorFor(text: string): { ev: Evaluator; value(name: string): Value } {
  const facts = buildJsFacts(estreeParser.parse(text, { jsx: false, file: 'm.js' }), 'm.js', text);
  const program: Program = {
    module: (f) => (f === 'm.js' ? facts.module : undefined),
    resolveImport: () => null,
    isWorkspaceSpecifier: () => false,
    submoduleSpec: () => null,
  };
  const ev = new Evaluator(program);
  return { ev, value: (name) => ev.evaluate({ k: 'ref', name }, { file: 'm.js', fn: null, params: null }) };
}

const texts = (ev: Evaluator, values: readonly Value[]) => values.map((v) => (v.t === 'unknown' ? (v.absent ? '<unset>' : `<${v.text}>`) : (literalText(ev.partsOf(v)) ?? `<${v.t}>`)));

describe('property assignments', () => {
  it('counts every later assignment, in any branch, as a possible value', () => {
    const { ev, value } = evaluatorFor(`
      const options = { url: "/a", timeout: 5 };
      if (x) { options.socketPath = "/var/run/docker.sock"; } else { options.baseURL = base(); }
      options["method"] = "post";
      options.url += "?all=1";
    `);
    const options = value('options');
    expect(texts(ev, memberValues(ev, options, 'socketPath'))).toEqual(['/var/run/docker.sock']);
    expect(texts(ev, memberValues(ev, options, 'baseURL'))).toEqual(['<call>']);
    expect(texts(ev, memberValues(ev, options, 'url'))).toEqual(['/a', '/a?all=1']);
    expect(texts(ev, memberValues(ev, options, 'proxy'))).toEqual(['<unset>']);
    // The first value wins for a single reading, as for reassigned variables.
    expect(literalText(ev.partsOf(ev.member(options, 'url')))).toBe('/a');
    expect(literalText(ev.partsOf(ev.member(options, 'method')))).toBe('post');
  });

  it('sees assignments made inside functions, and through spreads', () => {
    const { ev, value } = evaluatorFor(`
      const defaults = { timeout: 1 };
      function configure() { defaults.baseURL = "https://api.example.com"; }
      const request = { ...defaults, url: "/x" };
    `);
    expect(texts(ev, memberValues(ev, value('request'), 'baseURL'))).toEqual(['https://api.example.com']);
  });

  it('leaves parameters and values that are not object literals alone', () => {
    const { ev, value } = evaluatorFor(`
      function f(config) { config.baseURL = "https://elsewhere"; return config; }
      const fromCall = make();
      fromCall.baseURL = "https://elsewhere";
      const plain = { url: "/x" };
    `);
    expect(value('fromCall').t).not.toBe('obj');
    expect(texts(ev, memberValues(ev, value('plain'), 'baseURL'))).toEqual(['<unset>']);
  });
});
