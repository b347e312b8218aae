/**
 * Finding and reading the configuration: `api-parity.config.json` at the workspace root, or a file the
 * caller names (the CLI's `--config`). Problems surface as {@link ConfigurationError}s.
 */
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, parseConfig, type Config } from './config';
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
  if (!st) return { config: DEFAULT_CONFIG, file: null };
  const decoded = decodeText(await fs.read(CONFIG_FILE_NAME));
  const text = 'text' in decoded ? decoded.text : '';
  return { config: parseConfig(text, CONFIG_FILE_NAME), file: CONFIG_FILE_NAME };
}
