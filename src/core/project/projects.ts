/**
 * Projects: folders with a manifest (package.json, requirements*.txt, pyproject.toml, Pipfile, setup.py,
 * Cargo.toml, go.mod, Gemfile, pom.xml, build.gradle). Every file belongs to its nearest project; the
 * analysis root is a project too. Manifests give the dependency names extractors `detect` on, and ports
 * from start scripts.
 */
import { basename, dirname, isInside } from '../path';

export type ManifestKind = 'node' | 'python' | 'rust' | 'go' | 'ruby' | 'java';

export interface Project {
  /** Root-relative folder, `.` for the root. */
  readonly root: string;
  readonly name: string;
  readonly manifests: readonly string[];
  readonly kinds: readonly ManifestKind[];
  readonly dependencies: ReadonlySet<string>;
  /** Version ranges of npm dependencies, by name (`next` → `^15.0.0`). */
  readonly versions: Readonly<Record<string, string>>;
  /** Ports named in start scripts (`--port 8000`, `-p 3001`, `PORT=4000`). */
  readonly scriptPorts: readonly number[];
  /** The `name` of its package.json (`@plane/constants`), which other packages import it by. */
  readonly packageName?: string;
  /** A package other codebases may import: its package.json names an entry (`main`, `module`, `exports`) and is not `private`. */
  readonly library?: boolean;
  /** The Rust package name from `Cargo.toml` (`[package] name`), which its binaries use as a crate path. */
  readonly crateName?: string;
  /** The module path its go.mod declares (`github.com/acme/shop`), for Go import resolution. */
  readonly goModule?: string;
}

export function hasDependency(p: Project, name: string): boolean {
  return p.dependencies.has(name.toLowerCase());
}

export function hasManifest(p: Project, kind: ManifestKind): boolean {
  return p.kinds.includes(kind);
}

const MANIFEST_RE = /(^|\/)(package\.json|requirements[^/]*\.txt|requirements\/[^/]+\.txt|pyproject\.toml|Pipfile|setup\.py|setup\.cfg|Cargo\.toml|go\.mod|Gemfile|pom\.xml|build\.gradle(\.kts)?)$/;

export function isManifest(path: string): boolean {
  return MANIFEST_RE.test(path);
}

export function manifestKind(path: string): ManifestKind {
  const b = basename(path);
  if (b === 'package.json') return 'node';
  if (b === 'Cargo.toml') return 'rust';
  if (b === 'go.mod') return 'go';
  if (b === 'Gemfile') return 'ruby';
  if (b === 'pom.xml' || b.startsWith('build.gradle')) return 'java';
  return 'python';
}

/** The project folder a manifest stands for (`requirements/base.txt` stands for its parent). */
export function manifestRoot(path: string): string {
  const d = dirname(path);
  return basename(d) === 'requirements' && path.endsWith('.txt') ? dirname(d) : d;
}

/** What a manifest declares, filled in by the reader for its kind. */
interface ManifestInfo {
  readonly deps: Set<string>;
  readonly versions: Record<string, string>;
  name: string | null;
  scripts: string;
  library?: boolean;
}

/** Readers per manifest kind; a reader that throws keeps what it found before. */
const READERS: Record<ManifestKind, (info: ManifestInfo, text: string, path: string) => void> = {
  node: readPackageJson,
  python: (info, text, path) => (path.endsWith('.txt') ? readRequirementsTxt(info, text) : readPythonProject(info, text)),
  rust: readCargoToml,
  go: readGoMod,
  ruby: readGemfile,
  java: readJavaBuild,
};

/** Dependency names declared in a manifest's text (lower-case). Tolerant: bad text yields fewer names. */
export function parseDependencies(path: string, text: string): { deps: string[]; name: string | null; scripts: string; versions: Record<string, string>; library?: boolean } {
  const info: ManifestInfo = { deps: new Set(), versions: {}, name: null, scripts: '' };
  try {
    READERS[manifestKind(path)](info, text, path);
  } catch {
    // A manifest we cannot read still makes a project; it just declares nothing.
  }
  return { deps: [...info.deps], name: info.name, scripts: info.scripts, versions: info.versions, ...(info.library ? { library: true } : {}) };
}

