/**
 * Every long pass pauses: a cancellation (or an editor's request) scheduled on the event loop gets in
 * during the request and relation passes, not only while files are parsed. Order, not time: the abort
 * is queued with setImmediate when a phase starts; it can only run if the pass yields before it ends.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisCancelled, Analyzer, DEFAULT_CONFIG, nodeFileSystem, type Progress } from '../../src/core';

let root: string;
/** Enough calls that the request and relation passes each run for well over one slice. */
const FILES = 800;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'api-parity-slicing-'));
  mkdirSync(join(root, 'api'));
  writeFileSync(join(root, 'api/requirements.txt'), 'fastapi\n');
  writeFileSync(join(root, 'api/main.py'), 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/items/{id}")\ndef item(id: str):\n    return {}\n');
  mkdirSync(join(root, 'web/src'), { recursive: true });
  writeFileSync(join(root, 'web/package.json'), '{"name":"web","dependencies":{"react":"18"}}');
  for (let i = 0; i < FILES; i++) {
    const body = Array.from({ length: 10 }, (_, k) => `export const f${k} = (id: string) => fetch(\`http://localhost:8000/items/\${id}?k=${k}\`);\n`).join('');
    writeFileSync(join(root, `web/src/m${i}.ts`), body);
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Analyse, aborting (through the event loop) as soon as `phase` is reported; the phases seen. */
async function abortAt(phase: Progress['phase']): Promise<{ error: unknown; phases: string[] }> {
  const controller = new AbortController();
  const phases: string[] = [];
  const onProgress = (p: Progress) => {
    if (phases.at(-1) !== p.phase) phases.push(p.phase);
    if (p.phase === phase && p.done === 0) setImmediate(() => controller.abort());
  };
  try {
    await new Analyzer().analyze({ root, fs: nodeFileSystem(root), config: DEFAULT_CONFIG, configFile: null, signal: controller.signal, onProgress });
    return { error: null, phases };
  } catch (error) {
    return { error, phases };
  }
}

describe('time slicing', () => {
  it('the whole run finds every call', async () => {
    const r = await new Analyzer().analyze({ root, fs: nodeFileSystem(root), config: DEFAULT_CONFIG, configFile: null });
    expect(r.summary.calls).toBe(FILES * 10);
    expect(r.summary.used).toBe(1);
  });

  it('lets the event loop in during the request pass', async () => {
    const { error, phases } = await abortAt('linking');
    expect(error).toBeInstanceOf(AnalysisCancelled);
    expect(phases.at(-1)).toBe('linking');
  });

  it('lets the event loop in during the relation pass', async () => {
    const { error, phases } = await abortAt('matching');
    expect(error).toBeInstanceOf(AnalysisCancelled);
    expect(phases.at(-1)).toBe('matching');
  });
});
