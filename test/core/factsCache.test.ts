/**
 * The on-disk facts cache: a warm run equals a cold one (every fixture), a damaged entry is ignored and
 * replaced, the size cap holds, and what the cache stores survives JSON exactly (prototypes included).
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analyzer, defaultCacheDir, diskFactsStore, loadConfig, nodeFileSystem, openFactsCache, type AnalysisResult, type FactsStore } from '../../src/core';
import { decodeOutcome, encodeOutcome } from '../../src/core/engine/factsCache';
import { estreeParser } from '../../src/core/lang/js/parser';
import { languageOf } from '../../src/core/lang/registry';
import { createParser, type TsParser } from '../../src/core/parse/treeSitter';
import type { ModuleFacts } from '../../src/core/resolve/sym';
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

/** A store that counts what the engine asks of it. */
function counting(inner: FactsStore): FactsStore & { hits: number; misses: number; sets: number } {
  const c = {
    hits: 0,
    misses: 0,
    sets: 0,
    get(key: string) {
      const v = inner.get(key);
      if (v === null) c.misses++;
      else c.hits++;
      return v;
    },
    set(key: string, text: string) {
      c.sets++;
      inner.set(key, text);
    },
    flush: () => inner.flush(),
  };
  return c;
}

async function analyze(dir: string, factsCache?: FactsStore): Promise<AnalysisResult> {
  const fs = nodeFileSystem(dir);
  const { config, file } = await loadConfig(fs);
  return new Analyzer().analyze({ root: dir, fs, config, configFile: file, ...(factsCache ? { factsCache } : {}) });
}

/** The entries: files under the two-letter fan-out folders (the size count, `usage.json`, is none). */
const entryFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((sub) => /^[0-9a-f]{2}$/.test(sub))
    .flatMap((sub) => readdirSync(join(dir, sub)).filter((n) => n.endsWith('.json')).map((n) => join(dir, sub, n)));

/** A small workspace with what fixtures lack: a file that fails to parse, a binding named like an Object method, markup. */
function oddWorkspace(): string {
  const root = tempDir('api-parity-cache-ws-');
  const w = (rel: string, text: string) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  w('package.json', '{ "name": "web", "dependencies": { "express": "4" } }');
  w('server.js', "const express = require('express');\nconst app = express();\nconst { constructor: base } = require('./paths');\napp.get(base + '/x', (q, r) => r.send(1));\napp.listen(3000);\n");
  w('paths.js', "const constructor = '/api';\nmodule.exports = { constructor };\n");
  w('web/broken.ts', "export const g = () => fetch('/x', { method: 'POST' ;\n");
  w('web/toString.ts', "const toString = 'http://localhost:3000/api';\nexport const f = () => fetch(toString + '/x');\n");
  w('web/page.vue', "<template><div/></template>\n<script setup lang=\"ts\">\nfetch('http://localhost:3000/api/x', { method: 'DELETE' });\n</script>\n");
  return root;
}

