/** The CLI's facts cache: on by default where there is a cache folder, `--no-cache` reads and writes none. */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, SHOP } from './helpers';

const base = mkdtempSync(join(tmpdir(), 'api-parity-cli-cache-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

// Running from sources, the cache needs an explicit analyser id (a bundle has its build id).
const env = (dir: string) => ({ API_PARITY_CACHE_DIR: join(base, dir), API_PARITY_ANALYZER_ID: 'cli-test' });

describe('check and the facts cache', () => {
  it('writes the cache on a cold run and gives the same report warm', async () => {
    const cold = await runCli(['check', SHOP, '--format', 'json'], { env: env('a') });
    expect(readdirSync(join(base, 'a', 'facts')).length).toBeGreaterThan(0);
    const warm = await runCli(['check', SHOP, '--format', 'json'], { env: env('a') });
    expect(warm).toEqual(cold);
  });

  it('--no-cache neither reads nor writes it', async () => {
    const cached = await runCli(['check', SHOP, '--format', 'json'], { env: env('a') });
    const plain = await runCli(['check', SHOP, '--format', 'json', '--no-cache'], { env: env('b') });
    expect(existsSync(join(base, 'b'))).toBe(false);
    expect(plain).toEqual(cached);
  });

  it('a cache folder that cannot be created (under a regular file) costs only the cache', async () => {
    const cached = await runCli(['check', SHOP, '--format', 'json'], { env: env('a') });
    writeFileSync(join(base, 'file'), 'not a folder');
    const blocked = await runCli(['check', SHOP, '--format', 'json'], { env: { ...env('a'), API_PARITY_CACHE_DIR: join(base, 'file', 'cache') } });
    expect(blocked).toEqual(cached);
  });
});
