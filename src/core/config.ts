/**
 * `api-parity.config.json`: the one configuration file read by the CLI and the extension. JSON with
 * comments. Validation is strict (an unknown key is an error, with a "did you mean"), and every error
 * carries its line and column. The JSON schema in `schemas/` describes the same shape; a test keeps
 * the two in step.
 */
import { ConfigurationError, parseConfigObject, problemCollector } from './configJson';
import { outsideProblem, readGlobList, type Report } from './configPaths';
import { matchSegments } from './glob';
import { DEFAULT_TEST_FILES } from './project/roles';
import { defaultSeverities, ruleOf, rules } from './rules/registry';
import type { GapKind, MethodOrAny, SeverityOrOff } from './types';
import { HTTP_METHODS } from './types';

export const CONFIG_FILE_NAME = 'api-parity.config.json';

export interface ServiceConfig {
  readonly name: string;
  /** Folder, relative to the workspace root and inside it (no absolute path, no `..`). */
  readonly root: string;
  /** Origin the service is reached at (`http://localhost:8000`, `https://api.example.com`). */
  readonly baseUrl?: string;
  /** Path prefix in front of every route (a reverse proxy mount such as `/api`). */
  readonly pathPrefix?: string;
  readonly ports?: readonly number[];
}

export interface IgnoreRule {
  /** A method, or `*`/absent for any. */
  readonly method?: MethodOrAny;
  /** A path pattern: `{param}` segments match any parameter, `*` one segment, `**` any number. */
  readonly path: string;
  readonly reason: string;
}

/** A gap kind whose severity the config file can set (rules/registry.ts: `meta.configurable`). */
export type ConfigurableGap = string;

export interface Config {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly respectGitignore: boolean;
  /** Files larger than this (bytes) are skipped and recorded. */
  readonly maxFileSize: number;
  readonly services: readonly ServiceConfig[];
  readonly ignore: readonly IgnoreRule[];
  readonly severity: Readonly<Record<ConfigurableGap, SeverityOrOff>>;
  /** Globs of test, mock and fixture files: their calls are test callers, their routes not endpoints. */
  readonly testFiles: readonly string[];
  /** Do calls from test files make a route used? */
  readonly countTestCallers: boolean;
  /**
   * Globs of API documents beside the likely names (`docs/files.ts`): OpenAPI/Swagger specs (`.json`,
   * `.yaml`) and endpoint lists (`.md`, `.txt`) under any name (`docs/reference/routes.md`).
   */
  readonly apiDocs: readonly string[];
  /** The baseline file `check` compares with (relative to the workspace root), or null. */
  readonly baseline: string | null;
  /**
   * Other folders analysed with this one as one system (a backend in a sibling checkout: `["../api"]`),
   * relative to the config file's folder; the CLI's `--with`. The front ends check that they exist.
   */
  readonly with: readonly string[];
}

/** Tests, mocks, fixtures, end-to-end specs and stories (project/roles.ts, a module with no imports of the rules). */
export { DEFAULT_TEST_FILES };

export const DEFAULT_CONFIG: Config = {
  include: ['**/*'],
  exclude: [],
  respectGitignore: true,
  maxFileSize: 1024 * 1024,
  services: [],
  ignore: [],
  severity: defaultSeverities(),
  testFiles: DEFAULT_TEST_FILES,
  countTestCallers: false,
  apiDocs: [],
  baseline: null,
  with: [],
};

export const CONFIGURABLE_GAPS: readonly ConfigurableGap[] = rules.filter((r) => r.meta.configurable).map((r) => r.meta.kind);
const SEVERITIES: readonly SeverityOrOff[] = ['error', 'warning', 'info', 'hint', 'off'];
const TOP_KEYS = ['$schema', 'include', 'exclude', 'respectGitignore', 'maxFileSize', 'services', 'ignore', 'severity', 'testFiles', 'countTestCallers', 'apiDocs', 'baseline', 'with'] as const;
const SERVICE_KEYS = ['name', 'root', 'baseUrl', 'pathPrefix', 'ports'] as const;
const IGNORE_KEYS = ['method', 'path', 'reason'] as const;
/** Each service is matched against every project, each ignore rule against every route and call. */
export const MAX_SERVICES = 200;
export const MAX_IGNORE_RULES = 1000;
/** The largest `maxFileSize`: every file up to it is read, decoded and parsed whole. */
export const MAX_FILE_SIZE_CAP = 16 * 1024 * 1024;

