/**
 * The launcher's code cache (src/cli/codeCache.ts): a bundle loads with the same exports whatever the
 * cache holds; a cache that is missing, damaged, for another bundle, rejected by V8 or unwritable only
 * costs a compilation.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle, runtimeId } from '../../src/cli/codeCache';
import { codeCacheDir } from '../../src/cli/launch';

const base = mkdtempSync(join(tmpdir(), 'api-parity-code-cache-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
/** A fresh folder holding a CommonJS bundle whose exports say what it is and where it ran. */
function bundle(value = 1): { file: string; cache: string } {
  const dir = join(base, `b${n++}`);
  const file = join(dir, 'bundle.js');
  mkdirSync(dir);
  writeFileSync(file, source(value));
  return { file, cache: join(dir, 'code') };
}
/** The same length for every one-digit value: V8's own check (the source length) cannot tell them apart. */
const source = (value: number) =>
  `#!/usr/bin/env node\n"use strict";\nconst path = require('node:path');\nfunction square(x) { return x * x; }\nmodule.exports = { value: ${value}, squared: square(${value}), file: __filename, dir: path.basename(__dirname), self: module.exports === exports };\n`;

const load = (file: string, dir: string | null, alsoCached: string[] = []) => {
  const b = loadBundle(file, dir, { alsoCached });
  return { ...b, exports: { ...(b.exports as object) } };
};
const cacheFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.bin'));

