/**
 * The file system as the core sees it: root-relative POSIX paths. `nodeFileSystem` is the one
 * implementation over `node:fs` (the only core module allowed to import it); tests and the server can
 * layer overlays on top (open editor buffers).
 */
import { promises as fsp, lstatSync, readdir as fsReaddir, readFileSync, realpathSync, statSync } from 'node:fs';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { absolute, dirname, isInside, normalize, relativeTo, relativeToRoot, toPosix as toPosixPath } from './path';
import { yieldToEventLoop } from './engine/pool';

export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * What a file's or folder's metadata says of its current version, without reading it: `id` changes
 * whenever its content may have (device, inode, size, mode, change and modification times; the change
 * time cannot be set back by a program), `changedMs` is when it last changed. Two equal ids taken at
 * different times mean the same content, except for a change made within the file system's timestamp
 * granularity of the first look: a store that trusts ids treats versions changed shortly before it
 * recorded them as unknown (git's "racy" entries).
 */
export interface FileVersion {
  readonly id: string;
  readonly changedMs: number;
}

export interface ListOptions {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly respectGitignore: boolean;
  /** Told about each folder left out of the walk and why (unreadable, a link out of the workspace). */
  readonly onSkipped?: (folder: string, reason: string) => void;
  /**
   * Told about every input of the listing, each with its version taken before it was read: each folder
   * the walk read (the root is `.`) and each `.gitignore` applied. A listing that calls it reports all
   * of them, so unchanged versions of all mean an unchanged listing; a null version (no change time, a
   * link) means the listing can only be checked by listing again.
   */
  readonly onInput?: (path: string, version: FileVersion | null) => void;
}

export interface FileSystem {
  /** Root-relative POSIX paths of the files to consider, sorted. */
  list(options: ListOptions): Promise<string[]>;
  /** Null when there is no such file; a zero stat when it is there but cannot be stat'ed (reading it then says why). */
  stat(path: string): Promise<FileStat | null>;
  read(path: string): Promise<Uint8Array>;
  /** The version of a file or folder (see {@link FileVersion}); null when it cannot tell. Optional: without it, a store reads inputs again to check them. */
  version?(path: string): FileVersion | null;
}

/** Folders and files never worth reading: dependencies, build output, caches, minified bundles. */
export const DEFAULT_EXCLUDES: readonly string[] = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.output/**',
  '**/.svelte-kit/**',
  '**/.turbo/**',
  '**/.vercel/**',
  '**/.venv/**',
  '**/venv/**',
  '**/.tox/**',
  '**/__pycache__/**',
  '**/.mypy_cache/**',
  '**/.pytest_cache/**',
  '**/site-packages/**',
  // Vendored dependencies (Go `go mod vendor`, PHP, Ruby): third-party code.
  '**/vendor/**',
  '**/target/**',
  '**/coverage/**',
  '**/.vscode-test/**',
  '**/*.min.js',
  '**/*.min.mjs',
  '**/*.bundle.js',
  '**/*.chunk.js',
  '**/*-min.js',
];

