/**
 * Go module resolution: an import path under a workspace module (`go.mod`'s `module` line) names a
 * folder, and the folder's package is read through its first file, which leads on to the others:
 * specifier `.` from a file is the next file of the same package (tests excluded), so a lookup walks
 * every file of the package once (the evaluator stops where it started).
 */
import { dirname, join } from '../../path';
import type { ModuleResolver, ResolverEnv } from '../types';
import { SAME_PACKAGE } from './facts';

export function goModuleResolver(env: ResolverEnv): ModuleResolver {
  /** Folder → its package's files, sorted. */
  const byDir = new Map<string, string[]>();
  for (const f of env.files) {
    if (!f.endsWith('.go') || f.endsWith('_test.go')) continue;
    const d = dirname(f);
    const list = byDir.get(d) ?? [];
    list.push(f);
    byDir.set(d, list);
  }
  for (const list of byDir.values()) list.sort();
  const modules = (env.projects ?? []).flatMap((p) => (p.goModule ? [{ path: p.goModule, root: p.root }] : []));
  // The longest module path first: nested modules win over the module that contains them.
  modules.sort((a, b) => b.path.length - a.path.length);

  const packageDir = (spec: string): string | null => {
    for (const m of modules) {
      if (spec !== m.path && !spec.startsWith(m.path + '/')) continue;
      const rest = spec.slice(m.path.length + 1);
      return rest ? (m.root === '.' ? rest : join(m.root, rest)) : m.root;
    }
    return null;
  };
  const resolve = (from: string, spec: string): string | null => {
    if (spec === SAME_PACKAGE) {
      const list = byDir.get(dirname(from));
      if (!list) return null;
      const i = list.indexOf(from);
      // A file of a package reads on to the next one; a lone file reads itself (the lookup ends there).
      return list[(i + 1) % list.length] ?? null;
    }
    const dir = packageDir(spec);
    return dir === null ? null : (byDir.get(dir)?.[0] ?? null);
  };
  return {
    resolve,
    isWorkspaceSpecifier: (_from, spec) => spec === SAME_PACKAGE || packageDir(spec) !== null,
  };
}
