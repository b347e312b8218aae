/**
 * Finding and reading the configuration: `api-parity.config.json` at the workspace root, or a file the
 * caller names (the CLI's `--config`). Problems surface as {@link ConfigurationError}s: a file that is
 * there but cannot be read (permissions, a folder of that name, too large, not text) included.
 */
import { CONFIG_FILE_NAME, ConfigurationError, DEFAULT_CONFIG, parseConfig, type Config } from './config';
import { MAX_CONFIG_CHARS } from './configJson';
import type { FileSystem } from './fs';
import { decodeText } from './text';

export interface LoadedConfig {
  readonly config: Config;
  /** Path of the file it came from (root-relative when found in the workspace), or null for defaults. */
  readonly file: string | null;
}

export async function loadConfig(fs: FileSystem, explicit?: { readonly text: string; readonly file: string }): Promise<LoadedConfig> {
  if (explicit) return { config: parseConfig(explicit.text, explicit.file), file: explicit.file };
  const st = await fs.stat(CONFIG_FILE_NAME);
  if (!st) {
    // No file, or something else by that name: reading it tells which.
    await fs.read(CONFIG_FILE_NAME).catch((err: unknown) => {
      if (!missing(err)) throw unreadable(err);
    });
    return { config: DEFAULT_CONFIG, file: null };
  }
  if (st.size > MAX_CONFIG_CHARS) throw problem(`the file is ${st.size} bytes long; at most ${MAX_CONFIG_CHARS} are allowed`);
  let bytes: Uint8Array;
  try {
    bytes = await fs.read(CONFIG_FILE_NAME);
  } catch (err) {
    throw unreadable(err);
  }
  const decoded = decodeText(bytes);
  if (!('text' in decoded)) throw problem(`cannot be read as text: ${decoded.skip.replace(/; not analysed$/, '')}`);
  return { config: parseConfig(decoded.text, CONFIG_FILE_NAME), file: CONFIG_FILE_NAME };
}

function code(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function missing(err: unknown): boolean {
  const c = code(err);
  return c === undefined || c === 'ENOENT' || c === 'ENOTDIR';
}

function unreadable(err: unknown): ConfigurationError {
  const c = code(err);
  if (c === 'EACCES' || c === 'EPERM') return problem('cannot be read: permission denied');
  if (c === 'EISDIR') return problem('cannot be read: it is a folder, not a file');
  return problem(`cannot be read: ${err instanceof Error ? err.message : String(err)}`);
}

function problem(message: string): ConfigurationError {
  return new ConfigurationError(CONFIG_FILE_NAME, [{ message, line: 1, column: 1 }]);
}
