/**
 * The file system as the core sees it: root-relative POSIX paths. `nodeFileSystem` is the one
 * implementation over `node:fs` (the only core module allowed to import it); tests and the server can
 * layer overlays on top (open editor buffers).
 */
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { absolute, dirname, normalize, relativeTo, relativeToRoot } from './path';

export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
}

export interface ListOptions {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly respectGitignore: boolean;
}

export interface FileSystem {
  /** Root-relative POSIX paths of the files to consider, sorted. */
  list(options: ListOptions): Promise<string[]>;
  stat(path: string): Promise<FileStat | null>;
  read(path: string): Promise<Uint8Array>;
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
    // fast-glob's synchronous walk is about twice as fast as its async one on a large tree.
    async list(options) {
      const walk = (patterns: readonly string[]) => fg.sync([...patterns], { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true, ignore: [...DEFAULT_EXCLUDES, ...options.exclude] });
      const files = walk(options.include).sort();
      if (!options.respectGitignore) return files;
      // The .gitignore files are listed on their own (`include` patterns need not name them), unless
      // `include` takes every file: then the listing already has every one of them.
      const everything = options.include.some((p) => p === '**' || p === '**/*');
      const gitignores = everything ? files.filter((f) => f === '.gitignore' || f.endsWith('/.gitignore')) : walk(['**/.gitignore']);
      const rules = new Map<string, Ignore>();
      for (const gi of gitignores) {
        try {
          rules.set(dirname(gi), ignore().add(readFileSync(absolute(root, gi), 'utf8')));
        } catch {
          // unreadable .gitignore: ignore nothing for it
        }
      }
      return rules.size === 0 ? files : files.filter((f) => !isGitIgnored(f, rules));
    },
    // Synchronous calls behind the async interface: for thousands of small files they are several times
    // faster than libuv's thread pool (plane: 34 ms against 138 ms at best, 16 reads at a time).
    async stat(path) {
      try {
        const s = statSync(absolute(root, path), { throwIfNoEntry: false });
        return s?.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
      } catch {
        return null;
      }
    },
    async read(path) {
      return readFileSync(absolute(root, path));
    },
  };
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