/** package.json: every dependency table (with version ranges), the package name, the scripts. */
function readPackageJson(info: ManifestInfo, text: string): void {
  const json = JSON.parse(text) as Record<string, unknown>;
  if (typeof json['name'] === 'string') info.name = json['name'];
  if (json['private'] !== true && ['main', 'module', 'exports'].some((k) => json[k] !== undefined)) info.library = true;
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const d = json[key];
    if (d && typeof d === 'object')
      for (const [k, v] of Object.entries(d)) {
        info.deps.add(k.toLowerCase());
        if (typeof v === 'string') info.versions[k.toLowerCase()] ??= v;
      }
  }
  const s = json['scripts'];
  if (s && typeof s === 'object') info.scripts = Object.values(s).filter((v) => typeof v === 'string').join('\n');
}

/** requirements*.txt: one requirement per line (options such as `-r` skipped). */
function readRequirementsTxt(info: ManifestInfo, text: string): void {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line.replace(/#.*/, ''));
    if (m && !line.trim().startsWith('-')) info.deps.add(normalizePy(m[1]!));
  }
}

/**
 * pyproject (PEP 621 arrays and Poetry tables), Pipfile, setup.py/cfg: quoted requirement strings and
 * `name = ...` keys under dependency tables.
 */
function readPythonProject(info: ManifestInfo, text: string): void {
  for (const m of text.matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@ ][^"']*)?["']/g)) info.deps.add(normalizePy(m[1]!));
  for (const key of tableKeys(text, /dependencies|packages/i, /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=/)) info.deps.add(normalizePy(key));
  const nm = /^\s*name\s*=\s*["']([^"']+)["']/m.exec(text);
  if (nm) info.name = nm[1]!;
}

/** Cargo.toml: keys of the `[*dependencies*]` tables, and the package name. */
function readCargoToml(info: ManifestInfo, text: string): void {
  for (const key of tableKeys(text, /dependencies/, /^\s*([A-Za-z0-9_-]+)\s*=/)) info.deps.add(key.toLowerCase());
  const nm = /^\s*name\s*=\s*"([^"]+)"/m.exec(text);
  if (nm) info.name = nm[1]!;
}

/** go.mod: required module paths, and the module's own path. */
function readGoMod(info: ManifestInfo, text: string): void {
  for (const m of text.matchAll(/^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]+\/[^\s]+)\s+v[\d.]+/gm)) info.deps.add(m[1]!.toLowerCase());
  const nm = /^module\s+(\S+)/m.exec(text);
  if (nm) info.name = nm[1]!;
}

/** Gemfile: `gem "name"` lines. */
function readGemfile(info: ManifestInfo, text: string): void {
  for (const m of text.matchAll(/^\s*gem\s+["']([^"']+)["']/gm)) info.deps.add(m[1]!.toLowerCase());
}

