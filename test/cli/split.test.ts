/**
 * Split repositories: a frontend checkout analysed with its backend's (`check web --with ../api`) is
 * one system; alone, its calls cannot be checked, and the report says so instead of "no gaps".
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'api-parity-split-'));
  cpSync(join(EXAMPLE, 'frontend'), join(root, 'web'), { recursive: true });
  cpSync(join(EXAMPLE, 'backend'), join(root, 'api'), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('check --with', () => {
  it('alone, a frontend says its calls could not be checked', async () => {
    const r = await runCli(['check', 'web', '--no-cache'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('12 calls could not be checked: no backend in this workspace declares routes');
  });

  it('with its backend, finds the gaps across the two folders; text shows real paths, JSON the mounted ones', async () => {
    const r = await runCli(['check', 'web', '--with', 'api', '--no-cache'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('11 endpoints: 10 used, 1 unused');
    expect(r.stdout).toContain('../api/app/api/routes/items.py:29:1');
    expect(r.stdout).not.toContain('could not be checked');
    const json = JSON.parse((await runCli(['check', 'web', '--with', 'api', '--no-cache', '--format', 'json'], { cwd: root })).stdout) as { endpoints: Array<{ file: string }>; summary: { missing: number; methodMismatch: number } };
    expect(json.summary).toMatchObject({ missing: 1, methodMismatch: 1 });
    expect(json.endpoints.every((e) => e.file.startsWith('api/app/'))).toBe(true);
  });

  it('mounts a folder under another name when the frontend has a folder of the same name', async () => {
    const web = join(root, 'web2');
    cpSync(join(root, 'web'), web, { recursive: true });
    mkdirSync(join(web, 'api'));
    const json = JSON.parse((await runCli(['check', 'web2', '--with', 'api', '--no-cache', '--format', 'json'], { cwd: root })).stdout) as { endpoints: Array<{ file: string }> };
    expect(json.endpoints.every((e) => e.file.startsWith('api-2/app/'))).toBe(true);
  });

  it('refuses a folder inside the analysed one, a missing folder, and --with on diff (exit 2)', async () => {
    const inside = await runCli(['check', '.', '--with', 'web'], { cwd: root });
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('is inside the analysed folder already');
    expect((await runCli(['check', 'web', '--with', 'nowhere'], { cwd: root })).stderr).toContain('folder not found: nowhere');
    expect((await runCli(['diff', 'web', '--with', 'api'], { cwd: root })).stderr).toContain('--with is not an option of diff');
  });
});

describe('"with" in the config file', () => {
  it('mounts the folders it names, relative to the config file, as --with does', async () => {
    const web = join(root, 'web-config');
    cpSync(join(root, 'web'), web, { recursive: true });
    writeFileSync(join(web, 'api-parity.config.json'), '{ "with": ["../api"] }\n');
    const r = await runCli(['check', 'web-config', '--no-cache'], { cwd: root });
    expect(r.stdout).toContain('11 endpoints: 10 used, 1 unused');
    expect(r.stdout).toContain('../api/app/api/routes/items.py:29:1');
  });

  it('names a folder that does not exist as a configuration error at its entry (exit 2)', async () => {
    const web = join(root, 'web-missing');
    cpSync(join(root, 'web'), web, { recursive: true });
    writeFileSync(join(web, 'api-parity.config.json'), '{\n  "with": ["../backend"]\n}\n');
    const r = await runCli(['check', 'web-missing', '--no-cache'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('web-missing/api-parity.config.json:2:12: with[0]: "../backend" names no folder');
  });
});
