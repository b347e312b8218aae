/**
 * The run memo: a whole analysis kept in the facts store beside the parses, with every answer the file
 * system gave it (the file list, each stat's size, each read's content digest). A later one-shot run
 * with the same root, configuration and analyser build asks the file system the same questions again,
 * in the same order; when every answer is the same, the analysis would see exactly the same inputs, so
 * its stored result is returned instead of analysing again. One different answer (an edited, added or
 * removed file, a changed .gitignore) and the run analyses as usual, with the per-file facts cache.
 *
 * The analysis reads its inputs only through the FileSystem it is given and the options keyed here (the
 * engine is pure), so the replay is exact. A damaged or foreign entry is ignored, never trusted.
 *
 * Asking again need not mean reading again: where the file system tells versions (`FileSystem.version`:
 * inode, size, change and modification times), each read and each listing keeps the versions of its
 * inputs, taken before they were read, and an input whose version is the same is not read again. As in
 * git, an input that changed less than {@link RACY_MS} before the recording began is always read again:
 * a second change within the file system's timestamp granularity could leave its version as it was.
 */
import { createHash } from 'node:crypto';
import type { FileSystem, FileVersion, ListOptions } from '../fs';
import type { AnalysisResult } from '../types';
import type { AnalyzeOptions } from './types';

/** Bump when the shape of a stored run changes. */
const FORMAT = 2;

/** Inputs changed this shortly before a recording began are read again, whatever their versions say. */
export const RACY_MS = 3000;

/** A version as kept: [id, changedMs]. */
type Kept = readonly [string, number];

/**
 * One question to the file system and a digest of its answer: [kind, argument, digest], and the versions
 * that prove the answer unchanged without asking: a stat's or read's file ([id, changedMs]), or every input of a
 * listing ([path, id, changedMs]...).
 */
type Op = readonly ['list' | 'stat' | 'read', string, string, (Kept | ReadonlyArray<readonly [string, string, number]>)?];

interface StoredRun {
  readonly ops: readonly Op[];
  /** When the recording began (ms since the epoch, this machine's clock). */
  readonly at: number;
  readonly result: AnalysisResult;
}

const digest = (data: string | Uint8Array) => createHash('sha256').update(data).digest('base64');

/**
 * Analyse with `run`, or return the stored result of a run whose file-system answers are all still the
 * same. Only for one-shot runs with a facts store (the CLI): an editor's edit runs (`changed`) keep
 * their own state. `API_PARITY_RUN_MEMO=0` in the environment of the front end turns it off (`off`).
 */
export async function memoisedRun(opts: AnalyzeOptions, run: (opts: AnalyzeOptions) => Promise<AnalysisResult>, off = false): Promise<AnalysisResult> {
  const store = opts.factsCache;
  if (!store || opts.changed || off) return run(opts);
  const key = runKey(opts);
  const hit = store.get(key);
  const stored = hit !== null ? await replay(hit, opts.fs) : null;
  if (stored) return stored;
  const at = Date.now();
  const recording = recordingFs(opts.fs);
  const result = await run({ ...opts, fs: recording.fs });
  store.set(key, JSON.stringify({ ops: recording.ops, at, result } satisfies StoredRun));
  await store.flush();
  return result;
}

function runKey(opts: AnalyzeOptions): string {
  const parts = [FORMAT, opts.root, opts.config ?? null, opts.configFile ?? null, opts.jsParser?.name ?? null];
  return `run:${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`;
}

const listArg = (o: ListOptions) => JSON.stringify([o.include, o.exclude, o.respectGitignore]);
const listDigest = (files: readonly string[], skipped: ReadonlyArray<readonly [string, string]>) => digest(JSON.stringify([files, skipped]));
const statDigest = (st: { size: number; mtimeMs: number } | null) => (st ? `${st.size}${st.mtimeMs === 0 ? ':0' : ''}` : 'none');

