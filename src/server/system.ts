/**
 * The workspace as one system: every enabled workspace folder, plus the folders their configs name in
 * `"with"`, analysed together over their common ancestor (core/fsMounts.ts `unionFileSystem`). Paths stay
 * real (`frontend/src/api.ts`, `backend/app/main.py` below the ancestor), so every location maps back to
 * its own folder's file URI with no translation. Only the members' files are read, and only the
 * workspace folders are written to (a `with` folder is read-only).
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import {
  broadWorkspaceReason,
  CONFIG_FILE_NAME,
  ConfigurationError,
  DEFAULT_CONFIG,
  decodeText,
  loadConfig,
  nodeFileSystem,
  rebaseConfigError,
  systemConfig,
  unionFileSystem,
  withFolderError,
  withOverlays,
  type Config,
  type FileSystem,
  type SystemPart,
} from '../core';

export interface FolderInfo {
  readonly uri: string;
  readonly name: string;
  /** Absolute file-system path. */
  readonly path: string;
}

export interface MemberFolder extends FolderInfo {
  /** Its place below the system root: '' when it is the root, else a relative POSIX path. */
  readonly at: string;
  /** A workspace folder (quick fixes may write there); false for a `with` folder. */
  readonly writable: boolean;
}

export interface SystemLayout {
  readonly root: string;
  readonly uri: string;
  /** `frontend + backend`, or the one folder's name. */
  readonly name: string;
  readonly members: readonly MemberFolder[];
  /** Equal for equal layouts (the index is replaced when it changes). */
  readonly key: string;
}

/** The layout over `folders` (workspace folders first, then `with` folders), or null for none. */
export function systemLayout(folders: readonly FolderInfo[], extra: readonly FolderInfo[]): SystemLayout | null {
  const all = [...folders.map((f) => ({ ...f, writable: true })), ...extra.filter((e) => !folders.some((f) => f.path === e.path)).map((f) => ({ ...f, writable: false }))];
  if (all.length === 0) return null;
  let root = all[0]!.path;
  for (const f of all) while (!inside(root, f.path)) root = path.dirname(root);
  const members = all.map((f) => ({ ...f, at: path.relative(root, f.path).split(path.sep).join('/') }));
  const name = folders.length === 1 && extra.length === 0 ? folders[0]!.name : all.map((f) => f.name).join(' + ');
  return { root, uri: URI.file(root).toString(), name, members, key: members.map((m) => `${m.writable ? 'w' : 'r'}:${m.path}`).join('\n') };
}

function inside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The member holding the root-relative `rel` (the innermost), or null when it is in none. */
export function memberOf(layout: SystemLayout, rel: string): MemberFolder | null {
  let best: MemberFolder | null = null;
  for (const m of layout.members) {
    if ((m.at === '' || rel === m.at || rel.startsWith(`${m.at}/`)) && (!best || m.at.length > best.at.length)) best = m;
  }
  return best;
}

/** Why a quick fix may not write `rel` beyond the root's own checks: it must be in a workspace folder. */
export function memberWriteProblem(layout: SystemLayout, rel: string): string | null {
  const m = memberOf(layout, rel);
  if (!m) return `${rel} is outside the workspace folders`;
  return m.writable ? null : `${rel} is in ${m.name}, a folder the configuration's "with" names (read only)`;
}

/** A view of `fs` below `at`. */
function below(fs: FileSystem, at: string): FileSystem {
  const p = (x: string) => (at === '' ? x : `${at}/${x}`);
  return { list: () => Promise.resolve([]), stat: (x) => fs.stat(p(x)), read: (x) => fs.read(p(x)) };
}

export interface MemberConfig {
  readonly config: Config;
  readonly file: string | null;
  readonly error: ConfigurationError | null;
  /** The `with` folders that exist (absolute paths). */
  readonly withDirs: readonly string[];
}

/** A folder's config (defaults when it is invalid) and its `with` folders, checked. */
export async function memberConfig(fs: FileSystem, folderPath: string): Promise<MemberConfig> {
  let loaded: { config: Config; file: string | null };
  try {
    loaded = await loadConfig(fs);
  } catch (e) {
    if (!(e instanceof ConfigurationError)) throw e;
    return { config: DEFAULT_CONFIG, file: null, error: e, withDirs: [] };
  }
  if (loaded.config.with.length === 0) return { ...loaded, error: null, withDirs: [] };
  const withDirs: string[] = [];
  const missing: Array<{ index: number; reason: string }> = [];
  loaded.config.with.forEach((w, index) => {
    const abs = path.resolve(folderPath, w);
    const reason = withProblem(abs, folderPath);
    if (reason) missing.push({ index, reason: `${JSON.stringify(w)} ${reason}` });
    else withDirs.push(abs);
  });
  if (missing.length === 0) return { ...loaded, error: null, withDirs };
  const text = decodeText(await fs.read(CONFIG_FILE_NAME));
  const error = withFolderError('text' in text ? text.text : '', loaded.file ?? CONFIG_FILE_NAME, missing);
  return { ...loaded, error, withDirs };
}

function withProblem(abs: string, folderPath: string): string | null {
  try {
    if (!statSync(abs).isDirectory()) return `(${abs}) is not a folder`;
  } catch {
    return `names no folder (${abs} does not exist)`;
  }
  if (inside(folderPath, abs)) return 'is inside this folder already: "with" names another checkout';
  const broad = broadWorkspaceReason(abs, homedir() || null);
  return broad ? `is ${broad}: far more than one project` : null;
}

export interface OpenedSystem {
  readonly fs: FileSystem;
  readonly config: Config;
  readonly configFile: string | null;
  readonly configError: ConfigurationError | null;
}

/** The system's file system (open buffers over the members' files) and combined config. */
export async function openSystem(layout: SystemLayout, overlays: ReadonlyMap<string, string>): Promise<OpenedSystem> {
  // One folder is read as itself (its globs prune the walk); several through their union.
  const only = layout.members.length === 1 && layout.members[0]!.at === '' ? layout.members[0]! : null;
  const base = only ? nodeFileSystem(only.path) : unionFileSystem(layout.members.map((m) => ({ at: m.at, fs: nodeFileSystem(m.path) })));
  const fs = withOverlays(base, overlays);
  const parts: SystemPart[] = [];
  let configError: ConfigurationError | null = null;
  for (const m of layout.members) {
    const c = await memberConfig(below(fs, m.at), m.path);
    if (c.error && !configError) configError = rebaseConfigError(c.error, m.at);
    parts.push({ at: m.at, config: c.config, file: c.file });
  }
  const { config, file } = systemConfig(parts);
  return { fs, config, configFile: file, configError };
}
