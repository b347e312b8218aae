/**
 * One configuration for several folders analysed as one system (a multi-root workspace, a folder with
 * `"with": ["../api"]`). Each folder's own config (or the defaults) keeps its meaning for its own files:
 * its globs, service roots and baseline are rebased under the folder's place in the system (`web/…`),
 * and the folders' settings are combined. Pure.
 */
import { CONFIG_FILE_NAME, ConfigurationError, DEFAULT_CONFIG, type Config } from './config';
import { problemCollector } from './configJson';

/** One folder of the system: where it sits (root-relative, '' for the root) and its loaded config. */
export interface SystemPart {
  readonly at: string;
  readonly config: Config;
  /** The folder's config file (relative to the folder), or null for defaults. */
  readonly file: string | null;
}

const under = (at: string, p: string) => (at === '' ? p : p === '.' ? at : `${at}/${p}`);
/** A glob rebased under `at`; a negated one (`!x`) stays negated. */
const globUnder = (at: string, g: string) => (g.startsWith('!') ? `!${under(at, g.slice(1))}` : under(at, g));

/**
 * The combined config: include/exclude/test globs and services of every part, rebased; ignore rules of
 * every part (they name URL paths); severities, the baseline and the file size limit of the first part
 * with a config file (else the first part); test callers count when any part says so.
 */
export function systemConfig(parts: readonly SystemPart[]): { config: Config; file: string | null } {
  if (parts.length === 0) return { config: DEFAULT_CONFIG, file: null };
  const lead = parts.find((p) => p.file !== null) ?? parts[0]!;
  const all = <T>(f: (p: SystemPart) => readonly T[]) => parts.flatMap(f);
  const config: Config = {
    include: all((p) => p.config.include.map((g) => globUnder(p.at, g))),
    exclude: all((p) => p.config.exclude.map((g) => globUnder(p.at, g))),
    respectGitignore: parts.every((p) => p.config.respectGitignore),
    maxFileSize: lead.config.maxFileSize,
    services: all((p) => p.config.services.map((s) => ({ ...s, root: under(p.at, s.root) }))),
    ignore: all((p) => p.config.ignore),
    severity: lead.config.severity,
    testFiles: [...new Set(all((p) => p.config.testFiles.map((g) => (g.startsWith('**/') ? g : globUnder(p.at, g)))))],
    countTestCallers: parts.some((p) => p.config.countTestCallers),
    apiDocs: all((p) => p.config.apiDocs.map((g) => globUnder(p.at, g))),
    baseline: lead.config.baseline === null ? null : under(lead.at, lead.config.baseline),
    with: [],
  };
  return { config, file: lead.file === null ? null : under(lead.at, lead.file) };
}

/** A config problem moved to the file's place in the system (`web/api-parity.config.json`). */
export function rebaseConfigError(e: ConfigurationError, at: string): ConfigurationError {
  return at === '' ? e : new ConfigurationError(under(at, e.file), e.problems);
}

/**
 * The error for `with` entries that name no folder: each problem at its entry in the config text.
 * `missing` holds the entries' indexes and why each cannot be used.
 */
export function withFolderError(text: string, file: string = CONFIG_FILE_NAME, missing: ReadonlyArray<{ readonly index: number; readonly reason: string }>): ConfigurationError {
  const c = problemCollector(text);
  for (const m of missing) c.report(['with', m.index], m.reason);
  return new ConfigurationError(file, c.problems());
}
