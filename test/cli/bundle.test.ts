/**
 * The one subprocess test: the built bundle (`dist/cli.js`, from `npm run build`) must find its WASM
 * grammars in `dist/wasm/` and its package.json one folder up, and print the same JSON as run(); the
 * launcher's code cache must never change what it prints, whatever state the cache folder is in.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SHOP } from './helpers';

const BUNDLE = resolve(__dirname, '../../dist/cli.js');
const built = existsSync(BUNDLE);

describe('dist/cli.js', () => {
  it.skipIf(!built)('analyses the fixture like run() does (skipped when dist/cli.js is not built: run `npm run build`)', async () => {
    const child = spawnSync(process.execPath, [BUNDLE, 'check', SHOP, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(1);
    const inProcess = await runCli(['check', SHOP, '--format', 'json']);
    expect(child.stdout).toBe(inProcess.stdout);

    const version = spawnSync(process.execPath, [BUNDLE, '--version'], { encoding: 'utf8' });
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${pkg.version}\n`);
    expect(version.status).toBe(0);

    const usage = spawnSync(process.execPath, [BUNDLE, '--format', 'yaml'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });

  it.skipIf(!built)('prints the same with a code cache that is missing, fresh, damaged or unwritable, and with --no-cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-parity-bundle-'));
    try {
      const check = (cacheDir: string, ...extra: string[]) => spawnSync(process.execPath, [BUNDLE, 'check', SHOP, '--format', 'json', ...extra], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', API_PARITY_CACHE_DIR: cacheDir } });
      const code = join(dir, 'cache', 'code');
      const first = check(join(dir, 'cache'));
      expect(first.stderr).toBe('');
      // The CLI bundle's code, and typescript-estree's (the fixture has TypeScript).
      const files = readdirSync(code).sort();
      expect(files).toEqual([expect.stringMatching(/^cli-main-\w+\.bin$/), expect.stringMatching(/^estree-\w+\.bin$/)]);
      const expected = { status: first.status, stdout: first.stdout, stderr: '' };
      const written = statSync(join(code, files[0]!)).mtimeMs;
      expect(check(join(dir, 'cache'))).toMatchObject(expected);
      // Used, not rewritten: V8 accepted it (it rejects code compiled under other flags: see launch.ts).
      expect(statSync(join(code, files[0]!)).mtimeMs).toBe(written);
      for (const f of files) writeFileSync(join(code, f), 'damaged');
      expect(check(join(dir, 'cache'))).toMatchObject(expected);
      // Rewritten (estree's when it is next loaded: this warm run parses nothing).
      expect(readFileSync(join(code, files[0]!)).length).toBeGreaterThan(1000);
      writeFileSync(join(dir, 'file'), 'not a folder');
      expect(check(join(dir, 'file', 'cache'))).toMatchObject(expected);
      expect(check(join(dir, 'none'), '--no-cache')).toMatchObject(expected);
      expect(existsSync(join(dir, 'none'))).toBe(false);
      // The bundle the launcher loads still runs by itself.
      expect(spawnSync(process.execPath, [join(BUNDLE, '..', 'cli-main.js'), 'check', SHOP, '--format', 'json', '--no-cache'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })).toMatchObject(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
