/**
 * The one subprocess test: the built bundle (`dist/cli.js`, from `npm run build`) must find its WASM
 * grammars in `dist/wasm/` and its package.json one folder up, and print the same JSON as run().
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
});