describe('loadBundle', () => {
  it('compiles and saves on the first run, uses the cache on the next, with the same exports', () => {
    const { file, cache } = bundle();
    const first = load(file, cache);
    expect(first).toMatchObject({ state: 'compiled', miss: 'none' });
    expect(first.exports).toEqual({ value: 1, squared: 1, file, dir: file.split(/[\\/]/).at(-2), self: true });
    expect(first.save()).toBe(true);
    expect(first.save()).toBe(false);
    expect(cacheFiles(cache)).toHaveLength(1);
    const second = load(file, cache);
    expect(second).toMatchObject({ state: 'used', miss: null });
    expect(second.exports).toEqual(first.exports);
    expect(second.save()).toBe(false);
  });

  it('without a cache folder, loads with require', () => {
    const { file } = bundle();
    expect(load(file, null)).toMatchObject({ state: 'plain', exports: { value: 1, squared: 1 } });
  });

  it('ignores the cache of an earlier bundle at the same path, even of the same length, and replaces it', () => {
    const { file, cache } = bundle(3);
    load(file, cache).save();
    writeFileSync(file, source(7));
    const changed = load(file, cache);
    expect(changed).toMatchObject({ state: 'compiled', miss: 'stale', exports: { value: 7, squared: 49 } });
    expect(changed.save()).toBe(true);
    expect(load(file, cache)).toMatchObject({ state: 'used', exports: { value: 7, squared: 49 } });
  });

  it('ignores a damaged cache file (garbage, truncated data, a flipped byte) and rewrites it', () => {
    const { file, cache } = bundle(5);
    load(file, cache).save();
    const [name] = cacheFiles(cache);
    const path = join(cache, name!);
    const good = readFileSync(path);
    const nl = good.indexOf(10);
    const flipped = Buffer.from(good);
    flipped[nl + 100] = flipped[nl + 100]! ^ 0xff;
    for (const bad of [Buffer.from('not a cache file'), good.subarray(0, good.length - 10), flipped, Buffer.alloc(0)]) {
      writeFileSync(path, bad);
      const b = load(file, cache);
      expect(b).toMatchObject({ state: 'compiled', miss: 'damaged', exports: { value: 5, squared: 25 } });
      expect(b.save()).toBe(true);
      expect(load(file, cache).state).toBe('used');
    }
  });

  it('falls back to compiling when V8 rejects the data (compiled under other V8 flags)', () => {
    const sha = (d: string) => createHash('sha256').update(d).digest('hex');
    const cacheName = (file: string) => `bundle-${sha(`${file}\0${runtimeId()}`).slice(0, 16)}.bin`;
    const made = bundle(4);
    load(made.file, made.cache).save();
    // The same bundle at another path (V8 would reuse the script it compiled for the first path), with
    // the same cache file: its key (content and runtime) holds, but V8's flags no longer match.
    const own = bundle(4);
    mkdirSync(own.cache);
    copyFileSync(join(made.cache, cacheName(made.file)), join(own.cache, cacheName(own.file)));
    setFlagsFromString('--no-opt');
    try {
      const b = load(own.file, own.cache);
      expect(b).toMatchObject({ state: 'compiled', miss: 'rejected', exports: { value: 4, squared: 16 } });
      expect(b.save()).toBe(true);
    } finally {
      setFlagsFromString('--opt');
    }
  });

  it('runs from an unwritable cache folder: nothing saved, same exports', () => {
    const { file } = bundle(6);
    // A folder under a regular file can be neither created nor written, even by root.
    const blocker = join(base, 'blocker');
    writeFileSync(blocker, 'a file, not a folder');
    const b = load(file, join(blocker, 'code'));
    expect(b).toMatchObject({ state: 'compiled', miss: 'none', exports: { value: 6, squared: 36 } });
    expect(b.save()).toBe(false);
    expect(load(file, join(blocker, 'code')).state).toBe('compiled');
  });

  it('loads the modules named in alsoCached through the cache too, checked against their content', () => {
    const { file, cache } = bundle();
    const dep = join(file, '..', 'dep.js');
    writeFileSync(dep, 'module.exports = { answer: 41 };\n');
    writeFileSync(file, `module.exports = { dep: require('./dep.js').answer, sep: require('node:path').sep };\n`);
    const first = load(file, cache, ['./dep.js']);
    expect(first).toMatchObject({ state: 'compiled', exports: { dep: 41, sep } });
    expect(first.save()).toBe(true);
    expect(cacheFiles(cache).sort()).toEqual([expect.stringMatching(/^bundle-/), expect.stringMatching(/^dep-/)]);
    writeFileSync(dep, 'module.exports = { answer: 42 };\n');
    const second = load(file, cache, ['./dep.js']);
    expect(second).toMatchObject({ state: 'used', exports: { dep: 42, sep } });
    // Only the dependency needed writing again.
    const before = cacheFiles(cache).map((f) => readFileSync(join(cache, f)).toString('latin1'));
    expect(second.save()).toBe(true);
    const after = cacheFiles(cache).map((f) => readFileSync(join(cache, f)).toString('latin1'));
    expect(after.filter((a, i) => a !== before[i])).toHaveLength(1);
    expect(load(file, cache, ['./dep.js']).save()).toBe(false);
  });

  it('keeps the most recent cache files of a folder, always the one just written', () => {
    const shared = join(base, 'shared-code');
    const files = Array.from({ length: 10 }, () => bundle().file);
    for (const f of files) load(f, shared).save();
    expect(cacheFiles(shared)).toHaveLength(8);
    expect(load(files[9]!, shared).state).toBe('used');
  });

  it('with source maps on, loads with require (Node maps only what its own loader compiled)', () => {
    const { file, cache } = bundle();
    const was = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(true);
    try {
      expect(load(file, cache).state).toBe('plain');
    } finally {
      process.setSourceMapsEnabled(was);
    }
  });
});

describe('codeCacheDir', () => {
  it('is <cache folder>/code, and off with --no-cache, API_PARITY_CODE_CACHE=0 or no cache folder', () => {
    expect(codeCacheDir(['check', '.'], { API_PARITY_CACHE_DIR: '/c' })).toBe(join('/c', 'code'));
    expect(codeCacheDir(['check', '.', '--no-cache'], { API_PARITY_CACHE_DIR: '/c' })).toBeNull();
    expect(codeCacheDir(['check'], { API_PARITY_CACHE_DIR: '/c', API_PARITY_CODE_CACHE: '0' })).toBeNull();
    expect(codeCacheDir(['check'], {})).toBeNull();
  });
});
