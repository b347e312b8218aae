/**
 * Where API Parity keeps its caches for this user (the facts cache, and the CLI's compiled-code cache).
 * A leaf module, importing only core/path.ts: the CLI's launcher (src/cli/launch.ts) uses it before the
 * rest of the CLI is loaded.
 */
import { joinPath } from './path';

/**
 * The cache folder for this user: `API_PARITY_CACHE_DIR`, else the platform's cache folder
 * (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on
 * Windows) + `/api-parity`. Null without a home folder. Never inside a workspace unless configured so.
 */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>, platform: string = process.platform): string | null {
  if (env['API_PARITY_CACHE_DIR']) return env['API_PARITY_CACHE_DIR'];
  const home = env['HOME'] || env['USERPROFILE'] || null;
  let base: string | null;
  if (platform === 'win32') base = env['LOCALAPPDATA'] || (home ? joinPath(home, 'AppData', 'Local') : null);
  else if (platform === 'darwin') base = home ? joinPath(home, 'Library', 'Caches') : null;
  else base = env['XDG_CACHE_HOME'] || (home ? joinPath(home, '.cache') : null);
  return base ? joinPath(base, 'api-parity') : null;
}