describe('facts cache', () => {
  const workspaces = () => [...fixtureDirs().map((f) => ({ name: f.name, dir: f.dir })), { name: 'odd', dir: oddWorkspace() }];

  it('a warm run equals a cold run and a run without cache, on every fixture', async () => {
    for (const { name, dir } of workspaces()) {
      const cacheDir = tempDir('api-parity-cache-');
      const plain = await analyze(dir);
      const cold = counting(diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 1 << 30 }));
      const first = await analyze(dir, cold);
      const warm = counting(diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 1 << 30 }));
      const second = await analyze(dir, warm);
      expect(first, name).toEqual(plain);
      expect(second, name).toEqual(plain);
      expect(cold.hits, name).toBe(0);
      expect(warm.misses, name).toBe(0);
      expect(warm.sets, name).toBe(0);
      expect(warm.hits, name).toBe(cold.sets);
      // Another analyser build never reads these entries.
      const other = counting(diskFactsStore({ dir: cacheDir, analyzer: 'other', maxBytes: 1 << 30 }));
      expect(await analyze(dir, other), name).toEqual(plain);
      expect(other.hits, name).toBe(0);
    }
  }, 180_000);

  it('ignores damaged or foreign entries and replaces them', async () => {
    const dir = oddWorkspace();
    const cacheDir = tempDir('api-parity-cache-');
    const plain = await analyze(dir);
    await analyze(dir, diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 1 << 30 }));
    const files = entryFiles(cacheDir);
    expect(files.length).toBeGreaterThan(3);
    const damage = [
      (t: string) => t.slice(0, t.length / 2), // truncated
      (t: string) => `${t} `, // body changed (still valid JSON), checksum not
      () => '', // empty
      (t: string) => `{"key":"nope"}\n${t.slice(t.indexOf('\n') + 1)}`, // another key
      () => {
        // A valid header and checksum over a body that is not an outcome: still not trusted.
        const body = '{"parsed":{"module":{},"decls":{}}}';
        return `${JSON.stringify({ key: 'k', analyzer: 'test', sum: createHash('sha256').update(body).digest('hex') })}\n${body}`;
      },
    ];
    files.forEach((f, i) => writeFileSync(f, damage[i % damage.length]!(readFileSync(f, 'utf8'))));
    const store = counting(diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 1 << 30 }));
    expect(await analyze(dir, store)).toEqual(plain);
    expect(store.hits).toBe(0);
    expect(store.sets).toBe(files.length);
    const again = counting(diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 1 << 30 }));
    expect(await analyze(dir, again)).toEqual(plain);
    expect(again.hits).toBe(files.length);
  });

  it('keeps the folder under its size cap', async () => {
    const cacheDir = tempDir('api-parity-cache-');
    const dir = fixtureDirs().find((f) => f.name === '_workspaces/seed-000-next-fastapi')!.dir;
    await analyze(dir, diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 20_000 }));
    const total = entryFiles(cacheDir).reduce((n, f) => n + statSync(f).size, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(20_000);
  });

  it('keeps a count of its size so that a run writing a few entries does not list the folder; counts again at the cap or when the count is damaged', async () => {
    const cacheDir = tempDir('api-parity-cache-');
    const ledger = join(cacheDir, 'usage.json');
    const sizeOnDisk = () => entryFiles(cacheDir).reduce((n, f) => n + statSync(f).size, 0);
    const store = (maxBytes: number) => diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes });
    const a = store(100_000);
    a.set('a', 'x'.repeat(10_000));
    await a.flush();
    const counted = JSON.parse(readFileSync(ledger, 'utf8')) as { bytes: number; countedAt: number };
    expect(counted.bytes).toBe(sizeOnDisk());
    // A small write adds to the count, which is not taken again.
    const b = store(100_000);
    b.set('b', 'y'.repeat(5_000));
    await b.flush();
    const after = JSON.parse(readFileSync(ledger, 'utf8')) as { bytes: number; countedAt: number };
    expect(after.countedAt).toBe(counted.countedAt);
    expect(after.bytes).toBe(sizeOnDisk());
    // Near the cap, the folder is counted and trimmed: the least recently used entry goes.
    writeFileSync(ledger, JSON.stringify({ bytes: 14_000, countedAt: counted.countedAt }));
    const c = store(20_000);
    c.set('c', 'z'.repeat(8_000));
    await c.flush();
    expect(sizeOnDisk()).toBeLessThanOrEqual(20_000);
    expect((JSON.parse(readFileSync(ledger, 'utf8')) as { bytes: number }).bytes).toBe(sizeOnDisk());
    // A damaged count is counted again.
    writeFileSync(ledger, '{ not json');
    const d = store(100_000);
    d.set('d', 'w');
    await d.flush();
    expect((JSON.parse(readFileSync(ledger, 'utf8')) as { bytes: number }).bytes).toBe(sizeOnDisk());
  });

  it('at the cap, drops an entry larger than it may keep before the older small ones', async () => {
    const cacheDir = tempDir('api-parity-cache-');
    const small = diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 20_000 });
    small.set('a', 'a'.repeat(5_000));
    small.set('b', 'b'.repeat(5_000));
    await small.flush();
    const big = diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 20_000 });
    big.set('c', 'c'.repeat(30_000));
    await big.flush();
    const again = diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 20_000 });
    expect([again.get('a')?.length, again.get('b')?.length, again.get('c')]).toEqual([5_000, 5_000, null]);
  });

  it('writes entries while a run goes once a few megabytes wait (a cold run does not hold them all), and all of them by flush', async () => {
    const cacheDir = tempDir('api-parity-cache-');
    const store = diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 1 << 30 });
    const big = 'x'.repeat(3 << 20);
    store.set('a', big);
    expect(entryFiles(cacheDir)).toHaveLength(0);
    store.set('b', big);
    expect(entryFiles(cacheDir)).toHaveLength(2);
    store.set('c', 'small');
    await store.flush();
    expect(entryFiles(cacheDir)).toHaveLength(3);
    const again = diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 1 << 30 });
    expect([again.get('a') === big, again.get('b') === big, again.get('c')]).toEqual([true, true, 'small']);
  });

  it('is opened only with a cache folder and an analyser id (never from sources by default)', () => {
    expect(openFactsCache({})).toBeNull();
    expect(openFactsCache({ HOME: '/home/u' })).toBeNull();
    expect(openFactsCache({ HOME: '/home/u', API_PARITY_ANALYZER_ID: 'dev' })).not.toBeNull();
    expect(defaultCacheDir({ HOME: '/home/u' }, 'linux')).toBe(join('/home/u', '.cache', 'api-parity'));
    expect(defaultCacheDir({ HOME: '/home/u', XDG_CACHE_HOME: '/c' }, 'linux')).toBe(join('/c', 'api-parity'));
    expect(defaultCacheDir({ HOME: '/Users/u' }, 'darwin')).toBe(join('/Users/u', 'Library', 'Caches', 'api-parity'));
    expect(defaultCacheDir({ API_PARITY_CACHE_DIR: '/x', HOME: '/home/u' }, 'linux')).toBe('/x');
    expect(defaultCacheDir({}, 'linux')).toBeNull();
  });
});

