/**
 * Loads a CommonJS bundle with a V8 code cache (Node 20 has no `module.enableCompileCache`): the bundle
 * is compiled with `vm.Script` and the cached data of an earlier run, as Node's loader would compile it
 * (same wrapper, same `require`, `module`, `__filename`, `__dirname`). The cached data is kept in one
 * file per bundle path and runtime, with a header line: the key (a digest of the bundle's content, the
 * Node version and the flags V8 runs with) and a checksum of the data. A cache file whose header does
 * not match is ignored and replaced; data V8 rejects is replaced; a cache that cannot be read or written
 * only costs the compilation it would have saved. Nothing here changes what the bundle does.
 */
import { createHash, randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** How a load went: `plain` (Node's own loader), `used` (cached data accepted), `compiled` (no usable cache: compiled from source). */
export type CodeCacheState = 'plain' | 'used' | 'compiled';

export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  readonly exports: unknown;
  readonly state: CodeCacheState;
  /** Why the cached data was not used (when `state` is `compiled`): none, another key, damaged, rejected by V8. */
  readonly miss: 'none' | 'stale' | 'damaged' | 'rejected' | null;
  /**
   * Write the cache for the next run when this one had none it could use: the code V8 has compiled so
   * far (the later, the more functions it holds); the same for the modules loaded through `alsoCached`.
   * Atomic; false when nothing needed writing or could be written.
   */
  save(): boolean;
}

/** Cache files kept per folder: one per bundle path and runtime; the least recently written go first. */
const KEEP_FILES = 8;

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** What, besides the bundle, decides whether V8 may reuse its code: the Node build and the flags it runs with. */
export function runtimeId(): string {
  return [process.version, process.arch, process.versions.v8, process.execArgv.join(' '), process.env['NODE_OPTIONS'] ?? ''].join('\0');
}

export interface LoadOptions {
  /** What the cached code must have been compiled by: {@link runtimeId} by default. */
  readonly runtime?: string;
  /**
   * Modules the bundle requires (`require('./estree.js')`, exactly so) that are loaded with the cache
   * too, when the bundle is: `save()` then saves them as well.
   */
  readonly alsoCached?: readonly string[];
}

/**
 * Load `file` (a CommonJS module) using the code cache in `dir`; `dir` null (no cache folder, or the
 * cache is off) or source maps enabled (`--enable-source-maps` maps only what Node's loader compiled)
 * load it with plain `require`. The bundle must not use `import()`: a `vm.Script` has no loader for it
 * in Node 20 but an experimental one (esbuild.mjs lowers it to `require`). An error before the bundle
 * runs (unreadable, uncompilable) falls back to plain `require` too, which reports it as Node would;
 * an error the bundle throws is its own.
 */
export function loadBundle(file: string, dir: string | null, options: LoadOptions = {}): LoadedBundle {
  const requireFrom = createRequire(file);
  const plain = (): LoadedBundle => ({ exports: requireFrom(file), state: 'plain', miss: null, save: () => false });
  if (dir === null || process.sourceMapsEnabled) return plain();
  const runtime = options.runtime ?? runtimeId();
  let compiled: { script: Script; key: string; cacheFile: string; miss: LoadedBundle['miss'] };
  try {
    compiled = compile(file, dir, runtime);
  } catch {
    return plain();
  }
  const { script, key, cacheFile, miss } = compiled;
  const siblings = new Map<string, LoadedBundle>();
  const bundleRequire = Object.assign((id: string): unknown => {
    if (!options.alsoCached?.includes(id)) return requireFrom(id);
    let sibling = siblings.get(id);
    if (!sibling) siblings.set(id, (sibling = loadBundle(join(dirname(file), id), dir, { runtime })));
    return sibling.exports;
  }, requireFrom);
  const module = { exports: {} as unknown, id: file, filename: file, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, bundleRequire, module, file, dirname(file));
  module.loaded = true;
  let saved = false;
  return {
    exports: module.exports,
    state: miss === null ? 'used' : 'compiled',
    miss,
    save() {
      let wrote = false;
      for (const sibling of siblings.values()) wrote = sibling.save() || wrote;
      if (miss === null || saved) return wrote;
      saved = true;
      return writeCache(cacheFile, key, script) || wrote;
    },
  };
}

/** Compile `file` with the cached data for it in `dir`, when there is some under its key. */
function compile(file: string, dir: string, runtime: string): { script: Script; key: string; cacheFile: string; miss: LoadedBundle['miss'] } {
  const source = readFileSync(file);
  const key = `${sha256(source)}\0${runtime}`;
  const cacheFile = join(dir, `${basename(file, '.js')}-${sha256(`${file}\0${runtime}`).slice(0, 16)}.bin`);
  const cached = readCache(cacheFile, key);
  const script = new Script(wrap(source.toString('utf8')), { filename: file, ...(cached.data ? { cachedData: cached.data } : {}) });
  return { script, key, cacheFile, miss: cached.data ? (script.cachedDataRejected ? 'rejected' : null) : cached.miss };
}

/** Node's CommonJS wrapper (a `#!` line is kept as a comment, as Node's loader reads it). */
function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source.startsWith('#!') ? `//${source.slice(2)}` : source}\n});`;
}

interface CacheHeader {
  readonly key?: unknown;
  readonly bytes?: unknown;
  readonly sum?: unknown;
}

/** The cached data in `file` when its header names `key` and its checksum holds. */
function readCache(file: string, key: string): { data: Buffer | null; miss: 'none' | 'stale' | 'damaged' } {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch {
    return { data: null, miss: 'none' };
  }
  const nl = raw.indexOf(10);
  let head: CacheHeader | null = null;
  try {
    head = nl > 0 ? (JSON.parse(raw.subarray(0, nl).toString('utf8')) as CacheHeader | null) : null;
  } catch {
    head = null;
  }
  if (!head || typeof head !== 'object') return { data: null, miss: 'damaged' };
  if (head.key !== key) return { data: null, miss: 'stale' };
  const data = raw.subarray(nl + 1);
  if (head.bytes !== data.length || head.sum !== sha256(data)) return { data: null, miss: 'damaged' };
  return { data, miss: 'none' };
}

/** Write the script's cached data under `key`: a temporary file renamed into place; then prune the folder. */
function writeCache(file: string, key: string, script: Script): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // The folder first: serialising the code is the costly part, wasted on a folder that cannot be written.
    mkdirSync(dirname(file), { recursive: true });
    accessSync(dirname(file), fsConstants.W_OK);
    const data = script.createCachedData();
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${JSON.stringify({ key, bytes: data.length, sum: sha256(data) })}\n`), data]));
    renameSync(tmp, file);
  } catch {
    removeQuietly(tmp);
    return false;
  }
  prune(dirname(file), file);
  return true;
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // `force` covers a missing file, not a missing folder (ENOTDIR): either way there is nothing to remove
  }
}

/** Keep `written` and the most recently written other cache files ({@link KEEP_FILES} in all); drop temporary files over an hour old. */
function prune(dir: string, written: string): void {
  try {
    const files: Array<{ path: string; mtime: number }> = [];
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path, { throwIfNoEntry: false });
      if (!st?.isFile()) continue;
      if (name.endsWith('.tmp')) {
        if (Date.now() - st.mtimeMs > 3_600_000) rmSync(path, { force: true });
      } else if (name.endsWith('.bin') && path !== written) files.push({ path, mtime: st.mtimeMs });
    }
    files.sort((a, b) => b.mtime - a.mtime);
    for (const f of files.slice(KEEP_FILES - 1)) rmSync(f.path, { force: true });
  } catch {
    // pruning is housekeeping: a folder that cannot be listed keeps its files
  }
}