/** A file system that answers as `fs` does and records each question with a digest of its answer. */
function recordingFs(fs: FileSystem): { fs: FileSystem; ops: Op[] } {
  const ops: Op[] = [];
  return {
    ops,
    fs: {
      async list(options) {
        const skipped: Array<readonly [string, string]> = [];
        const inputs: Array<readonly [string, string, number]> = [];
        let provable = true;
        const files = await fs.list({
          ...options,
          onSkipped: (folder, reason) => {
            skipped.push([folder, reason]);
            options.onSkipped?.(folder, reason);
          },
          onInput: (path, version) => {
            if (version) inputs.push([path, version.id, version.changedMs]);
            else provable = false;
            options.onInput?.(path, version);
          },
        });
        const answer = listDigest(files, skipped);
        const arg = listArg(options);
        ops.push(provable && inputs.length ? ['list', arg, answer, inputs] : ['list', arg, answer]);
        return files;
      },
      async stat(path) {
        const v = fs.version?.(path) ?? null;
        const st = await fs.stat(path);
        ops.push(v ? ['stat', path, statDigest(st), [v.id, v.changedMs]] : ['stat', path, statDigest(st)]);
        return st;
      },
      async read(path) {
        const v = fs.version?.(path) ?? null; // before the read: a later change gives another version
        try {
          const bytes = await fs.read(path);
          ops.push(v ? ['read', path, digest(bytes), [v.id, v.changedMs]] : ['read', path, digest(bytes)]);
          return bytes;
        } catch (err) {
          ops.push(['read', path, `error:${(err as Error).message}`]);
          throw err;
        }
      },
    },
  };
}

/** The stored result when every recorded question gets the same answer again; else null. */
async function replay(text: string, fs: FileSystem): Promise<AnalysisResult | null> {
  let stored: StoredRun;
  try {
    stored = JSON.parse(text) as StoredRun;
  } catch {
    return null;
  }
  if (!Array.isArray(stored?.ops) || typeof stored.result !== 'object' || stored.result === null || typeof stored.at !== 'number') return null;
  const same = sameVersion(fs, stored.at - RACY_MS);
  for (const op of stored.ops as readonly unknown[]) {
    if (!isOp(op)) return null;
    if (unchanged(op, same)) continue;
    if ((await answer(fs, op)) !== op[2]) return null;
  }
  return stored.result;
}

const isOp = (v: unknown): v is Op =>
  Array.isArray(v) && (v.length === 3 || (v.length === 4 && Array.isArray(v[3]))) && ['list', 'stat', 'read'].includes(v[0] as string) && typeof v[1] === 'string' && typeof v[2] === 'string';

/**
 * Is the path's version the kept one, changed before `before` (not racy)? Never without `fs.version`.
 * Each path is looked at once per replay (a file's stat and read ops share the look).
 */
function sameVersion(fs: FileSystem, before: number): (path: string, id: unknown, changedMs: unknown) => boolean {
  const seen = new Map<string, FileVersion | null>();
  return (path, id, changedMs) => {
    if (typeof changedMs !== 'number' || !(changedMs < before)) return false;
    let now = seen.get(path);
    if (now === undefined) {
      try {
        now = fs.version?.(path) ?? null;
      } catch {
        now = null;
      }
      seen.set(path, now);
    }
    return now !== null && now.id === id && now.changedMs === changedMs;
  };
}

/** Do the kept versions prove the op's answer unchanged without asking again? */
function unchanged(op: Op, same: ReturnType<typeof sameVersion>): boolean {
  const kept = op[3] as readonly unknown[] | undefined;
  if (!kept) return false;
  if (op[0] === 'read' || op[0] === 'stat') return same(op[1], kept[0], kept[1]);
  if (op[0] !== 'list' || kept.length === 0) return false;
  return kept.every((k) => Array.isArray(k) && k.length === 3 && typeof k[0] === 'string' && same(k[0], k[1], k[2]));
}

async function answer(fs: FileSystem, [kind, arg]: Op): Promise<string | null> {
  try {
    if (kind === 'stat') return statDigest(await fs.stat(arg));
    if (kind === 'read') {
      try {
        return digest(await fs.read(arg));
      } catch (err) {
        return `error:${(err as Error).message}`;
      }
    }
    if (kind === 'list') {
      const [include, exclude, respectGitignore] = JSON.parse(arg) as [string[], string[], boolean];
      const skipped: Array<readonly [string, string]> = [];
      const files = await fs.list({ include, exclude, respectGitignore, onSkipped: (folder, reason) => void skipped.push([folder, reason]) });
      return listDigest(files, skipped);
    }
  } catch {
    // an answer that fails differently is simply not the same answer
  }
  return null;
}