describe('cached module facts', () => {
  let python: TsParser;
  let go: TsParser;
  beforeAll(async () => {
    python = await createParser('python');
    go = await createParser('go');
  });

  it('survive JSON exactly: same keys, values and prototypes, for every fixture file', () => {
    const env = { jsParser: estreeParser, grammar: (name: string) => (name === 'go' ? go : python) };
    const emptyDecls = { routes: {}, requests: {}, events: {}, docsSource: {}, schemas: {} };
    let checked = 0;
    for (const { dir } of fixtureDirs()) {
      for (const file of walk(dir)) {
        const lang = languageOf(file.rel);
        if (!lang) continue;
        let module;
        try {
          module = lang.parse(file.rel, readFileSync(file.abs, 'utf8'), env).module;
        } catch {
          continue;
        }
        const back = decodeOutcome(encodeOutcome({ parsed: { module, decls: emptyDecls, notes: [], warnings: [] } }), file.rel);
        expect(back && 'parsed' in back, file.rel).toBe(true);
        expect(sameData(module, (back as { parsed: { module: unknown } }).parsed.module), file.rel).toBe('');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('lazily decoded name tables', () => {
  const module = () => {
    const bare = <T extends object>(o: T): T => Object.assign(Object.create(null) as T, o);
    return {
      file: 'm.py',
      language: 'python',
      bindings: bare({ b: { k: 'str', v: 'x' }, a: { k: 'arr', items: [{ k: 'num', v: 1 }] }, constructor: { k: 'dyn', text: 'c' }, '2': { k: 'str', v: 'two' } }),
      imports: bare({ os: { specifier: 'os', name: '*' } }),
      functions: bare({}),
      classes: bare({ C: { name: 'C', bases: [], attrs: {}, line: 1 } }),
      exports: null,
      reexports: [],
      deps: ['os'],
    } as unknown as ModuleFacts;
  };
  const emptyDecls = { routes: {}, requests: {}, events: {}, docsSource: {}, schemas: {} };
  const decoded = (m: ModuleFacts, text = encodeOutcome({ parsed: { module: m, decls: emptyDecls, notes: [], warnings: [] } })) => {
    const back = decodeOutcome(text, 'm.py');
    return back && 'parsed' in back ? back.parsed.module : null;
  };

  it('read as the tables were: keys in order, `in`, the same value on every read, no prototype', () => {
    const m = decoded(module())!;
    expect(Object.keys(m.bindings)).toEqual(Object.keys(module().bindings));
    expect('constructor' in m.bindings && !('toString' in m.bindings)).toBe(true);
    expect(m.bindings['a']).toBe(m.bindings['a']);
    expect(m.bindings['a']).toEqual({ k: 'arr', items: [{ k: 'num', v: 1 }] });
    expect(m.bindings['missing']).toBeUndefined();
    expect(Object.getPrototypeOf(m.bindings)).toBeNull();
    expect(JSON.stringify(m)).toBe(JSON.stringify(module()));
    expect(Object.entries(m.classes)).toEqual(Object.entries(module().classes));
  });

  it('a value written, defined or deleted before it is read stays so', () => {
    const m = decoded(module())! as unknown as { bindings: Record<string, unknown> };
    m.bindings['a'] = 1;
    Object.defineProperty(m.bindings, 'b', { value: 2, enumerable: true, configurable: true, writable: true });
    delete m.bindings['constructor'];
    expect([m.bindings['a'], m.bindings['b'], 'constructor' in m.bindings, m.bindings['constructor']]).toEqual([1, 2, false, undefined]);
    expect(Object.keys(m.bindings)).toEqual(['2', 'b', 'a']);
  });

  it('an entry whose value lengths do not cover its values is not one', () => {
    const text = encodeOutcome({ parsed: { module: module(), decls: emptyDecls, notes: [], warnings: [] } });
    expect(decoded(module(), text)).not.toBeNull();
    expect(decoded(module(), `${text} `)).toBeNull();
    expect(decoded(module(), text.slice(0, -1))).toBeNull();
    expect(decoded(module(), text.slice(0, text.indexOf('\n')))).toBeNull();
  });
});

function* walk(root: string, rel = ''): Generator<{ abs: string; rel: string }> {
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* walk(root, r);
    else yield { abs: join(root, r), rel: r };
  }
}

/** '' when a and b are the same data (own keys, undefined-valued ones too, values and prototypes); else where they differ. */
function sameData(a: unknown, b: unknown, at = '$'): string {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b) ? '' : `${at}: ${String(a)} ≠ ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs object`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at}: prototype differs`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\0') !== kb.join('\0')) return `${at}: keys ${ka.join(',')} ≠ ${kb.join(',')}`;
  for (const k of ka) {
    const d = sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return '';
}
