/**
 * A config file comes from whatever repository is opened: a few bytes of it must not exhaust memory,
 * reach outside the workspace, or turn into an internal error. Each case exits 2 with the problem
 * located on the file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch, SHOP } from './helpers';

/** Run `check` on a copy of the shop fixture with this config text. */
async function checkWithConfig(config: string, argv: string[] = []) {
  const s = scratch(SHOP);
  try {
    writeFileSync(join(s.dir, 'api-parity.config.json'), config);
    return await runCli(['check', '--format', 'json', '--fail-on', 'never', ...argv], { cwd: s.dir });
  } finally {
    s.dispose();
  }
}

describe('bounded globs', () => {
  it('a brace bomb (121 bytes, a million patterns once expanded) is a located config error, not an out-of-memory crash', async () => {
    const r = await checkWithConfig(JSON.stringify({ exclude: [`**/*${'{a,b}'.repeat(20)}`] }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^api-parity\.config\.json:1:13: exclude\[0\]: expands to more than 256 patterns/m);
  });

  it('10 000 or 100 000 exclude patterns are a config error', async () => {
    const r = await checkWithConfig(JSON.stringify({ exclude: Array.from({ length: 10_000 }, (_, i) => `d${i}/**`) }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('api-parity.config.json:1:2: exclude: has 10000 patterns; at most 100 are allowed');
    // 100 000 of them make a file larger than any configuration needs.
    const huge = await checkWithConfig(JSON.stringify({ exclude: Array.from({ length: 100_000 }, (_, i) => `d${i}/**`) }));
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain('api-parity.config.json:1:1: the file is 1188903 bytes long; at most 1048576 are allowed');
  });

  it('braces still select files: the config expands them, fast-glob does not', async () => {
    const files = async (include: string[]) => {
      const r = await checkWithConfig(JSON.stringify({ include }));
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { summary: { filesScanned: number } }).summary.filesScanned;
    };
    expect(await files(['{app,web}/**'])).toBe(4);
    expect(await files(['web/**/*.{ts,tsx}'])).toBe(2);
    expect(await files(['[{]app,web}/**'])).toBe(0);
  });
});

describe('the workspace root is the limit', () => {
  it('an include that climbs out of the workspace is a located config error (it used to list files outside)', async () => {
    const r = await checkWithConfig('{\n  "include": ["../../**/*.py"]\n}\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('api-parity.config.json:2:15: include[0]: leads out of the workspace root (a ".." segment); a pattern stays inside the workspace');
  });

  it('a service root outside the workspace is a located config error', async () => {
    const r = await checkWithConfig('{\n  "services": [{ "name": "etc", "root": "/etc" }]\n}\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('api-parity.config.json:2:33: services[0].root: is an absolute path; a folder is relative to the workspace root and stays inside it');
  });
});
