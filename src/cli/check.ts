/**
 * The `check` command: validate the folder, load the configuration, analyse, format, write, and turn
 * the gaps into an exit code. User mistakes throw {@link UsageError}; configuration problems are
 * printed as `file:line:col: message`.
 */
import { mkdir, readdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { AnalysisCancelled, analyzeWorkspace, broadWorkspaceReason, CONFIG_FILE_NAME, ConfigurationError, loadConfig, withFolderError, mountedFileSystem, mountNames, nodeFileSystem, openFactsCache, type AnalysisResult, type FileSystem, type LoadedConfig } from '../core';
import type { CheckOptions } from './args';
import { baselineFor, defaultBaselinePath, withBaseline, writeBaseline } from './baseline';
import { UsageError } from './errors';
import { EXIT_INTERRUPTED, EXIT_USAGE, exitCodeFor, gapsAtOrAbove } from './exitCodes';
import { formatReport, type ReportContext } from './format';
import { wantsDecoration, type CliIo } from './io';
import { packageInfo } from './packageInfo';
import { progressLine } from './progress';

/** A folder ready to analyse: its root, file system and configuration. */
export interface OpenedWorkspace {
  readonly root: string;
  readonly fs: FileSystem;
  readonly loaded: LoadedConfig;
  readonly configFile: string | null;
  /** How a root-relative path is shown: itself, or for a `--with` folder its real path from the root (`../api/x.py`). */
  readonly displayPath: (file: string) => string;
}

/**
 * Validate the folder and load its configuration (or `--config`); an invalid configuration is printed
 * as `file:line:col: message` and gives the exit code to return. `fs` reads another revision (diff).
 */
export async function openWorkspace(options: CheckOptions, io: CliIo, fs?: FileSystem): Promise<OpenedWorkspace | number> {
  const root = path.resolve(io.cwd, options.dir);
  await assertReadableFolder(root, options.dir);
  if (!options.allowHomeOrRoot) await assertNotTooBroad(root, io.env);
  const cwdPath = (file: string) => shownPath(io.cwd, path.resolve(root, file));
  try {
    const first = await openWith(root, options, io, fs);
    const extra = fs ? [] : await configWith(root, options, io, first);
    // The config names other folders (`"with": ["../api"]`): mounted as --with ones are.
    return extra.length ? await openWith(root, { ...options, with: [...options.with, ...extra] }, io) : first;
  } catch (err) {
    if (!(err instanceof ConfigurationError)) throw err;
    // An explicit --config is named as typed; the workspace's own file relative to the working directory.
    const shown = options.config !== null ? err.file : cwdPath(err.file);
    io.stderr.write(`api-parity: invalid configuration in ${shown}\n`);
    for (const p of err.problems) io.stderr.write(`${shown}:${p.line}:${p.column}: ${p.message}\n`);
    return EXIT_USAGE;
  }
}

/** The folder's file system (with the `--with` folders) and its configuration (or `--config`). */
async function openWith(root: string, options: CheckOptions, io: CliIo, fs?: FileSystem): Promise<OpenedWorkspace> {
  const { files, displayPath } = fs ? { files: fs, displayPath: (f: string) => f } : await withFolders(root, options, io);
  if (options.config !== null) {
    const abs = path.resolve(io.cwd, options.config);
    const text = await readConfigText(abs, options.config);
    const loaded = await loadConfig(files, { text, file: toPosix(options.config) });
    const inRoot = path.relative(root, abs);
    return { root, fs: files, loaded, configFile: inRoot.startsWith('..') || path.isAbsolute(inRoot) ? abs : toPosix(inRoot), displayPath };
  }
  const loaded = await loadConfig(files);
  return { root, fs: files, loaded, configFile: loaded.file, displayPath };
}

/**
 * The absolute paths of the config's `with` folders (relative to the config file's folder); one that is
 * not a folder is a configuration error at its entry.
 */
async function configWith(root: string, options: CheckOptions, io: CliIo, opened: OpenedWorkspace): Promise<string[]> {
  const list = opened.loaded.config.with;
  if (list.length === 0) return [];
  const configAbs = options.config !== null ? path.resolve(io.cwd, options.config) : path.join(root, CONFIG_FILE_NAME);
  const dirs = list.map((w) => path.resolve(path.dirname(configAbs), w));
  const missing: Array<{ index: number; reason: string }> = [];
  for (const [index, d] of dirs.entries()) {
    const isDir = await stat(d).then((st) => st.isDirectory(), () => null);
    if (isDir !== true) missing.push({ index, reason: `${JSON.stringify(list[index])} ${isDir === null ? `names no folder (${d} does not exist)` : `(${d}) is not a folder`}` });
  }
  if (missing.length) throw withFolderError(await readFile(configAbs, 'utf8'), opened.loaded.file ?? CONFIG_FILE_NAME, missing);
  return dirs;
}

/** Analyse an opened workspace with a progress line; the exit code on Ctrl-C. */
export async function analyseOpened(w: OpenedWorkspace, options: CheckOptions, io: CliIo, label = ''): Promise<AnalysisResult | number> {
  const progress = progressLine(io.stderr, !options.quiet && wantsDecoration(io.stderr, io.env, !options.color), label);
  try {
    const factsCache = options.cache ? (openFactsCache(io.env) ?? undefined) : undefined;
    return await analyzeWorkspace({ root: w.root, fs: w.fs, config: w.loaded.config, configFile: w.configFile, signal: io.signal, onProgress: (p) => progress.update(p), factsCache, runMemo: io.env['API_PARITY_RUN_MEMO'] !== '0' });
  } catch (err) {
    if (!(err instanceof AnalysisCancelled)) throw err;
    progress.clear();
    io.stderr.write('api-parity: cancelled\n');
    return EXIT_INTERRUPTED;
  } finally {
    progress.clear();
  }
}

export async function runCheck(options: CheckOptions, io: CliIo): Promise<number> {
  const started = Date.now();
  const opened = await openWorkspace(options, io);
  if (typeof opened === 'number') return opened;
  const analysed = await analyseOpened(opened, options, io);
  if (typeof analysed === 'number') return analysed;
  let result = analysed;
  const baseline = await baselineFor(options, opened, io);
  if (options.updateBaseline) return writeBaseline(baseline ?? defaultBaselinePath(opened), result, io, options);
  if (baseline) result = await withBaseline(result, baseline);
  return emitReport(result, options, io, started, opened.displayPath);
}

/**
 * The folder's file system, with each `--with` folder mounted at a top-level name of its own (its
 * folder name, made unique); shown paths of mounted files are their real paths from the root.
 */
async function withFolders(root: string, options: CheckOptions, io: CliIo): Promise<{ files: FileSystem; displayPath: (file: string) => string }> {
  const main = nodeFileSystem(root);
  if (options.with.length === 0) return { files: main, displayPath: (f) => f };
  const dirs = options.with.map((w) => path.resolve(io.cwd, w));
  for (const [i, d] of dirs.entries()) {
    await assertReadableFolder(d, options.with[i]!);
    const rel = path.relative(root, d);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) throw new UsageError(`--with ${options.with[i]} is inside the analysed folder already: --with names another checkout`, 'check');
    if (!options.allowHomeOrRoot) await assertNotTooBroad(d, io.env);
  }
  const names = mountNames(dirs, new Set(await readdir(root)));
  const real = new Map(names.map((n, i) => [n, toPosix(path.relative(root, dirs[i]!))]));
  const displayPath = (f: string) => {
    const slash = f.indexOf('/');
    const to = slash > 0 ? real.get(f.slice(0, slash)) : undefined;
    return to === undefined ? f : `${to}/${f.slice(slash + 1)}`;
  };
  return { files: mountedFileSystem(main, names.map((at, i) => ({ at, fs: nodeFileSystem(dirs[i]!) }))), displayPath };
}