export { ConfigurationError, type ConfigProblem } from './configJson';

/** Parse and validate a config file's text. Throws {@link ConfigurationError} listing every problem. */
export function parseConfig(text: string, file: string): Config {
  const obj = parseConfigObject(text, file);
  const collector = problemCollector(text);
  const problem: Report = collector.report;
  unknownKeys(obj, TOP_KEYS, [], problem);
  const include = readGlobList(obj, 'include', problem);
  const exclude = readGlobList(obj, 'exclude', problem);
  const respectGitignore = readBoolean(obj, 'respectGitignore', problem);
  const testFiles = readGlobList(obj, 'testFiles', problem);
  const countTestCallers = readBoolean(obj, 'countTestCallers', problem);
  const apiDocs = readGlobList(obj, 'apiDocs', problem);
  const maxFileSize = readMaxFileSize(obj['maxFileSize'], problem);
  const services = readServices(obj['services'], problem);
  const ignore = readIgnoreRules(obj['ignore'], problem);
  const severity = readSeverity(obj['severity'], problem);
  const baseline = readBaselinePath(obj['baseline'], problem);
  const withFolders = readWithFolders(obj['with'], problem);
  const problems = collector.problems();
  if (problems.length) throw new ConfigurationError(file, problems);
  return {
    include: include ?? DEFAULT_CONFIG.include,
    exclude: exclude ?? DEFAULT_CONFIG.exclude,
    respectGitignore: respectGitignore ?? DEFAULT_CONFIG.respectGitignore,
    maxFileSize: maxFileSize ?? DEFAULT_CONFIG.maxFileSize,
    services,
    ignore,
    severity,
    testFiles: testFiles ?? DEFAULT_CONFIG.testFiles,
    countTestCallers: countTestCallers ?? DEFAULT_CONFIG.countTestCallers,
    apiDocs: apiDocs ?? DEFAULT_CONFIG.apiDocs,
    baseline,
    with: withFolders,
  };
}

/** `with`: folder paths (relative to the config file's folder, `..` allowed: they name other checkouts). */
function readWithFolders(v: unknown, problem: Report): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > 20 || v.some((x) => typeof x !== 'string' || x.trim() === '' || x.length > 1000 || x.includes('\0'))) {
    problem(['with'], 'expected an array of at most 20 folder paths, such as ["../api"]');
    return [];
  }
  return v as string[];
}

/** A file inside the workspace, relative to its root. */
function readBaselinePath(v: unknown, problem: Report): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.trim() === '' || v.length > 1000) {
    problem(['baseline'], 'expected the path of a baseline file, relative to the workspace root');
    return null;
  }
  const outside = outsideProblem(v, 'folder');
  if (outside) {
    problem(['baseline'], `the baseline file ${outside.replace('a folder', 'the baseline')}`);
    return null;
  }
  return v;
}

function readBoolean(obj: Record<string, unknown>, key: string, problem: Report): boolean | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') {
    problem([key], 'expected true or false');
    return undefined;
  }
  return v;
}

function readMaxFileSize(v: unknown, problem: Report): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1024) {
    problem(['maxFileSize'], 'expected a whole number of bytes, at least 1024');
    return undefined;
  }
  if (v > MAX_FILE_SIZE_CAP) {
    problem(['maxFileSize'], `at most ${MAX_FILE_SIZE_CAP} bytes (16 MiB)`);
    return undefined;
  }
  return v;
}

