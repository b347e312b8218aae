/**
 * The run memo (engine/runMemo.ts): a one-shot run of an unchanged workspace returns the stored result
 * of the last one, equal to a fresh analysis on every fixture; any changed answer of the file system
 * (an edited, added or removed file, a .gitignore) analyses again; a damaged entry is ignored.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeWorkspace, diskFactsStore, loadConfig, nodeFileSystem, type AnalysisResult, type FactsStore } from '../../src/core';
import { fixtureDirs } from '../golden';

const tmp: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tmp.push(d);
  return d;
};
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

/** A store that records the keys asked for and written. */
function watched(inner: FactsStore): FactsStore & { gets: string[]; sets: string[] } {
  const w = {
    gets: [] as string[],
    sets: [] as string[],
    get(key: string) {
      w.gets.push(key);
      return inner.get(key);
    },
    set(key: string, text: string) {
      w.sets.push(key);
      inner.set(key, text);
    },
    flush: () => inner.flush(),
  };
  return w;
}

async function run(dir: string, factsCache?: FactsStore, runMemo?: boolean): Promise<AnalysisResult> {
  const fs = nodeFileSystem(dir);
  const { config, file } = await loadConfig(fs);
  return analyzeWorkspace({ root: dir, fs, config, configFile: file, ...(factsCache ? { factsCache } : {}), ...(runMemo === undefined ? {} : { runMemo }) });
}

/** Was the result the stored one (nothing but the run's key asked for, nothing written)? */
const memoHit = (s: { gets: string[]; sets: string[] }) => s.gets.length === 1 && s.gets[0]!.startsWith('run:') && s.sets.length === 0;

function workspace(): string {
  const root = tempDir('api-parity-memo-ws-');
  mkdirSync(join(root, 'api'));
  mkdirSync(join(root, 'web'));
  writeFileSync(join(root, 'api/requirements.txt'), 'fastapi\n');
  writeFileSync(join(root, 'api/main.py'), 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/items")\ndef items():\n    return []\n');
  writeFileSync(join(root, 'web/package.json'), '{ "name": "web", "dependencies": { "react": "18" } }\n');
  writeFileSync(join(root, 'web/api.ts'), "export const list = () => fetch('http://localhost:8000/items');\n");
  return root;
}

describe('run memo', () => {
  it('returns a result equal to a fresh analysis, without analysing, on every fixture', async () => {
    for (const { name, dir } of fixtureDirs()) {
      const cacheDir = tempDir('api-parity-memo-');
      // The recording run analyses as usual (the facts cache test compares such runs with runs without cache).
      const recorded = await run(dir, diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 1 << 30 }));
      const second = watched(diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 1 << 30 }));
      const replayed = await run(dir, second);
      expect(JSON.stringify(replayed), name).toBe(JSON.stringify(recorded));
      expect(memoHit(second), name).toBe(true);
    }
  }, 180_000);

  it('analyses again when a file is edited, added or removed, or a .gitignore changes', async () => {
    const root = workspace();
    const cacheDir = tempDir('api-parity-memo-');
    const store = () => watched(diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 1 << 30 }));
    const changes: Array<[string, () => void]> = [
      ['edit', () => appendFileSync(join(root, 'api/main.py'), '\n@app.post("/items")\ndef add():\n    return {}\n')],
      ['add', () => writeFileSync(join(root, 'web/more.ts'), "export const add = () => fetch('http://localhost:8000/items', { method: 'POST' });\n")],
      ['gitignore', () => writeFileSync(join(root, '.gitignore'), 'more.ts\n')],
      ['remove', () => rmSync(join(root, '.gitignore'))],
      ['same size', () => writeFileSync(join(root, 'web/api.ts'), readFileSync(join(root, 'web/api.ts'), 'utf8').replace('items', 'itemz'))],
    ];
    await run(root, store());
    for (const [what, change] of changes) {
      change();
      const s = store();
      const result = await run(root, s);
      expect(memoHit(s), what).toBe(false);
      expect(JSON.stringify(result), what).toBe(JSON.stringify(await run(root)));
      const again = store();
      expect(JSON.stringify(await run(root, again)), what).toBe(JSON.stringify(result));
      expect(memoHit(again), what).toBe(true);
    }
  });

  it('ignores a damaged entry, and is off with runMemo: false', async () => {
    const root = workspace();
    const cacheDir = tempDir('api-parity-memo-');
    const store = () => watched(diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 1 << 30 }));
    const fresh = JSON.stringify(await run(root));
    await run(root, store());
    for (const sub of readdirSync(cacheDir)) {
      for (const f of readdirSync(join(cacheDir, sub))) {
        const p = join(cacheDir, sub, f);
        const text = readFileSync(p, 'utf8');
        if (text.includes('"ops"')) writeFileSync(p, text.replace('"ops":[', '"ops":[["read","nowhere","x"],'));
      }
    }
    const s = store();
    expect(JSON.stringify(await run(root, s))).toBe(fresh);
    expect(memoHit(s)).toBe(false);
    const off = store();
    expect(JSON.stringify(await run(root, off, false))).toBe(fresh);
    expect(off.gets.some((k) => k.startsWith('run:')) || off.sets.some((k) => k.startsWith('run:'))).toBe(false);
  });
});
