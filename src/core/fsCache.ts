/**
 * The on-disk facts cache (the second module allowed to use node:fs in the core, beside fs.ts): one
 * file per entry, checked on read, written atomically, capped in size.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname as nativeDirname } from 'node:path';
import { defaultCacheDir } from './cacheDir';
import type { FactsStore } from './engine/factsCache';
import { joinPath } from './path';

export { defaultCacheDir };

export interface DiskFactsOptions {
  /** The cache folder (created when first written). */
  readonly dir: string;
  /** Identifies the analyser build: entries of another build are never read. */
  readonly analyzer: string;
  /** Size cap: after writing, the least recently used entries go until the folder is under 80 % of it. */
  readonly maxBytes: number;
}

/** How much entry text waits in memory before it is written (characters). */
const PENDING_CHARS = 4 << 20;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Facts kept on disk, one file per entry under a two-letter fan-out folder. Each file is a header line
 * (key, analyser, checksum of the body) and the body; an entry whose header does not match is ignored
 * (and replaced when the file is parsed again). Writes go to a temporary file renamed into place, so a
 * reader never sees half an entry; failures to read or write only cost a parse.
 */
export function diskFactsStore(opts: DiskFactsOptions): FactsStore {
  const pending = new Map<string, string>();
  let pendingChars = 0;
  let wrote = 0;
  const read = new Set<string>();
  const fileOf = (key: string) => {
    const h = sha256(`${opts.analyzer}\0${key}`);
    return joinPath(opts.dir, h.slice(0, 2), `${h.slice(2)}.json`);
  };
  return {
    get(key) {
      const file = fileOf(key);
      let raw: string;
      try {
        raw = readFileSync(file, 'utf8');
      } catch {
        return null;
      }
      const nl = raw.indexOf('\n');
      const head = nl > 0 ? entryHeader(raw.slice(0, nl)) : null;
      const body = raw.slice(nl + 1);
      if (!head || head.key !== key || head.analyzer !== opts.analyzer || head.sum !== sha256(body)) return null;
      read.add(file);
      return body;
    },
    set(key, text) {
      pending.set(key, text);
      pendingChars += text.length;
      // Written as they come once a few megabytes wait: holding a cold run's every entry until the end
      // kept them all alive at once (outline: 41 MB of entries, +150 MB peak RSS).
      if (pendingChars > PENDING_CHARS) {
        wrote += writeEntries(pending, fileOf, opts.analyzer);
        pending.clear();
        pendingChars = 0;
      }
    },
    async flush() {
      wrote += writeEntries(pending, fileOf, opts.analyzer);
      pending.clear();
      pendingChars = 0;
      touch(read);
      read.clear();
      if (wrote > 0) keepUnderCap(opts.dir, opts.maxBytes, wrote);
      wrote = 0;
    },
  };
}

function entryHeader(line: string): { key?: unknown; analyzer?: unknown; sum?: unknown } | null {
  try {
    const v = JSON.parse(line) as unknown;
    return typeof v === 'object' && v !== null ? (v as { key?: unknown }) : null;
  } catch {
    return null;
  }
}

/** Write the entries; the bytes written (0 when none could be). */
function writeEntries(pending: ReadonlyMap<string, string>, fileOf: (key: string) => string, analyzer: string): number {
  let wrote = 0;
  for (const [key, body] of pending) {
    const file = fileOf(key);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(nativeDirname(file), { recursive: true });
      const text = `${JSON.stringify({ key, analyzer, sum: sha256(body) })}\n${body}`;
      writeFileSync(tmp, text);
      renameSync(tmp, file);
      wrote += Buffer.byteLength(text);
    } catch {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // `force` covers a missing file, not a missing folder (a cache folder under a regular file: ENOTDIR)
      }
    }
  }
  return wrote;
}

/** Mark entries as used (their modification time orders eviction). */
function touch(files: Iterable<string>): void {
  const now = new Date();
  for (const f of files) {
    try {
      utimesSync(f, now, now);
    } catch {
      // a read-only cache still serves
    }
  }
}

/** The folder's size as last counted, and when it was counted (ms), kept in {@link LEDGER}. */
interface Ledger {
  readonly bytes: number;
  readonly countedAt: number;
}

