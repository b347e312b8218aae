/**
 * A re-index parses, between pauses, what the last run read on demand. The evaluator parses an imported
 * module when it first reads it, synchronously: on plane one request's import chain parsed 100+ modules
 * in one 0.7 s step with the language server's event loop blocked. After a first run, the next one
 * (a "Re-index" drops every parse) parses those modules before linking, so no parse happens in the
 * synchronous link or request steps. Order, not time: each parse records the phase it ran in.
 */
import { describe, expect, it } from 'vitest';
import { Analyzer, DEFAULT_CONFIG, type Progress } from '../../src/core';
import { estreeParser, type JsParser } from '../../src/core/lang/js/parser';
import { memoryFs } from '../memoryFs';

const CHAIN = 12;
const files: Record<string, string> = {
  'api/requirements.txt': 'fastapi\n',
  'api/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/v1/items")\ndef items():\n    return []\n',
  'web/package.json': '{"name":"web","dependencies":{"react":"18"}}',
  // The call's base comes from the end of an import chain the gates never accept (no request in it).
  'web/src/page.ts': "import { BASE } from './c0';\nexport const load = () => fetch(`${BASE}/items`);\n",
};
for (let i = 0; i < CHAIN; i++) {
  files[`web/src/c${i}.ts`] = i === CHAIN - 1 ? "export const BASE = 'http://localhost:8000/v1';\n" : `export { BASE } from './c${i + 1}';\n`;
}

describe('prefetch of what the last run read', () => {
  it('parses the import chain before linking on the next run, with the same result', async () => {
    let phase = 'start';
    const parsedIn: { file: string; phase: string }[] = [];
    const jsParser: JsParser = {
      name: 'recording',
      parse(text, options) {
        parsedIn.push({ file: options.file, phase });
        return estreeParser.parse(text, options);
      },
    };
    const onProgress = (p: Progress) => void (phase = p.phase);
    const analyzer = new Analyzer();
    const opts = { root: '/ws', fs: memoryFs(files), config: DEFAULT_CONFIG, configFile: null, jsParser, onProgress };
    const first = await analyzer.analyze(opts);
    expect(first.summary.used).toBe(1);
    // The first run cannot know the chain: it parses it on demand, while resolving the request.
    expect(parsedIn.filter((p) => p.phase === 'linking').map((p) => p.file)).toContain(`web/src/c${CHAIN - 1}.ts`);

    analyzer.clear();
    parsedIn.length = 0;
    const second = await analyzer.analyze(opts);
    expect(second.summary).toEqual(first.summary);
    expect(parsedIn.map((p) => p.file)).toContain(`web/src/c${CHAIN - 1}.ts`);
    expect(parsedIn.filter((p) => p.phase !== 'parsing' && p.phase !== 'listing')).toEqual([]);
  });
});
