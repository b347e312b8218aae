/**
 * Bad input never crashes the analysis: every problem file is recorded with a clear reason, and the rest
 * of the workspace is still analysed.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeWorkspace, AnalysisCancelled, DEFAULT_CONFIG, nodeFileSystem, parseConfig, type AnalysisResult } from '../../src/core';

let root: string;
let result: AnalysisResult;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'api-parity-bad-'));
  const w = (rel: string, data: string | Buffer) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), data);
  };
  w('api/requirements.txt', 'fastapi\n');
  w('api/main.py', 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/ok")\ndef ok():\n    return 1\n');
  // Latin-1 bytes (not UTF-8) in a route file: read, noted, still indexed.
  w('api/legacy.py', Buffer.concat([Buffer.from('from fastapi import APIRouter\nr = APIRouter()\n# caf'), Buffer.from([0xe9]), Buffer.from('\n@r.get("/legacy")\ndef l():\n    pass\napp.include_router(r)\n')]));
  // A Python syntax error: tree-sitter is tolerant, the valid route still counts.
  w('api/broken.py', 'from fastapi import APIRouter\nrouter = APIRouter()\n@router.get("/broken")\ndef b(:\n    pass\n');
  w('web/package.json', '{ "name": "web", "dependencies": { "next": "14" }, oops }');
  w('web/tsconfig.json', '{ "compilerOptions": { "paths": { "@/*": [ } }');
  w('web/src/good.ts', "export const f = () => fetch('http://localhost:8000/ok');\n");
  w('web/src/syntax.ts', "export const g = () => fetch('/x', { method: 'POST' ;\n");
  w('web/src/binary.js', Buffer.from([0x66, 0x65, 0x74, 0x63, 0x68, 0x28, 0x00, 0x01, 0x02]));
  w('web/src/huge.ts', `export const h = () => fetch('/huge');\n${'// filler\n'.repeat(150_000)}`);
  w('web/src/bundle.js', `fetch('/min');${'var a=1;'.repeat(5000)}`);
  w('web/src/bom.ts', "\ufeffexport const k = () => fetch('http://localhost:8000/ok');\n");
  w('web/src/utf16.ts', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("export const u = () => fetch('http://localhost:8000/ok');\n", 'utf16le')]));
  w('web/src/empty.ts', '');
  result = await analyzeWorkspace({ root, fs: nodeFileSystem(root), config: DEFAULT_CONFIG });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('bad input', () => {
  it('records every skipped file with a reason', () => {
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.file, s.reason]));
    expect(reasons['web/src/binary.js']).toMatch(/binary/);
    expect(reasons['web/src/huge.ts']).toMatch(/size cap/);
    expect(reasons['web/src/syntax.ts']).toMatch(/syntax error at line 1/);
    expect(reasons['web/src/bundle.js']).toMatch(/minified/);
    expect(Object.keys(reasons).sort()).toEqual(['web/src/binary.js', 'web/src/bundle.js', 'web/src/huge.ts', 'web/src/syntax.ts']);
  });

  it('keeps analysing everything else', () => {
    expect(result.endpoints.map((e) => e.path).sort()).toEqual(['/broken', '/legacy', '/ok']);
    const ok = result.endpoints.find((e) => e.path === '/ok')!;
    expect(ok.callers.map((c) => c.split(':')[0]).sort()).toEqual(['web/src/bom.ts', 'web/src/good.ts', 'web/src/utf16.ts']);
  });

  it('notes odd encodings and syntax errors instead of dropping the file', () => {
    const notes = result.notes.map((n) => `${n.file}: ${n.message}`);
    expect(notes).toContain('api/legacy.py: not valid UTF-8; read as Latin-1');
    expect(notes).toContain('web/src/utf16.ts: UTF-16 (LE) file');
    expect(notes).toContain('api/broken.py: has Python syntax errors; routes were read from the parts that parse');
  });

  it('honours a larger size cap from the configuration', async () => {
    const r = await analyzeWorkspace({ root, fs: nodeFileSystem(root), config: parseConfig('{ "maxFileSize": 4194304 }', 'c.json') });
    expect(r.skipped.map((s) => s.file)).not.toContain('web/src/huge.ts');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(analyzeWorkspace({ root, fs: nodeFileSystem(root), signal: controller.signal })).rejects.toBeInstanceOf(AnalysisCancelled);
  });

  it('survives a workspace that does not exist or is empty', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'api-parity-empty-'));
    const r = await analyzeWorkspace({ root: empty, fs: nodeFileSystem(empty) });
    expect(r.summary).toMatchObject({ endpoints: 0, calls: 0, coverage: 1 });
    const missing = await analyzeWorkspace({ root: join(empty, 'nope'), fs: nodeFileSystem(join(empty, 'nope')) });
    expect(missing.endpoints).toEqual([]);
    rmSync(empty, { recursive: true, force: true });
  });
});