/**
 * Counting the folder means a stat of every entry (18,000 of them, a quarter of a second, in a full 256 MB
 * cache), after every run that wrote anything, an edit's one entry included. So the count is kept in a
 * small file, with the bytes written since added to it; the folder is counted again (and trimmed) only
 * when that sum reaches the cap, when the file is missing or damaged, or once a day (other processes'
 * writes, overwritten entries and deletions make the sum drift).
 */
const LEDGER = 'usage.json';
const RECOUNT_MS = 24 * 3_600_000;

function keepUnderCap(dir: string, maxBytes: number, wroteBytes: number): void {
  const now = Date.now();
  const ledger = readLedger(dir);
  if (ledger && now >= ledger.countedAt && now - ledger.countedAt < RECOUNT_MS && ledger.bytes + wroteBytes <= maxBytes) {
    writeLedger(dir, { bytes: ledger.bytes + wroteBytes, countedAt: ledger.countedAt });
    return;
  }
  const total = enforceCap(dir, maxBytes);
  if (total !== null) writeLedger(dir, { bytes: total, countedAt: now });
}

function readLedger(dir: string): Ledger | null {
  try {
    const v = JSON.parse(readFileSync(joinPath(dir, LEDGER), 'utf8')) as Partial<Ledger>;
    return typeof v.bytes === 'number' && typeof v.countedAt === 'number' && v.bytes >= 0 ? { bytes: v.bytes, countedAt: v.countedAt } : null;
  } catch {
    return null;
  }
}

function writeLedger(dir: string, ledger: Ledger): void {
  const file = joinPath(dir, LEDGER);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(ledger));
    renameSync(tmp, file);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing to clean: the next run counts the folder again
    }
  }
}

/** Delete the least recently used entries (and stale temporary files) while the folder is over the cap; its size after, or null when it cannot be listed. */
function enforceCap(dir: string, maxBytes: number): number | null {
  const files: Array<{ path: string; size: number; mtime: number }> = [];
  let total = 0;
  try {
    for (const sub of readdirSync(dir)) {
      if (!/^[0-9a-f]{2}$/.test(sub)) continue;
      for (const name of readdirSync(joinPath(dir, sub))) {
        const path = joinPath(dir, sub, name);
        const st = statSync(path, { throwIfNoEntry: false });
        if (!st) continue;
        if (name.endsWith('.tmp') && Date.now() - st.mtimeMs > 3_600_000) rmSync(path, { force: true });
        else if (name.endsWith('.json')) {
          files.push({ path, size: st.size, mtime: st.mtimeMs });
          total += st.size;
        }
      }
    }
  } catch {
    return null;
  }
  if (total <= maxBytes) return total;
  // An entry larger than the folder may keep goes first (keeping it would empty the folder of all else and
  // then of it too); then the least recently used, the largest first among those used at the same time.
  const target = maxBytes * 0.8;
  files.sort((a, b) => Number(b.size > target) - Number(a.size > target) || a.mtime - b.mtime || b.size - a.size);
  for (const f of files) {
    if (total <= target) break;
    rmSync(f.path, { force: true });
    total -= f.size;
  }
  return total;
}

/** The analyser build, stamped into the bundles by esbuild.mjs (null when running from sources). */
const ANALYZER_BUILD: string | null = process.env.API_PARITY_BUILD ?? null;

const DEFAULT_CACHE_MB = 256;

/**
 * The facts cache the CLI and the server use: on disk in {@link defaultCacheDir}, capped by
 * `API_PARITY_CACHE_MAX_MB` (default 256). Null (no cache) when there is no cache folder, or when
 * running from sources without `API_PARITY_ANALYZER_ID` (entries must never outlive the code that
 * wrote them: a bundle has its build id, sources have none).
 */
export function openFactsCache(env: Readonly<Record<string, string | undefined>>): FactsStore | null {
  const analyzer = ANALYZER_BUILD ?? env['API_PARITY_ANALYZER_ID'] ?? null;
  const dir = defaultCacheDir(env);
  if (!analyzer || !dir) return null;
  const mb = Number(env['API_PARITY_CACHE_MAX_MB']);
  return diskFactsStore({ dir: joinPath(dir, 'facts'), analyzer, maxBytes: (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_CACHE_MB) * 1024 * 1024 });
}
