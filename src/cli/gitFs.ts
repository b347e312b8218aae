/**
 * A revision of a git repository as a file system, read straight from git objects: no checkout, no
 * change to the working tree or the index. `git ls-tree` lists the files (with sizes), one long-lived
 * `git cat-file --batch` reads them. Used by `api-parity diff` for the base revision.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { promisify } from 'node:util';
import { DEFAULT_EXCLUDES, matchFileGlob, type FileSystem } from '../core';
import { UsageError } from './errors';

// node:child_process is loaded on the first git call: loading it costs every other command ≈ 3 ms of start-up.
const childProcess = () => require('node:child_process') as typeof import('node:child_process');

/** Run git in `cwd`; its stdout. A failure throws with git's own message. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await promisify(childProcess().execFile)('git', [...args], { cwd, maxBuffer: 1 << 30, encoding: 'utf8' });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; code?: string | number; message: string };
    if (e.code === 'ENOENT') throw new UsageError('git was not found on the PATH (diff reads the base revision with git)', 'diff');
    throw new GitError((e.stderr || e.message).trim().split('\n')[0] ?? e.message);
  }
}

export class GitError extends Error {}

export interface GitWorkspace {
  /** The repository's top folder (absolute). */
  readonly top: string;
  /** The analysed folder inside it (`apps/web/`, or '' for the top). */
  readonly prefix: string;
}

export async function gitWorkspace(dir: string): Promise<GitWorkspace> {
  let out: string;
  try {
    out = await git(dir, ['rev-parse', '--show-toplevel', '--show-prefix']);
  } catch (err) {
    if (err instanceof GitError) throw new UsageError(`not inside a git repository: ${err.message}`, 'diff');
    throw err;
  }
  const [top = dir, prefix = ''] = out.split('\n');
  return { top, prefix };
}

/**
 * The commit to compare with: `ref` when given, else the merge base of HEAD with the default branch
 * (origin/HEAD, else main, else master). A shallow clone without it says so.
 */
export async function resolveBase(top: string, ref: string | null): Promise<{ commit: string; label: string }> {
  const verify = async (r: string) => (await git(top, ['rev-parse', '--verify', '--quiet', `${r}^{commit}`]).catch(() => '')).trim();
  const shallow = async () => (await git(top, ['rev-parse', '--is-shallow-repository']).catch(() => '')).trim() === 'true';
  if (ref !== null) {
    const commit = await verify(ref);
    if (commit) return { commit, label: ref };
    const hint = (await shallow()) ? ' This is a shallow clone: fetch the base first (for example `git fetch --deepen=100` or `fetch-depth: 0` in actions/checkout).' : '';
    throw new UsageError(`base revision '${ref}' was not found in this repository.${hint}`, 'diff');
  }
  const originHead = (await git(top, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']).catch(() => '')).trim();
  for (const candidate of [originHead, 'origin/main', 'origin/master', 'main', 'master'].filter(Boolean)) {
    if (!(await verify(candidate))) continue;
    const base = (await git(top, ['merge-base', 'HEAD', candidate]).catch(() => '')).trim();
    if (base) return { commit: base, label: `merge base with ${candidate}` };
    if (await shallow()) throw new UsageError(`no merge base of HEAD and ${candidate}: this is a shallow clone. Fetch more history (\`fetch-depth: 0\`) or pass --base REF.`, 'diff');
  }
  throw new UsageError('no default branch to compare with (tried origin/HEAD, main, master): pass --base REF', 'diff');
}

/** The files of `commit` under `prefix`, as a file system rooted at the prefix. */
export async function gitFileSystem(top: string, prefix: string, commit: string): Promise<FileSystem & { close(): void }> {
  const listing = await git(top, ['ls-tree', '-r', '-z', '-l', '--full-tree', commit, '--', prefix || '.']);
  const sizes = new Map<string, number>();
  for (const rec of listing.split('\0')) {
    // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, , size] = rec.slice(0, tab).split(/\s+/);
    const file = rec.slice(tab + 1);
    if (type !== 'blob' || mode === '120000' || !file.startsWith(prefix)) continue;
    sizes.set(file.slice(prefix.length), Number(size) || 0);
  }
  const reader = new BlobReader(top);
  return {
    async list(options) {
      const excluded = [...DEFAULT_EXCLUDES, ...options.exclude];
      return [...sizes.keys()].filter((f) => options.include.some((g) => matchFileGlob(g, f)) && !excluded.some((g) => matchFileGlob(g, f))).sort();
    },
    async stat(path) {
      const size = sizes.get(path);
      return size === undefined ? null : { size, mtimeMs: 0 };
    },
    async read(path) {
      if (!sizes.has(path)) throw new Error(`not in ${commit.slice(0, 12)}: ${path}`);
      return reader.read(`${commit}:${prefix}${path}`);
    },
    close: () => reader.close(),
  };
}

/** One `git cat-file --batch` process; reads are queued and answered in order. */
class BlobReader {
  private proc: ChildProcessWithoutNullStreams | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly queue: Array<{ resolve: (b: Uint8Array) => void; reject: (e: Error) => void }> = [];

  constructor(private readonly cwd: string) {}

  read(spec: string): Promise<Uint8Array> {
    const p = this.start();
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      p.stdin.write(`${spec}\n`);
    });
  }

  close(): void {
    this.proc?.stdin.end();
    this.proc = null;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.proc) return this.proc;
    const proc = childProcess().spawn('git', ['cat-file', '--batch'], { cwd: this.cwd });
    proc.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain();
    });
    const fail = (err: Error) => {
      for (const q of this.queue.splice(0)) q.reject(err);
    };
    proc.on('error', fail);
    proc.on('exit', () => fail(new Error('git cat-file ended')));
    this.proc = proc;
    return proc;
  }

  /** Answer every complete response in the buffer: `<oid> blob <size>\n<bytes>\n`, or `<spec> missing\n`. */
  private drain(): void {
    for (;;) {
      const nl = this.buffer.indexOf(10);
      if (nl < 0 || this.queue.length === 0) return;
      const header = this.buffer.subarray(0, nl).toString('utf8');
      const m = /^\S+ (\S+) (\d+)$/.exec(header);
      if (!m) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.queue.shift()!.reject(new Error(`git cat-file: ${header}`));
        continue;
      }
      const size = Number(m[2]);
      if (this.buffer.length < nl + 1 + size + 1) return;
      const body = Uint8Array.prototype.slice.call(this.buffer, nl + 1, nl + 1 + size);
      this.buffer = this.buffer.subarray(nl + 1 + size + 1);
      this.queue.shift()!.resolve(body);
    }
  }
}