/** `services`: each one checked, then names checked for duplicates. */
function readServices(v: unknown, problem: Report): ServiceConfig[] {
  const services: ServiceConfig[] = [];
  if (v === undefined) return services;
  if (!Array.isArray(v)) problem(['services'], 'expected an array of services');
  else if (v.length > MAX_SERVICES) problem(['services'], `has ${v.length} services; at most ${MAX_SERVICES} are allowed`);
  else
    v.forEach((s: unknown, i: number) => {
      const service = readService(s, ['services', i], problem);
      if (service) services.push(service);
    });
  const names = new Set<string>();
  services.forEach((s, i) => {
    if (names.has(s.name)) problem(['services', i, 'name'], `service name "${s.name}" is used twice`);
    names.add(s.name);
  });
  return services;
}

/** One service; kept (even with other problems reported) when it has a name and a root. */
function readService(s: unknown, p: (string | number)[], problem: Report): ServiceConfig | null {
  if (!s || typeof s !== 'object' || Array.isArray(s)) {
    problem(p, 'expected an object with "name" and "root"');
    return null;
  }
  const o = s as Record<string, unknown>;
  unknownKeys(o, SERVICE_KEYS, p, problem);
  if (typeof o['name'] !== 'string' || !o['name']) problem([...p, 'name'], 'expected a non-empty string');
  if (typeof o['root'] !== 'string' || !o['root']) problem([...p, 'root'], 'expected a folder path such as "backend" or "."');
  else if (outsideProblem(o['root'], 'folder')) problem([...p, 'root'], outsideProblem(o['root'], 'folder')!);
  if (o['baseUrl'] !== undefined && (typeof o['baseUrl'] !== 'string' || !/^(https?|wss?):\/\/[^/]+/.test(o['baseUrl'])))
    problem([...p, 'baseUrl'], 'expected an origin such as "http://localhost:8000"');
  if (o['pathPrefix'] !== undefined && (typeof o['pathPrefix'] !== 'string' || !o['pathPrefix'].startsWith('/'))) problem([...p, 'pathPrefix'], 'expected a path starting with "/"');
  else if (typeof o['pathPrefix'] === 'string' && o['pathPrefix'].split('/').some((seg) => seg === '.' || seg === '..' || seg.includes('\\') || /%(2e|2f|5c)/i.test(seg))) {
    problem([...p, 'pathPrefix'], 'a path prefix cannot hold ".", ".." or backslash segments (or their percent-encoded forms)');
  }
  if (o['ports'] !== undefined && (!Array.isArray(o['ports']) || o['ports'].some((x) => !Number.isInteger(x) || x < 1 || x > 65535)))
    problem([...p, 'ports'], 'expected an array of port numbers');
  if (typeof o['name'] !== 'string' || typeof o['root'] !== 'string') return null;
  return {
    name: o['name'],
    root: o['root'],
    ...(typeof o['baseUrl'] === 'string' ? { baseUrl: o['baseUrl'].replace(/\/+$/, '') } : {}),
    ...(typeof o['pathPrefix'] === 'string' ? { pathPrefix: o['pathPrefix'] } : {}),
    ...(Array.isArray(o['ports']) ? { ports: o['ports'] as number[] } : {}),
  };
}

/** `ignore`: rules with an optional method, a path pattern and a reason. */
function readIgnoreRules(v: unknown, problem: Report): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  if (v === undefined) return rules;
  if (!Array.isArray(v)) problem(['ignore'], 'expected an array of { "method", "path", "reason" }');
  else if (v.length > MAX_IGNORE_RULES) problem(['ignore'], `has ${v.length} rules; at most ${MAX_IGNORE_RULES} are allowed`);
  else
    v.forEach((r: unknown, i: number) => {
      const rule = readIgnoreRule(r, ['ignore', i], problem);
      if (rule) rules.push(rule);
    });
  return rules;
}

