/**
 * Path helpers. Inside the core every workspace path is POSIX and relative to the analysis root;
 * `joinPath`/`toPosix`/`absolute` are the only bridges to native paths. This is one of the two core
 * files allowed to import `node:path` (the other is fs.ts).
 */
import * as nodePath from 'node:path';

const posix = nodePath.posix;

export const dirname = (p: string): string => {
  const d = posix.dirname(p);
  return d === '' ? '.' : d;
};
export const basename = (p: string): string => posix.basename(p);
export const extname = (p: string): string => posix.extname(p);
export const join = (...parts: string[]): string => {
  const j = posix.join(...parts);
  return j === '' ? '.' : j.replace(/^\.\//, '');
};
export const normalize = (p: string): string => {
  const n = posix.normalize(p);
  return n === './' ? '.' : n.replace(/^\.\//, '').replace(/\/$/, '') || '.';
};

/**
 * What a page's `<script src>` may name, as specifiers relative to the page, nearest first: a relative src
 * itself, or a root-relative one from each folder above the page (the site may be served from any of them);
 * [] for a script from another origin. The src's query and fragment are dropped.
 */
export function scriptSrcSpecifiers(page: string, src: string): string[] {
  const path = src.split(/[?#]/)[0]!;
  if (!path || /^[a-z][\w+.-]*:|^\/\//i.test(path)) return [];
  if (!path.startsWith('/')) return [path.startsWith('.') ? path : `./${path}`];
  const depth = page.split('/').length - 1;
  return Array.from({ length: depth + 1 }, (_, up) => `${up === 0 ? '.' : '../'.repeat(up).slice(0, -1)}${path}`);
}

/** Is `file` inside folder `dir` (both root-relative POSIX, `.` is the root)? */
export function isInside(file: string, dir: string): boolean {
  if (dir === '.' || dir === '') return true;
  return file === dir || file.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

/** `file` relative to folder `dir` (root-relative POSIX paths). */
export function relativeTo(dir: string, file: string): string {
  if (dir === '.' || dir === '') return file;
  return posix.relative(dir, file);
}

/** Native path join, for files outside the workspace model (bundled WASM). */
export const joinPath = (...parts: string[]): string => nodePath.join(...parts);

export function toPosix(p: string): string {
  return p.split(nodePath.sep).join('/');
}

/** Absolute native path of a root-relative POSIX path. */
export function absolute(root: string, rel: string): string {
  const base = resolvedRoot(root);
  if (rel === '.') return base;
  // A plain relative path (no `.`/`..` segment, no empty one, nothing a native resolve reads otherwise)
  // is joined as text: resolving every file's path again was a tenth of a stored run's replay.
  if (PLAIN_REL.test(rel) && !(nodePath.sep === '\\' && rel.includes(':'))) {
    return (base.endsWith(nodePath.sep) ? base : base + nodePath.sep) + (nodePath.sep === '/' ? rel : rel.replaceAll('/', nodePath.sep));
  }
  return nodePath.resolve(base, ...rel.split('/'));
}

/** Segments joined by single slashes, none empty, `.` or `..`, no backslash or NUL. */
const PLAIN_REL = /^(?!\.\.?(?:\/|$))(?!.*\/\.\.?(?:\/|$))(?!.*\/\/)(?!.*\/$)[^/\\\0][^\\\0]*$/;
const resolvedRoots = new Map<string, string>();

/** `root` resolved once (an absolute root does not depend on the working folder, so it is kept). */
function resolvedRoot(root: string): string {
  const known = resolvedRoots.get(root);
  if (known !== undefined) return known;
  const r = nodePath.resolve(root);
  if (nodePath.isAbsolute(root) && resolvedRoots.size < 256) resolvedRoots.set(root, r);
  return r;
}

/** Root-relative POSIX path of an absolute native path, or null when it is outside the root. */
export function relativeToRoot(root: string, abs: string): string | null {
  const rel = nodePath.relative(nodePath.resolve(root), nodePath.resolve(abs));
  if (rel === '') return '.';
  if (rel.startsWith('..') || nodePath.isAbsolute(rel)) return null;
  return toPosix(rel);
}

export function resolveNative(p: string): string {
  return nodePath.resolve(p);
}
