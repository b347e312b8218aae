/**
 * Module resolution for the workspace, for both languages: relative and aliased (tsconfig/jsconfig
 * `paths`, `baseUrl`) JS/TS specifiers with extension and index probing, and Python absolute and relative
 * imports against every package in the workspace (namespace packages included).
 */
import { dirname, join, normalize } from '../path';
import type { ModuleFacts } from './sym';
import type { Program } from './evaluate';

export interface TsConfigPaths {
  /** Folder of the tsconfig/jsconfig, root-relative. */
  readonly dir: string;
  /** `baseUrl` resolved against `dir`, or null. */
  readonly baseUrl: string | null;
  readonly paths: Readonly<Record<string, readonly string[]>>;
}

const JS_EXTS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.d.ts'];
const JS_FILE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;

export class WorkspaceProgram implements Program {
  private readonly files: ReadonlySet<string>;
  private readonly modules = new Map<string, ModuleFacts>();
  private readonly cache = new Map<string, string | null>();
  /** Python: dotted module path → file (`__init__.py` for packages); namespace packages map to ''. */
  private readonly pyModules = new Map<string, string>();
  private readonly pyByLast = new Map<string, string[]>();

  constructor(
    files: Iterable<string>,
    private readonly tsconfigs: ReadonlyMap<string, TsConfigPaths>,
  ) {
    this.files = new Set(files);
    for (const f of this.files) {
      if (!f.endsWith('.py') && !f.endsWith('.pyi')) continue;
      const parts = f.replace(/\.pyi?$/, '').split('/');
      const isInit = parts[parts.length - 1] === '__init__';
      if (isInit) parts.pop();
      for (let i = 1; i < parts.length; i++) this.addPy(parts.slice(0, i).join('.'), '');
      if (parts.length) this.addPy(parts.join('.'), f);
    }
  }

  private addPy(dotted: string, file: string): void {
    const prev = this.pyModules.get(dotted);
    if (prev && prev !== '') return;
    this.pyModules.set(dotted, file);
    if (prev === undefined) {
      const last = dotted.slice(dotted.lastIndexOf('.') + 1);
      const list = this.pyByLast.get(last) ?? [];
      list.push(dotted);
      this.pyByLast.set(last, list);
    }
  }

  setModule(facts: ModuleFacts): void {
    this.modules.set(facts.file, facts);
  }

  module(file: string): ModuleFacts | undefined {
    return this.modules.get(file);
  }

  hasFile(file: string): boolean {
    return this.files.has(file);
  }

  resolveImport(fromFile: string, specifier: string): string | null {
    const key = `${fromFile.endsWith('.py') ? 'py' : dirname(fromFile)}\0${fromFile.endsWith('.py') ? fromFile : ''}\0${specifier}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const r = fromFile.endsWith('.py') || fromFile.endsWith('.pyi') ? this.resolvePy(fromFile, specifier) : this.resolveJs(fromFile, specifier);
    const file = r && r !== '' ? r : null;
    this.cache.set(key, file);
    return file;
  }

  isWorkspaceSpecifier(fromFile: string, specifier: string): boolean {
    if (fromFile.endsWith('.py') || fromFile.endsWith('.pyi')) return specifier.startsWith('.') || this.resolvePy(fromFile, specifier) !== null;
    if (specifier.startsWith('.')) return true;
    const cfg = this.tsconfigFor(fromFile);
    return !!cfg && Object.keys(cfg.paths).some((p) => matchAlias(p, specifier) !== null);
  }

  // ---------------------------------------------------------------- JS/TS

  private resolveJs(from: string, spec: string): string | null {
    if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') return this.probe(join(dirname(from), spec));
    const cfg = this.tsconfigFor(from);
    if (!cfg) return null;
    const patterns = Object.keys(cfg.paths).sort((a, b) => b.length - a.length);
    for (const pattern of patterns) {
      const star = matchAlias(pattern, spec);
      if (star === null) continue;
      for (const target of cfg.paths[pattern]!) {
        const hit = this.probe(join(cfg.baseUrl ?? cfg.dir, target.replace('*', star)));
        if (hit) return hit;
      }
    }
    if (cfg.baseUrl !== null) return this.probe(join(cfg.baseUrl, spec));
    return null;
  }

  private probe(base: string): string | null {
    const p = normalize(base);
    if (p.startsWith('..')) return null;
    if (JS_FILE.test(p) && this.files.has(p)) return p;
    const stripped = p.replace(/\.(js|jsx|mjs|cjs)$/, '');
    for (const ext of JS_EXTS) if (this.files.has(stripped + ext)) return stripped + ext;
    for (const ext of JS_EXTS) if (this.files.has(`${p}/index${ext}`)) return `${p}/index${ext}`;
    return null;
  }

  private tsconfigFor(file: string): TsConfigPaths | null {
    for (let d = dirname(file); ; d = dirname(d)) {
      const cfg = this.tsconfigs.get(d);
      if (cfg) return cfg;
      if (d === '.' || d === '') return null;
    }
  }

  // ---------------------------------------------------------------- Python

  private resolvePy(from: string, spec: string): string | null {
    if (spec.startsWith('.')) {
      const dots = /^\.+/.exec(spec)![0].length;
      let dir = dirname(from);
      for (let i = 1; i < dots; i++) dir = dirname(dir);
      const rest = spec.slice(dots);
      const base = dir === '.' ? '' : dir.replace(/\//g, '.');
      const dotted = [base, rest].filter(Boolean).join('.');
      return this.pyModules.get(dotted) ?? null;
    }
    const last = spec.slice(spec.lastIndexOf('.') + 1);
    const candidates = (this.pyByLast.get(last) ?? []).filter((d) => d === spec || d.endsWith('.' + spec));
    if (candidates.length === 0) return null;
    // Prefer the source root that contains the importing file, then the shortest root.
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
    return best === null ? null : this.pyModules.get(best)!;
  }
}

/** `@/*` against `@/lib/api` → `lib/api`; exact patterns → ''; no match → null. */
function matchAlias(pattern: string, spec: string): string | null {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === spec ? '' : null;
  const pre = pattern.slice(0, star);
  const post = pattern.slice(star + 1);
  if (spec.startsWith(pre) && spec.endsWith(post) && spec.length >= pre.length + post.length) return spec.slice(pre.length, spec.length - post.length);
  return null;
}