function readIgnoreRule(r: unknown, p: (string | number)[], problem: Report): IgnoreRule | null {
  if (!r || typeof r !== 'object' || Array.isArray(r)) {
    problem(p, 'expected an object with "path" and "reason"');
    return null;
  }
  const o = r as Record<string, unknown>;
  unknownKeys(o, IGNORE_KEYS, p, problem);
  let method: MethodOrAny | undefined;
  if (o['method'] !== undefined) {
    const m = typeof o['method'] === 'string' ? o['method'].toUpperCase() : '';
    if (m !== '*' && !(HTTP_METHODS as readonly string[]).includes(m)) problem([...p, 'method'], `expected one of ${[...HTTP_METHODS, '*'].join(', ')}`);
    else method = m as MethodOrAny;
  }
  if (typeof o['path'] !== 'string' || !o['path'].startsWith('/')) problem([...p, 'path'], 'expected a path pattern starting with "/"');
  if (typeof o['reason'] !== 'string' || !o['reason'].trim()) problem([...p, 'reason'], 'say why this is ignored (a non-empty "reason")');
  if (typeof o['path'] !== 'string' || typeof o['reason'] !== 'string' || !o['reason'].trim()) return null;
  return { ...(method ? { method } : {}), path: o['path'], reason: o['reason'].trim() };
}

/** `severity`: a level (or `off`) per configurable gap kind, over the rules' defaults. */
function readSeverity(sv: unknown, problem: Report): Record<ConfigurableGap, SeverityOrOff> {
  const severity: Record<ConfigurableGap, SeverityOrOff> = { ...DEFAULT_CONFIG.severity };
  if (sv === undefined) return severity;
  if (!sv || typeof sv !== 'object' || Array.isArray(sv)) {
    problem(['severity'], 'expected an object such as { "unused-endpoint": "info" }');
    return severity;
  }
  unknownKeys(sv as Record<string, unknown>, CONFIGURABLE_GAPS, ['severity'], problem);
  for (const [k, v] of Object.entries(sv)) {
    if (!(CONFIGURABLE_GAPS as readonly string[]).includes(k)) continue;
    if (typeof v !== 'string' || !(SEVERITIES as readonly string[]).includes(v)) problem(['severity', k], `expected one of ${SEVERITIES.join(', ')}`);
    else severity[k as ConfigurableGap] = v as SeverityOrOff;
  }
  return severity;
}

function unknownKeys(o: Record<string, unknown>, known: readonly string[], path: (string | number)[], problem: Report): void {
  for (const k of Object.keys(o)) {
    if (known.includes(k)) continue;
    const near = known.find((x) => similar(x, k));
    problem([...path, k], `unknown key${near ? ` (did you mean "${near}"?)` : `; expected one of ${known.filter((x) => x !== '$schema').join(', ')}`}`);
  }
}

function similar(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  if (Math.abs(x.length - y.length) > 2) return false;
  let d = 0;
  const prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (x[i - 1] === y[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  d = prev[y.length]!;
  return d <= 2;
}

// ------------------------------------------------------------------ ignore rules

/** Does an ignore rule cover this method and (normalised) path? */
export function ruleMatches(rule: IgnoreRule, method: MethodOrAny | null, path: string): boolean {
  if (rule.method && rule.method !== '*' && method !== null && method !== '*' && rule.method !== method) return false;
  return globPath(rule.path, path);
}

/** An ignore rule's path pattern: `*` one segment, `**` any number, `{id}` any parameter segment. */
function globPath(pattern: string, path: string): boolean {
  const isParam = (s: string) => /^\{.*\}$/.test(s) || s.startsWith(':') || /^<.*>$/.test(s) || /^\[.*\]$/.test(s);
  // `*` matches any one segment; `{id}` matches any parameter segment (`{user_id}`), not a literal.
  return matchSegments(split(pattern), split(path), (p, x) => p === '*' || (isParam(p) ? isParam(x) : p === x));
}

function split(p: string): string[] {
  return p.split('?')[0]!.split('/').filter((s) => s !== '');
}

// ------------------------------------------------------------------ edits

/** The severity of a gap kind: the config's, else the rule's default. */
export function severityOf(config: Config, kind: GapKind | string): SeverityOrOff {
  return config.severity[kind] ?? ruleOf(kind)?.meta.defaultSeverity ?? 'warning';
}
