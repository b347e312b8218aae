/**
 * Rust module resolution over the workspace's files: `crate::a::b`, `self::a`, `super::a` and paths that
 * start at a module declared in the current one (`mod handlers;` → `handlers.rs` or `handlers/mod.rs`).
 * The crate root is the nearest `src/lib.rs` (else `src/main.rs`) above the file; `src/bin/*.rs` are
 * roots of their own. External crates resolve to nothing.
 */
import { dirname } from '../../path';
import type { ModuleResolver, ResolverEnv } from '../types';

const ROOT_FILES = ['lib.rs', 'main.rs'];

export function rsModuleResolver(env: ResolverEnv): ModuleResolver {
  const has = (f: string) => env.files.has(f);
  const join = (dir: string, name: string) => (dir === '.' || dir === '' ? name : `${dir}/${name}`);
  const base = (f: string) => f.slice(f.lastIndexOf('/') + 1);

  const isRoot = (f: string) => (ROOT_FILES.includes(base(f)) && base(dirname(f)) === 'src') || base(dirname(f)) === 'bin';
  /** The folder a module's children live in. */
  const childDir = (f: string) => (isRoot(f) || base(f) === 'mod.rs' ? dirname(f) : f.slice(0, -'.rs'.length));
  const child = (f: string, name: string): string | null => {
    const dir = childDir(f);
    const a = join(dir, `${name}.rs`);
    if (has(a)) return a;
    const b = join(dir, `${name}/mod.rs`);
    return has(b) ? b : null;
  };
  const crateRoot = (f: string): string | null => {
    if (isRoot(f) && base(dirname(f)) === 'bin') return f;
    for (let dir = dirname(f); ; dir = dirname(dir)) {
      if (base(dir) === 'src') for (const r of ROOT_FILES) if (has(join(dir, r))) return join(dir, r);
      if (dir === '.' || dir === '' || dir === '/' || dirname(dir) === dir) return null;
    }
  };
  /** The module a folder belongs to (`src/a` → `src/a.rs` or `src/a/mod.rs`; `src` → the crate root). */
  const parent = (f: string): string | null => {
    if (isRoot(f)) return null;
    const dir = dirname(f);
    const ownerDir = base(f) === 'mod.rs' ? dirname(dir) : dir;
    if (base(ownerDir) === 'src') for (const r of ROOT_FILES) if (has(join(ownerDir, r))) return join(ownerDir, r);
    if (has(`${ownerDir}.rs`)) return `${ownerDir}.rs`;
    if (has(join(ownerDir, 'mod.rs'))) return join(ownerDir, 'mod.rs');
    return null;
  };

  /** `my_crate::…` from a binary of the package: the package's library. */
  const ownCrate = (name: string): string | null => {
    const root = env.crates?.get(name);
    if (root === undefined) return null;
    const lib = join(root, 'src/lib.rs');
    return has(lib) ? lib : null;
  };

  const resolve = (from: string, spec: string): string | null => {
    const segs = spec.split('::').filter(Boolean);
    let cur: string | null;
    const first = segs.shift();
    if (first === undefined) return null;
    if (first === 'crate') cur = crateRoot(from);
    else if (first === 'self') cur = from;
    else if (first === 'super') cur = parent(from);
    else cur = child(from, first) ?? ownCrate(first);
    for (const s of segs) {
      if (cur === null) return null;
      cur = s === 'super' ? parent(cur) : s === 'self' ? cur : child(cur, s);
    }
    return cur;
  };
  return {
    resolve,
    isWorkspaceSpecifier: (from, spec) => /^(crate|self|super)(::|$)/.test(spec) || resolve(from, spec) !== null,
    submodule: (spec, name) => `${spec}::${name}`,
  };
}
