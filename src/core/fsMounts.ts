/**
 * Several folders analysed as one system (a frontend checkout and its backend's, `check web --with
 * ../api`): the main folder is the root, and each other folder is mounted at a top-level name of its
 * own, so that root-relative paths stay plain (`api/app/main.py`). Pure: it only composes file systems.
 */
import type { FileSystem } from './fs';
import { matchFileGlob } from './glob';

export interface Mount {
  /** Top-level folder name the mounted folder appears under (no `/`). */
  readonly at: string;
  readonly fs: FileSystem;
}

/** The main file system with `mounts` added; a main-folder entry with a mount's name is hidden by it. */
export function mountedFileSystem(main: FileSystem, mounts: readonly Mount[]): FileSystem {
  const byName = new Map(mounts.map((m) => [m.at, m]));
  const split = (path: string): { mount: Mount; rest: string } | null => {
    const slash = path.indexOf('/');
    const mount = slash > 0 ? byName.get(path.slice(0, slash)) : undefined;
    return mount ? { mount, rest: path.slice(slash + 1) } : null;
  };
  return {
    async list(options) {
      const own = (await main.list(options)).filter((f) => !split(f));
      const lists = await Promise.all(
        mounts.map(async (m) => {
          const onSkipped = options.onSkipped ? (folder: string, reason: string) => options.onSkipped!(`${m.at}/${folder}`, reason) : undefined;
          const files = await m.fs.list({ ...options, exclude: [], ...(onSkipped ? { onSkipped } : {}) });
          // Exclusions read against the combined path (`api/legacy/**`) or the folder's own (`legacy/**`).
          return files.filter((f) => !options.exclude.some((g) => matchFileGlob(g, f) || matchFileGlob(g, `${m.at}/${f}`))).map((f) => `${m.at}/${f}`);
        }),
      );
      return [...own, ...lists.flat()].sort();
    },
    stat(path) {
      const s = split(path);
      return s ? s.mount.fs.stat(s.rest) : main.stat(path);
    },
    read(path) {
      const s = split(path);
      return s ? s.mount.fs.read(s.rest) : main.read(path);
    },
  };
}

/** Top-level names for folders mounted beside `taken` ones: the folder's own name, made unique. */
export function mountNames(folders: readonly string[], taken: ReadonlySet<string>): string[] {
  const used = new Set(taken);
  return folders.map((f) => {
    const base = (f.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || 'with').replace(/[^\w.-]+/g, '_');
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    return name;
  });
}