export function nodeFileSystem(root: string): FileSystem {
  return {
    async list(options) {
      const skip = skipOnce(options.onSkipped);
      // No brace expansion here: the config expanded its patterns itself, within bounds (core/braces.ts).
      const walk: fg.Options = {
        cwd: root,
        dot: true,
        onlyFiles: true,
        followSymbolicLinks: false,
        suppressErrors: true,
        braceExpansion: false,
        ignore: [...DEFAULT_EXCLUDES, ...options.exclude],
        fs: { readdir: reportingReaddir(root, skip, options.onInput) },
      };
      if (options.onInput) reportBases(root, options.include, walk, options.onInput);
      const files = withoutLinksOut(await fg([...options.include], walk), await linkedOut(root, options.include, walk, skip)).sort();
      if (!options.respectGitignore) return files;
      // The .gitignore files are listed on their own: `include` patterns need not name them.
      // Unless `include` takes every file: then the listing already has every one of them.
      const everything = options.include.some((p) => p === '**' || p === '**/*');
      const gitignores = everything ? files.filter((f) => f === '.gitignore' || f.endsWith('/.gitignore')) : await fg(['**/.gitignore'], walk);
      const rules = new Map<string, Ignore>();
      for (const gi of gitignores) {
        options.onInput?.(gi, versionOf(absolute(root, gi)));
        try {
          rules.set(dirname(gi), ignore().add(readFileSync(absolute(root, gi), 'utf8')));
        } catch {
          // unreadable .gitignore: ignore nothing for it
        }
      }
      if (rules.size === 0) return files;
      // Matching thousands of paths against the rules takes a while: let the event loop in between chunks
      // (the language server answers from its last snapshot meanwhile).
      const kept: string[] = [];
      for (let i = 0; i < files.length; i++) {
        if (i % 500 === 499) await yieldToEventLoop();
        if (!isGitIgnored(files[i]!, rules)) kept.push(files[i]!);
      }
      return kept;
    },
    // Synchronous calls behind the async interface: for thousands of small files they are several times
    // faster than libuv's thread pool (plane: 34 ms against 138 ms at best, 16 reads at a time).
    async stat(path) {
      try {
        const s = statSync(absolute(root, path), { throwIfNoEntry: false });
        return s?.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
      } catch (err) {
        // There but not stat-able (a folder that can be listed, not entered; a path too long): a blank
        // stat, so that reading it fails and the reader records why.
        const code = (err as NodeJS.ErrnoException).code;
        return code === 'ENOENT' || code === 'ENOTDIR' ? null : { size: 0, mtimeMs: 0 };
      }
    },
    async read(path) {
      return readFileSync(absolute(root, path));
    },
    version(path) {
      return versionOf(absolute(root, path));
    },
  };
}

/** The version of the file or folder at the absolute `abs` (followed if a link); null when it is not there or its file system keeps no change time. */
function versionOf(abs: string): FileVersion | null {
  try {
    const s = statSync(abs, { throwIfNoEntry: false });
    if (!s || !s.ctimeMs) return null;
    return { id: `${s.dev}:${s.ino}:${s.mode}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`, changedMs: Math.max(s.ctimeMs, s.mtimeMs) };
  } catch {
    return null;
  }
}

/**
 * Is the file ignored by the `.gitignore` files of its folders? Only its ancestors are looked up, the
 * deepest first: as in git, a deeper file's decision (`!keep.ts` re-including) beats a shallower one's.
 */
function isGitIgnored(file: string, rules: ReadonlyMap<string, Ignore>): boolean {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const ig = rules.get(dir);
    if (ig) {
      const rel = relativeTo(dir, file);
      const r = rel ? ig.test(rel) : null;
      if (r?.ignored) return true;
      if (r?.unignored) return false;
    }
    if (dir === '.' || dir === '') return false;
  }
}

/** A file system whose reads of listed files see `overlays` (root-relative path → text) before the disk. */
export function withOverlays(base: FileSystem, overlays: ReadonlyMap<string, string>): FileSystem {
  if (overlays.size === 0) return base;
  const enc = new TextEncoder();
  return {
    // Overlays change what files say, not which files exist: an unsaved new file joins when saved.
    list: (options) => base.list(options),
    async stat(path) {
      const o = overlays.get(path);
      if (o !== undefined) return { size: o.length, mtimeMs: 0 };
      return base.stat(path);
    },
    async read(path) {
      const o = overlays.get(path);
      return o !== undefined ? enc.encode(o) : base.read(path);
    },
  };
}

/**
 * Where a quick fix may read or write the root-relative `rel`: its absolute path when it stays inside the
 * workspace after normalisation and after symlinks (the real path of the file, or of its deepest existing
 * folder, must be inside the real root), else the reason it may not. A symlink as the file itself is
 * refused too: writing through it would change a file we do not see.
 */
export function workspaceTarget(root: string, rel: string): { readonly abs: string } | { readonly reason: string } {
  if (rel === '' || rel.includes('\\') || rel.includes('\0') || rel.startsWith('/') || normalize(rel) !== rel || rel.split('/').some((s) => s === '..' || s === '.')) {
    return { reason: `${JSON.stringify(rel)} is not a plain path inside the workspace` };
  }
  const abs = absolute(root, rel);
  if (relativeToRoot(root, abs) === null) return { reason: `${rel} is outside the workspace` };
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { reason: 'the workspace folder cannot be resolved' };
  }
  try {
    if (lstatSync(abs).isSymbolicLink()) return { reason: `${rel} is a symbolic link` };
  } catch {
    // does not exist yet: its folders are checked below
  }
  // The deepest existing ancestor (or the file itself) decides where the write really lands.
  for (let cur = rel; ; cur = dirname(cur)) {
    let real: string | null = null;
    try {
      real = realpathSync(absolute(root, cur));
    } catch {
      real = null;
    }
    if (real !== null) return relativeToRoot(realRoot, real) === null ? { reason: `${cur} leads outside the workspace (to ${real})` } : { abs };
    if (cur === '.' || cur === '') return { reason: 'the workspace folder cannot be resolved' };
  }
}

