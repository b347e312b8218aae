/**
 * The `api-parity` executable (`dist/cli.js`): loads the CLI bundle (`dist/cli-main.js`, from main.ts)
 * with a V8 code cache kept beside the facts cache (`<cache folder>/code`), so a run does not compile
 * the 1.5 MB bundle again (nor typescript-estree's, when it parses JS), then starts it. The cache is
 * off with `--no-cache` (no cache at all is read or written), with `API_PARITY_CODE_CACHE=0`, and
 * without a cache folder. Imports only node built-ins and core leaf modules: whatever it imports is
 * loaded before the cache can help.
 */
import { join } from 'node:path';
import { defaultCacheDir } from '../core/cacheDir';
import { limitHeapGrowth } from '../core/runtime';
import { loadBundle } from './codeCache';

/** The code cache folder, or null when the cache is off. */
export function codeCacheDir(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string | null {
  if (argv.includes('--no-cache') || env['API_PARITY_CODE_CACHE'] === '0') return null;
  const dir = defaultCacheDir(env);
  return dir === null ? null : join(dir, 'code');
}

function launch(): void {
  // V8 keeps code only for the flags it was compiled under: set them before compiling, as the CLI would after.
  limitHeapGrowth();
  // typescript-estree, a bundle of its own that the CLI requires on its first JS parse (esbuild.mjs):
  // 10 MB, ≈ 150 ms to compile.
  const bundle = loadBundle(join(__dirname, 'cli-main.js'), codeCacheDir(process.argv.slice(2), process.env), { alsoCached: ['./estree.js'] });
  process.once('exit', () => bundle.save());
  (bundle.exports as { main(): void }).main();
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) launch();
