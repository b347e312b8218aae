/**
 * The run memo (engine/runMemo.ts): a one-shot run of an unchanged workspace returns the stored result
 * of the last one, equal to a fresh analysis on every fixture; any changed answer of the file system
 * (an edited, added or removed file, a .gitignore) analyses again; a damaged entry is ignored.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeWorkspace, diskFactsStore, loadConfig, nodeFileSystem, type AnalysisResult, type FactsStore, type FileSystem } from '../../src/core';
import type { FileVersion, ListOptions } from '../../src/core/fs';
import { RACY_MS } from '../../src/core/engine/runMemo';
import { mountedFileSystem } from '../../src/core/fsMounts';
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
    for (const sub of readdirSync(cacheDir).filter((s) => /^[0-9a-f]{2}$/.test(s))) {
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

/**
 * The file system with every version's change time moved back past the racy window (as if the files had
 * been written long ago; their ids are the real ones, so every change is still seen), counting what the
 * run asks it.
 */
function aged(fs: FileSystem): FileSystem & { reads: number; lists: number } {
  const age = (v: FileVersion | null) => v && { id: v.id, changedMs: v.changedMs - 10 * RACY_MS };
  const w = {
    reads: 0,
    lists: 0,
    list: (o: ListOptions) => {
      w.lists++;
      const onInput = o.onInput;
      return fs.list(onInput ? { ...o, onInput: (p, v) => onInput(p, age(v)) } : o);
    },
    stat: (p: string) => fs.stat(p),
    read: (p: string) => {
      w.reads++;
      return fs.read(p);
    },
    version: (p: string) => age(fs.version?.(p) ?? null),
  };
  return w;
}

async function runOn(root: string, fs: FileSystem, factsCache: FactsStore): Promise<AnalysisResult> {
  const { config, file } = await loadConfig(nodeFileSystem(root)); // not counted: only the run's questions are
  return analyzeWorkspace({ root, fs, config, configFile: file, factsCache });
}

describe('run memo, checked by versions', () => {
  const store = (dir: string) => watched(diskFactsStore({ dir, analyzer: 'test', maxBytes: 1 << 30 }));

  it('reads and lists nothing again when every version is the same, and sees an edit that keeps size and time', async () => {
    const root = workspace();
    const cacheDir = tempDir('api-parity-memo-');
    const recorded = JSON.stringify(await runOn(root, aged(nodeFileSystem(root)), store(cacheDir)));
    const fs = aged(nodeFileSystem(root));
    const s = store(cacheDir);
    expect(JSON.stringify(await runOn(root, fs, s))).toBe(recorded);
    expect(memoHit(s)).toBe(true);
    expect([fs.reads, fs.lists]).toEqual([0, 0]);
    // Same size, and the modification time put back: only the change time (and the digest) tell.
    const file = join(root, 'api/main.py');
    const before = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('/items', '/itemz'));
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    const after = store(cacheDir);
    const result = JSON.stringify(await runOn(root, aged(nodeFileSystem(root)), after));
    expect(memoHit(after)).toBe(false);
    expect(result).toBe(JSON.stringify(await run(root)));
    expect(result).not.toBe(recorded);
  });

  it('lists again when a folder gains a file, a folder or a .gitignore', async () => {
    const root = workspace();
    mkdirSync(join(root, 'web/lib'));
    writeFileSync(join(root, 'web/lib/a.ts'), "export const a = () => fetch('http://localhost:8000/items');\n");
    const cacheDir = tempDir('api-parity-memo-');
    await runOn(root, aged(nodeFileSystem(root)), store(cacheDir));
    const changes: Array<[string, () => void]> = [
      ['file in a nested folder', () => writeFileSync(join(root, 'web/lib/b.ts'), "export const b = () => fetch('http://localhost:8000/nowhere');\n")],
      ['file in a new folder', () => {
        mkdirSync(join(root, 'web/lib/deeper'));
        writeFileSync(join(root, 'web/lib/deeper/c.ts'), "export const c = () => fetch('http://localhost:8000/gone');\n");
      }],
      ['.gitignore', () => writeFileSync(join(root, 'web/.gitignore'), 'lib/deeper/\n')],
      ['.gitignore edited', () => writeFileSync(join(root, 'web/.gitignore'), 'lib/b.ts\n')],
    ];
    for (const [what, change] of changes) {
      change();
      const s = store(cacheDir);
      const fs = aged(nodeFileSystem(root));
      const result = JSON.stringify(await runOn(root, fs, s));
      expect(memoHit(s), what).toBe(false);
      expect(fs.lists, what).toBeGreaterThan(0);
      expect(result, what).toBe(JSON.stringify(await run(root)));
      const again = store(cacheDir);
      expect(JSON.stringify(await runOn(root, aged(nodeFileSystem(root)), again)), what).toBe(result);
      expect(memoHit(again), what).toBe(true);
    }
    // An empty folder changes its parent's version, not the listing: listed again, and the stored result stands.
    mkdirSync(join(root, 'web/lib/empty'));
    const s = store(cacheDir);
    const fs = aged(nodeFileSystem(root));
    await runOn(root, fs, s);
    expect([memoHit(s), fs.lists, fs.reads]).toEqual([true, 1, 0]);
  });

  it('reads again what changed just before the recording (racy), and still returns the stored result', async () => {
    const root = workspace();
    const cacheDir = tempDir('api-parity-memo-');
    const recorded = JSON.stringify(await run(root, store(cacheDir)));
    const counted = aged(nodeFileSystem(root));
    const fs: FileSystem = { list: counted.list, stat: counted.stat, read: counted.read, version: (p) => nodeFileSystem(root).version!(p) };
    const s = store(cacheDir);
    expect(JSON.stringify(await runOn(root, fs, s))).toBe(recorded);
    expect(memoHit(s)).toBe(true);
    expect(counted.reads).toBeGreaterThan(0);
    expect(counted.lists).toBe(1);
  });

  it('is checked by versions through mounted folders (`--with`), each path where it appears', async () => {
    const web = tempDir('api-parity-memo-web-');
    const api = tempDir('api-parity-memo-api-');
    writeFileSync(join(web, 'package.json'), '{ "name": "web", "dependencies": { "react": "18" } }\n');
    writeFileSync(join(web, 'api.ts'), "export const list = () => fetch('http://localhost:8000/items');\n");
    writeFileSync(join(api, 'requirements.txt'), 'fastapi\n');
    writeFileSync(join(api, 'main.py'), 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/items")\ndef items():\n    return []\n');
    const cacheDir = tempDir('api-parity-memo-');
    const mounted = () => {
      const a = aged(nodeFileSystem(api));
      const w = aged(nodeFileSystem(web));
      return { fs: mountedFileSystem(w, [{ at: 'api', fs: a }]), count: () => a.reads + w.reads + a.lists + w.lists };
    };
    const recorded = JSON.stringify(await runOn(web, mounted().fs, store(cacheDir)));
    const m = mounted();
    const s = store(cacheDir);
    expect(JSON.stringify(await runOn(web, m.fs, s))).toBe(recorded);
    expect(memoHit(s)).toBe(true);
    expect(m.count()).toBe(0);
    writeFileSync(join(api, 'more.py'), 'from main import app\n\n@app.post("/items")\ndef add():\n    return {}\n');
    const after = store(cacheDir);
    await runOn(web, mounted().fs, after);
    expect(memoHit(after)).toBe(false);
  });
});
