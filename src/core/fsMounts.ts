/**
 * Several folders analysed as one system (a frontend checkout and its backend's, `check web --with
 * ../api`): the main folder is the root, and each other folder is mounted at a top-level name of its
 * own, so that root-relative paths stay plain (`api/app/main.py`). Pure: it only composes file systems.
 */
import type { FileSystem, ListOptions } from './fs';
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
          const files = await m.fs.list({ ...options, exclude: [], ...(onSkipped ? { onSkipped } : {}), ...inputsUnder(m.at, options) });
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
    version(path) {
      const mount = byName.get(path);
      if (mount) return mount.fs.version?.('.') ?? null;
      const s = split(path);
      return (s ? s.mount.fs.version?.(s.rest) : main.version?.(path)) ?? null;
    },
  };
}

/** A listing's input reports (see `ListOptions.onInput`) of a folder that appears under `at`, with its paths as they appear. */
function inputsUnder(at: string, options: ListOptions): Pick<ListOptions, 'onInput'> {
  const onInput = options.onInput;
  if (!onInput) return {};
  return { onInput: (path, version) => onInput(at === '' ? path : path === '.' ? at : `${at}/${path}`, version) };
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

/** One folder of a {@link unionFileSystem}: its files appear under `at` (a root-relative folder, '' for the root). */
export interface Member {
  readonly at: string;
  readonly fs: FileSystem;
}

/**
 * Several folders as one tree rooted at a common ancestor (a multi-root workspace: `web/` and `api/`,
 * or `apps/web` and `apps/api`): only the members' files exist. A path outside every member is not
 * there (stat null, read ENOENT), so nothing between or beside the members is ever read.
 */
export function unionFileSystem(members: readonly Member[]): FileSystem {
  const sorted = [...members].sort((a, b) => b.at.length - a.at.length);
  const owner = (path: string): { member: Member; rest: string } | null => {
    for (const m of sorted) {
      if (m.at === '') return { member: m, rest: path };
      if (path.startsWith(`${m.at}/`)) return { member: m, rest: path.slice(m.at.length + 1) };
    }
    return null;
  };
  const prefix = (m: Member, f: string) => (m.at === '' ? f : `${m.at}/${f}`);
  return {
    async list(options) {
      const lists = await Promise.all(
        sorted.map(async (m) => {
          const onSkipped = options.onSkipped ? (folder: string, reason: string) => options.onSkipped!(prefix(m, folder), reason) : undefined;
          // The config's globs are read against the combined path (`web/src/**`), so they are applied here.
          const files = await m.fs.list({ ...options, include: ['**/*'], exclude: [], ...(onSkipped ? { onSkipped } : {}), ...inputsUnder(m.at, options) });
          const wanted = (f: string) => options.include.some((g) => matchFileGlob(g, f)) && !options.exclude.some((g) => matchFileGlob(g, f));
          // A file of a member nested in another is listed by the inner one only.
          return files.map((f) => prefix(m, f)).filter((f) => owner(f)?.member === m && wanted(f));
        }),
      );
      return [...new Set(lists.flat())].sort();
    },
    async stat(path) {
      const o = owner(path);
      return o ? o.member.fs.stat(o.rest) : null;
    },
    read(path) {
      const o = owner(path);
      if (o) return o.member.fs.read(o.rest);
      return Promise.reject(Object.assign(new Error(`ENOENT: ${path} is outside the analysed folders`), { code: 'ENOENT' }));
    },
    version(path) {
      const member = sorted.find((m) => m.at !== '' && m.at === path);
      if (member) return member.fs.version?.('.') ?? null;
      const o = owner(path);
      return o ? (o.member.fs.version?.(o.rest) ?? null) : null;
    },
  };
}
