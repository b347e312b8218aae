/**
 * Deep inputs never crash the analysis or lose a call without a trace: a 3,000-module `export * from`
 * chain, and a file with a concatenation of 2,000 strings (which overflows the ESTree converter's stack).
 */
import { describe, expect, it } from 'vitest';
import { memoryFs } from '../memoryFs';
import { analyzeWorkspace } from '../../src/core';


const backend = { 'api/requirements.txt': 'fastapi\n', 'api/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/items")\ndef items(): ...\n' };

describe('deep inputs', () => {
  it('a 3,000-deep re-export chain keeps the call, unresolved with the reason', async () => {
    const files: Record<string, string> = { ...backend, 'web/package.json': '{"name":"web"}' };
    const N = 3000;
    for (let i = 0; i < N; i++) files[`web/re/r${i}.ts`] = `export * from './r${i + 1}';\n`;
    files[`web/re/r${N}.ts`] = "export const API = 'http://localhost:8000';\n";
    files['web/app.ts'] = "import { API } from './re/r0';\nexport const load = () => fetch(`${API}/items`);\n";
    const result = await analyzeWorkspace({ root: '/ws', fs: memoryFs(files) });
    const call = result.calls.find((c) => c.file === 'web/app.ts');
    expect(call, 'the call is kept').toBeDefined();
    expect(call!.status).toBe('unresolved');
    expect(call!.reason).toMatch(/re-exported through more than \d+ modules/);
  }, 60_000);

  it('a file with a chain of 2,000 concatenated strings is parsed, with a note, and its calls found', async () => {
    const chain = Array.from({ length: 2000 }, (_, i) => `'part${i}'`).join(' +\n  ');
    const text = `export const big = ${chain};\nexport const load = () => fetch('http://localhost:8000/items');\n`;
    const files = { ...backend, 'web/package.json': '{"name":"web"}', 'web/big.ts': text };
    const result = await analyzeWorkspace({ root: '/ws', fs: memoryFs(files) });
    expect(result.skipped).toEqual([]);
    expect(result.notes.some((n) => n.file === 'web/big.ts' && /nested too deeply/.test(n.message))).toBe(true);
    expect(result.calls.map((c) => `${c.file}:${c.line} ${c.status}`)).toEqual([`web/big.ts:${text.split('\n').findIndex((l) => l.includes('fetch(')) + 1} matched`]);
  }, 60_000);
});

describe('deep config files in the workspace', () => {
  it('a tsconfig.json nested 100,000 deep is a warning, not a crash', async () => {
    const deep = '{"compilerOptions":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    const result = await analyzeWorkspace({ root: '/ws', fs: memoryFs({ ...backend, 'web/package.json': '{"name":"web"}', 'web/tsconfig.json': deep, 'web/a.ts': "fetch('http://localhost:8000/items');\n" }) });
    expect(result.notes.some((n) => n.code === 'tsconfig-unreadable' && n.file === 'web/tsconfig.json')).toBe(true);
    expect(result.calls.map((c) => c.status)).toEqual(['matched']);
  }, 60_000);
});