/** pom.xml / build.gradle: artifact ids and `group:artifact` coordinates. */
function readJavaBuild(info: ManifestInfo, text: string): void {
  for (const m of text.matchAll(/<artifactId>([^<]+)<\/artifactId>|["']([\w.-]+:[\w.-]+)(?::[\w.-]+)?["']/g)) info.deps.add((m[1] ?? m[2] ?? '').toLowerCase());
}

/** Keys (matched by `keyRe`'s first group) of the INI/TOML tables whose header matches `sectionRe`. */
function tableKeys(text: string, sectionRe: RegExp, keyRe: RegExp): string[] {
  const keys: string[] = [];
  let inTable = false;
  for (const line of text.split(/\r?\n/)) {
    const sec = /^\s*\[([^\]]+)\]/.exec(line);
    if (sec) {
      inTable = sectionRe.test(sec[1]!);
      continue;
    }
    const kv = keyRe.exec(line);
    if (inTable && kv) keys.push(kv[1]!);
  }
  return keys;
}

/**
 * A `setup.py` is a manifest only when it is a packaging script (it imports setuptools or distutils, or
 * calls `setup(...)` at the top level); a module that merely has that name (a Flask view `handlers/setup.py`)
 * makes no project. Other manifests always count.
 */
function isPackagingScript(path: string, text: string | null): boolean {
  if (basename(path) !== 'setup.py' || text === null) return true;
  return /^\s*(?:from|import)\s+(?:setuptools|distutils)\b|^setup\s*\(/m.test(text);
}

function normalizePy(n: string): string {
  return n.toLowerCase().replace(/_/g, '-');
}

const PORT_RES = [/--port[= ](\d{2,5})\b/g, /(?:^|\s)-p[= ]?(\d{2,5})\b/g, /\bPORT=(\d{2,5})\b/g, /:(\d{4,5})\b(?=\s|$)/g];

export function scriptPorts(scripts: string): number[] {
  const ports = new Set<number>();
  for (const re of PORT_RES) for (const m of scripts.matchAll(re)) ports.add(Number(m[1]));
  return [...ports].filter((p) => p > 0 && p < 65536);
}

export interface ManifestInput {
  readonly path: string;
  readonly text: string | null;
}

/** Build projects from manifests; the root always gets one. */
export function buildProjects(manifests: readonly ManifestInput[], rootName: string): Project[] {
  const byRoot = new Map<string, { manifests: string[]; kinds: Set<ManifestKind>; deps: Set<string>; versions: Record<string, string>; name: string | null; scripts: string[]; crate?: string; goModule?: string; library?: boolean }>();
  const get = (root: string) => {
    let p = byRoot.get(root);
    if (!p) {
      p = { manifests: [], kinds: new Set(), deps: new Set(), versions: {}, name: null, scripts: [] };
      byRoot.set(root, p);
    }
    return p;
  };
  get('.');
  for (const m of manifests) {
    if (!isPackagingScript(m.path, m.text)) continue;
    const root = manifestRoot(m.path);
    const p = get(root);
    p.manifests.push(m.path);
    p.kinds.add(manifestKind(m.path));
    if (m.text !== null) {
      const parsed = parseDependencies(m.path, m.text);
      for (const d of parsed.deps) p.deps.add(d);
      Object.assign(p.versions, parsed.versions);
      if (parsed.scripts) p.scripts.push(parsed.scripts);
      if (manifestKind(m.path) === 'node' && parsed.name) p.name ??= parsed.name;
      if (manifestKind(m.path) === 'node' && parsed.library) p.library = true;
      if (manifestKind(m.path) === 'rust' && parsed.name) p.crate = parsed.name;
      if (manifestKind(m.path) === 'go' && parsed.name) p.goModule ??= parsed.name;
    }
  }
  return [...byRoot.entries()]
    .map(([root, p]) => ({
      root,
      name: root === '.' ? rootName : basename(root),
      manifests: p.manifests.sort(),
      kinds: [...p.kinds].sort(),
      dependencies: p.deps,
      versions: p.versions,
      scriptPorts: scriptPorts(p.scripts.join('\n')),
      ...(p.name ? { packageName: p.name } : {}),
      ...(p.library ? { library: true } : {}),
      ...(p.crate ? { crateName: p.crate } : {}),
      ...(p.goModule ? { goModule: p.goModule } : {}),
    }))
    .sort((a, b) => a.root.localeCompare(b.root));
}

/** The nearest project containing a file (projects sorted by root; the deepest match wins). */
/** Answers of {@link projectOf} per project list, forgotten when the list grows (while it is built). */
const owners = new WeakMap<readonly Project[], { length: number; byFile: Map<string, Project> }>();

export function projectOf(projects: readonly Project[], file: string): Project {
  let memo = owners.get(projects);
  if (!memo || memo.length !== projects.length) {
    memo = { length: projects.length, byFile: new Map() };
    owners.set(projects, memo);
  }
  const byFile = memo.byFile;
  let best = byFile.get(file);
  if (best) return best;
  for (const p of projects) if (isInside(file, p.root) && (!best || p.root.length > best.root.length || best.root === '.')) best = p;
  best ??= projects[0]!;
  byFile.set(file, best);
  return best;
}
