/**
 * JS/TS module resolution: relative specifiers with extension and index probing, and tsconfig/jsconfig
 * `paths` and `baseUrl` aliases.
 */
import { dirname, join, normalize } from '../../path';
import type { TsConfigPaths } from '../../resolve/modules';
import type { ModuleResolver, ResolverEnv } from '../types';

const JS_EXTS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.d.ts'];

export function jsModuleResolver(env: ResolverEnv): ModuleResolver {
  const tsconfigFor = (file: string): TsConfigPaths | null => {
    for (let d = dirname(file); ; d = dirname(d)) {
      const cfg = env.tsconfigs.get(d);
      if (cfg) return cfg;
      if (d === '.' || d === '') return null;
    }
  };
  const probe = (base: string): string | null => {
    const p = normalize(base);
    if (p.startsWith('..')) return null;
    // A file named with its extension (`./api.ts`, `./Entry.vue`) when it is a source file.
    if (env.files.has(p) && env.isSource(p)) return p;
    const stripped = p.replace(/\.(js|jsx|mjs|cjs)$/, '');
    for (const ext of JS_EXTS) if (env.files.has(stripped + ext)) return stripped + ext;
    for (const ext of JS_EXTS) if (env.files.has(`${p}/index${ext}`)) return `${p}/index${ext}`;
    return null;
  };
  /** The workspace package a bare specifier names (`@plane/constants`, `@plane/services/api`), with the rest of it. */
  const packageOf = (spec: string): { root: string; sub: string } | null => {
    if (!env.packages || spec.startsWith('.')) return null;
    const parts = spec.split('/');
    const n = spec.startsWith('@') ? 2 : 1;
    const root = env.packages.get(parts.slice(0, n).join('/'));
    return root === undefined ? null : { root, sub: parts.slice(n).join('/') };
  };
  /** A workspace package's sources: its `src/` (built packages point `main` at `dist/`), else its root. */
  const workspacePackage = (spec: string): string | null => {
    const pkg = packageOf(spec);
    if (!pkg) return null;
    for (const dir of ['src', '.']) {
      const hit = probe(join(pkg.root, dir, pkg.sub || 'index'));
      if (hit) return hit;
    }
    return null;
  };
  return {
    resolve(from, spec) {
      if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') return probe(join(dirname(from), spec));
      const cfg = tsconfigFor(from);
      if (!cfg) return workspacePackage(spec);
      const patterns = Object.keys(cfg.paths).sort((a, b) => b.length - a.length);
      for (const pattern of patterns) {
        const star = matchAlias(pattern, spec);
        if (star === null) continue;
        for (const target of cfg.paths[pattern]!) {
          const hit = probe(join(cfg.baseUrl ?? cfg.dir, target.replace('*', star)));
          if (hit) return hit;
        }
      }
      if (cfg.baseUrl !== null) {
        const hit = probe(join(cfg.baseUrl, spec));
        if (hit) return hit;
      }
      return workspacePackage(spec);
    },
    isWorkspaceSpecifier(from, spec) {
      if (spec.startsWith('.')) return true;
      if (packageOf(spec)) return true;
      const cfg = tsconfigFor(from);
      return !!cfg && Object.keys(cfg.paths).some((p) => matchAlias(p, spec) !== null);
    },
  };
}

/** `@/*` against `@/lib/api` → `lib/api`; exact patterns → ''; no match → null. */
export function matchAlias(pattern: string, spec: string): string | null {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === spec ? '' : null;
  const pre = pattern.slice(0, star);
  const post = pattern.slice(star + 1);
  if (spec.startsWith(pre) && spec.endsWith(post) && spec.length >= pre.length + post.length) return spec.slice(pre.length, spec.length - post.length);
  return null;
}
