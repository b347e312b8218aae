/**
 * Python module resolution: absolute and relative imports against every package in the workspace
 * (namespace packages included), preferring the source root that contains the importing file.
 */
import { dirname } from '../../path';
import type { ModuleResolver, ResolverEnv } from '../types';

export function pyModuleResolver(env: ResolverEnv): ModuleResolver {
  /** Dotted module path → file (`__init__.py` for packages); namespace packages map to ''. */
  const modules = new Map<string, string>();
  const byLast = new Map<string, string[]>();
  const add = (dotted: string, file: string): void => {
    const prev = modules.get(dotted);
    if (prev && prev !== '') return;
    modules.set(dotted, file);
    if (prev === undefined) {
      const last = dotted.slice(dotted.lastIndexOf('.') + 1);
      const list = byLast.get(last) ?? [];
      list.push(dotted);
      byLast.set(last, list);
    }
  };
  for (const f of env.files) {
    if (!f.endsWith('.py') && !f.endsWith('.pyi')) continue;
    const parts = f.replace(/\.pyi?$/, '').split('/');
    if (parts[parts.length - 1] === '__init__') parts.pop();
    for (let i = 1; i < parts.length; i++) add(parts.slice(0, i).join('.'), '');
    if (parts.length) add(parts.join('.'), f);
  }
  const resolve = (from: string, spec: string): string | null => {
    if (spec.startsWith('.')) {
      const dots = /^\.+/.exec(spec)![0].length;
      let dir = dirname(from);
      for (let i = 1; i < dots; i++) dir = dirname(dir);
      const rest = spec.slice(dots);
      const base = dir === '.' ? '' : dir.replace(/\//g, '.');
      return modules.get([base, rest].filter(Boolean).join('.')) ?? null;
    }
    const last = spec.slice(spec.lastIndexOf('.') + 1);
    const candidates = (byLast.get(last) ?? []).filter((d) => d === spec || d.endsWith('.' + spec));
    const fromDotted = dirname(from).replace(/\//g, '.');
    let best: string | null = null;
    let bestScore = -Infinity;
    for (const c of candidates) {
      const root = c.slice(0, c.length - spec.length).replace(/\.$/, '');
      const inRoot = root === '' || fromDotted === root || fromDotted.startsWith(root + '.');
      const score = (inRoot ? 1000 : 0) + root.length * (inRoot ? 1 : -1);
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return best === null ? null : modules.get(best)!;
  };
  return {
    resolve,
    isWorkspaceSpecifier: (from, spec) => spec.startsWith('.') || resolve(from, spec) !== null,
    submodule: (spec, name) => (spec.endsWith('.') ? `${spec}${name}` : `${spec}.${name}`),
  };
}
