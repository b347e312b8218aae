/**
 * Drives the CLI in-process: `runCli(argv)` calls `run()` with fake streams and returns the exit code
 * and everything written. `normalize` removes what changes between machines and runs (absolute
 * paths, timings, the package version) before comparing with goldens.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run, type CliIo } from '../../src/cli/main';
import { packageInfo } from '../../src/cli/packageInfo';

export const FIXTURES = resolve(__dirname, 'fixtures');
export const SHOP = join(FIXTURES, 'shop');
export const CONFIGS = join(FIXTURES, 'configs');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
  readonly tty?: boolean;
  readonly signal?: AbortSignal;
}

export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s) => void (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s) => void (stderr += s), isTTY: options.tty ?? false },
    cwd: options.cwd ?? SHOP,
    env: options.env ?? {},
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** Replace the fixture root, its file URL, timings and the version with placeholders. */
export function normalize(text: string, root = SHOP): string {
  const url = pathToFileURL(root).href;
  const { version } = packageInfo();
  return text
    .split(url)
    .join('file:///<root>')
    .split(JSON.stringify(root).slice(1, -1))
    .join('<root>')
    .split(root)
    .join('<root>')
    .replace(/ in \d+\.\d+s/g, ' in <time>s')
    .split(`API Parity ${version}`)
    .join('API Parity <version>')
    .replace(/"(version|semanticVersion)": "([^"]+)"/g, (all, key: string, value: string) => (value === version ? `"${key}": "<version>"` : all));
}

/** A scratch folder removed by the returned function; `from` is copied into it when given. */
export function scratch(from?: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'api-parity-cli-'));
  if (from) cpSync(from, dir, { recursive: true });
  const dispose = () => {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      spawnSync('rm', ['-rf', dir]); // paths longer than PATH_MAX (rm walks them from inside)
    }
  };
  return { dir, dispose };
}

const MAIN = resolve(__dirname, '../../src/cli/main.ts');
/** tsx's loader, by path: the child's working folder is a scratch folder without node_modules. */
const TSX = pathToFileURL(resolve(__dirname, '../../node_modules/tsx/dist/loader.mjs')).href;

/** The CLI as a process (from the sources, through tsx): for what only a real process shows (pipes, permissions). */
export function spawnCli(argv: readonly string[], options: { cwd: string; prefix?: readonly string[] }): SpawnSyncReturns<string> {
  const [cmd, ...pre] = [...(options.prefix ?? []), process.execPath];
  return spawnSync(cmd!, [...pre, '--import', TSX, MAIN, ...argv], { cwd: options.cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

let unprivileged: readonly string[] | null | undefined;

/**
 * A command prefix under which permission bits apply (chmod 000 makes a file unreadable): nothing for a
 * normal user; for root, `setpriv` without the capabilities that bypass them; null when neither works.
 */
export function permissionsApply(): readonly string[] | null {
  if (unprivileged !== undefined) return unprivileged;
  if (process.getuid?.() !== 0) return (unprivileged = []);
  const prefix = ['setpriv', '--bounding-set=-dac_override,-dac_read_search'];
  const probe = spawnSync(prefix[0]!, [...prefix.slice(1), 'true']);
  return (unprivileged = probe.status === 0 ? prefix : null);
}