/** Format the result, write it to stdout or `--output`, and turn its gaps into the exit code. */
export async function emitReport(result: AnalysisResult, options: CheckOptions, io: CliIo, started: number, displayPath: (file: string) => string, render?: (ctx: ReportContext) => string): Promise<number> {
  const toStdout = options.output === null;
  const { version, homepage } = packageInfo();
  const ctx: ReportContext = {
    version,
    homepage,
    elapsedMs: Date.now() - started,
    color: toStdout && options.format === 'text' && wantsDecoration(io.stdout, io.env, !options.color),
    verbose: options.verbose,
    quiet: options.quiet,
    displayPath,
  };
  const report = render ? render(ctx) : formatReport(options.format, result, ctx);
  const text = report === '' || report.endsWith('\n') ? report : `${report}\n`;

  if (toStdout) io.stdout.write(text);
  else {
    await writeReport(path.resolve(io.cwd, options.output!), options.output!, text);
    if (!options.quiet) {
      const failing = gapsAtOrAbove(result.gaps, options.failOn).length;
      const gaps = `${result.gaps.length} gap${result.gaps.length === 1 ? '' : 's'}`;
      const threshold = options.failOn === 'never' ? '' : `, ${failing} at or above ${options.failOn}`;
      io.stderr.write(`api-parity: ${options.format} report written to ${options.output} (${gaps}${threshold})\n`);
    }
  }
  return exitCodeFor(result.gaps, options.failOn);
}

async function assertReadableFolder(abs: string, shown: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(abs)).isDirectory();
  } catch (err) {
    if (code(err) === 'ENOENT' || code(err) === 'ENOTDIR') throw new UsageError(`folder not found: ${shown}`, 'check');
    throw new UsageError(`cannot access folder ${shown}: ${reason(err)}`, 'check');
  }
  if (!isDir) throw new UsageError(`not a folder: ${shown} (check takes the folder to analyse)`, 'check');
  try {
    await readdir(abs);
  } catch (err) {
    throw new UsageError(`cannot read folder ${shown}: ${reason(err)}`, 'check');
  }
}

/** The root of the file system or the home folder (or above it) is no workspace, unless asked for. */
async function assertNotTooBroad(root: string, env: CliIo['env']): Promise<void> {
  const real = async (p: string) => realpath(p).catch(() => path.resolve(p));
  const home = env['HOME'] || env['USERPROFILE'] || homedir();
  const reason = broadWorkspaceReason(await real(root), home ? await real(home) : null);
  if (reason) throw new UsageError(`refusing to analyse ${reason}: it holds far more than one project. Analyse a project folder, or pass --allow-home-or-root to analyse it anyway.`, 'check');
}

async function readConfigText(abs: string, shown: string): Promise<string> {
  try {
    const s = await stat(abs);
    if (!s.isFile()) throw new UsageError(`--config ${shown} is not a file`, 'check');
    return await readFile(abs, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if (code(err) === 'ENOENT') throw new UsageError(`config file not found: ${shown}`, 'check');
    throw new UsageError(`cannot read config file ${shown}: ${reason(err)}`, 'check');
  }
}

export async function writeReport(abs: string, shown: string, text: string): Promise<void> {
  try {
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, text, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot write the report to ${shown}: ${reason(err)}`, 'check');
  }
}

function code(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function reason(err: unknown): string {
  const c = code(err);
  if (c === 'EACCES' || c === 'EPERM') return 'permission denied';
  if (c === 'EISDIR') return 'it is a folder';
  return err instanceof Error ? err.message : String(err);
}

/** Relative to the working directory when inside it (short and clickable), else absolute. */
function shownPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : toPosix(rel);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