// ------------------------------------------------------------------ what the walk leaves out

type Skip = (folder: string, reason: string) => void;

/** Each folder reported once (the files walk and the .gitignore walk meet the same ones). */
function skipOnce(onSkipped: Skip | undefined): Skip {
  const seen = new Set<string>();
  return (folder, reason) => {
    if (seen.has(folder)) return;
    seen.add(folder);
    onSkipped?.(folder, reason);
  };
}

/**
 * fast-glob's `readdir`, telling `skip` about each folder it cannot read (suppressErrors hides them):
 * permission denied, a path too long for the file system, a link loop. A missing folder is no news.
 */
function reportingReaddir(root: string, skip: Skip, onInput?: ListOptions['onInput']): typeof fsReaddir {
  const wrapped = (path: string, ...rest: unknown[]) => {
    // The version before the read: a change after it gives another version, so never an old listing with a new version.
    if (onInput) onInput(relativeToRoot(root, path) ?? toPosixPath(path), versionOf(path));
    const done = rest.pop() as (err: NodeJS.ErrnoException | null, entries?: unknown) => void;
    const report = (err: NodeJS.ErrnoException | null, entries?: unknown) => {
      if (err && err.code !== 'ENOENT' && err.code !== 'ENOTDIR') skip(relativeToRoot(root, path) ?? toPosixPath(path), unreadableFolder(err.code));
      done(err, entries);
    };
    (fsReaddir as (...args: unknown[]) => void)(path, ...rest, report);
  };
  return wrapped as unknown as typeof fsReaddir;
}

function unreadableFolder(code: string | undefined): string {
  if (code === 'EACCES' || code === 'EPERM') return 'folder could not be read (permission denied): its files were not analysed';
  if (code === 'ENAMETOOLONG') return 'path too long for the file system: the files of this folder were not analysed';
  if (code === 'ELOOP') return 'a loop of symbolic links: not followed';
  return `folder could not be read (${code ?? 'unknown error'}): its files were not analysed`;
}

/**
 * The walk never follows a symbolic link, except where a pattern names a folder through one
 * (`linked/**`): fast-glob starts there. Those starting folders whose real path is outside the real
 * root, each told to `skip`.
 */
async function linkedOut(root: string, include: readonly string[], walk: fg.Options, skip: Skip): Promise<string[]> {
  const bases = [...new Set(fg.generateTasks([...include], walk).map((t) => normalize(t.base)))].filter((b) => b !== '.');
  if (bases.length === 0) return [];
  const realRoot = await fsp.realpath(root);
  const out: string[] = [];
  for (const base of bases) {
    let real: string;
    try {
      real = await fsp.realpath(absolute(root, base));
    } catch {
      continue; // missing (nothing is listed under it) or unreadable (the walk reports it)
    }
    if (relativeToRoot(realRoot, real) !== null) continue;
    out.push(base);
    skip(base, `a symbolic link to a folder outside the workspace (${real}): not followed`);
  }
  return out;
}

/**
 * A pattern naming a folder (`apps/web/**`) starts its walk there: the folders on the way to it are
 * inputs too (one replaced by a link, or renamed, changes what is listed). The walk reports the start.
 */
function reportBases(root: string, include: readonly string[], walk: fg.Options, onInput: NonNullable<ListOptions['onInput']>): void {
  const seen = new Set<string>();
  for (const t of fg.generateTasks([...include], walk)) {
    for (let dir = dirname(normalize(t.base)); !seen.has(dir); dir = dirname(dir)) {
      seen.add(dir);
      onInput(dir, versionOf(absolute(root, dir)));
      if (dir === '.' || dir === '') break;
    }
  }
}

function withoutLinksOut(files: string[], bases: readonly string[]): string[] {
  return bases.length === 0 ? files : files.filter((f) => !bases.some((b) => isInside(f, b)));
}

export { diskFactsStore, defaultCacheDir, openFactsCache, type DiskFactsOptions } from './fsCache';
