import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { CONFIGS, FIXTURES, runCli, scratch, SHOP } from './helpers';

// The shop fixture has 2 warnings (a missing endpoint, a method mismatch) and 2 hints (unused endpoints).

describe('exit codes: gaps against --fail-on', () => {
  it('exits 1 by default: warnings are at the default threshold', async () => {
    const r = await runCli(['check', '.']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
  });

  it('exits 0 with --fail-on error when the worst gap is a warning', async () => {
    expect((await runCli(['check', '--fail-on', 'error'])).code).toBe(0);
  });

  it('exits 1 with --fail-on error once a gap is an error (severity from --config)', async () => {
    const r = await runCli(['check', '--fail-on', 'error', '--config', join(CONFIGS, 'strict.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/web\/src\/api\.ts:11:21 +error +No route for GET \/api\/v1\/invoices/);
  });

  it('exits 0 with --fail-on never whatever the gaps', async () => {
    const r = await runCli(['check', '--fail-on', 'never', '--config', join(CONFIGS, 'strict.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('error');
  });

  it('counts hints only with --fail-on hint', async () => {
    const s = scratch();
    try {
      const config = join(s.dir, 'only-hints.json');
      writeFileSync(config, JSON.stringify({ severity: { 'missing-endpoint': 'off', 'method-mismatch': 'off', 'unused-client-method': 'off' } }));
      expect((await runCli(['--config', config])).code).toBe(0);
      expect((await runCli(['--config', config, '--fail-on', 'info'])).code).toBe(0);
      expect((await runCli(['--config', config, '--fail-on', 'hint'])).code).toBe(1);
    } finally {
      s.dispose();
    }
  });

  it('treats a leading folder or option as the check command', async () => {
    expect((await runCli(['.', '--fail-on', 'never'])).code).toBe(0);
    expect((await runCli(['shop', '--fail-on', 'error'], { cwd: FIXTURES })).code).toBe(0);
    expect((await runCli([], { cwd: SHOP })).code).toBe(1);
  });
});

describe('exit code 2: usage errors', () => {
  const usage = async (argv: string[], message: string | RegExp) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    if (typeof message === 'string') expect(r.stderr).toContain(message);
    else expect(r.stderr).toMatch(message);
    return r;
  };

  it('rejects an unknown option, suggesting the closest one', async () => {
    const r = await usage(['check', '--formt', 'json'], "api-parity: unknown option '--formt' (did you mean '--format'?)");
    expect(r.stderr).toContain("Run 'api-parity check --help' for usage.");
  });

  it('rejects a bad --format or --fail-on value', async () => {
    await usage(['check', '--format', 'xml'], "invalid value 'xml' for '--format'; expected one of text, json, markdown, sarif, github");
    await usage(['--fail-on=sometimes'], "invalid value 'sometimes' for '--fail-on'");
  });

  it('rejects an option without its value', async () => {
    await usage(['check', '--format'], "option '--format' needs a value (one of text, json, markdown, sarif, github)");
    await usage(['check', '--output', '--verbose'], "option '--output' needs a value");
    await usage(['check', '--config='], "option '--config' needs a value");
  });

  it('rejects a value on a flag and extra arguments', async () => {
    await usage(['check', '--verbose=yes'], "option '--verbose' does not take a value");
    await usage(['check', 'a', 'b'], "unexpected argument 'b': check takes at most one folder");
  });

  it('rejects a folder that does not exist or is a file', async () => {
    await usage(['check', 'no-such-folder'], 'api-parity: folder not found: no-such-folder');
    await usage(['check', 'requirements.txt'], 'api-parity: not a folder: requirements.txt');
    await usage(['no-such-folder'], 'folder not found');
  });

  it('rejects a --config file that is missing or a folder', async () => {
    await usage(['check', '--config', 'nope.json'], 'api-parity: config file not found: nope.json');
    await usage(['check', '--config', 'app'], 'api-parity: --config app is not a file');
  });

  it('prints every problem of a malformed --config file as file:line:col: message', async () => {
    const r = await usage(['check', '--config', '../configs/malformed.json'], 'api-parity: invalid configuration in ../configs/malformed.json');
    const lines = r.stderr.trim().split('\n').slice(1);
    expect(lines).toEqual([
      '../configs/malformed.json:5:3: exclud: unknown key (did you mean "exclude"?)',
      '../configs/malformed.json:3:5: severity.missing-endpoint: expected one of error, warning, info, hint, off',
    ]);
  });

  it('locates problems of the workspace config file relative to the working directory', async () => {
    const s = scratch(SHOP);
    try {
      writeFileSync(join(s.dir, 'api-parity.config.json'), '{\n  "include": ["**/*"],\n  "ignore": [ { "path": "health" } ]\n}\n');
      const inside = await runCli(['check'], { cwd: s.dir });
      expect(inside.code).toBe(2);
      expect(inside.stderr).toContain('api-parity.config.json:3:17: ignore[0].path: expected a path pattern starting with "/"');
      expect(inside.stderr).toContain('api-parity.config.json:3:15: ignore[0].reason: say why this is ignored');
      // From the parent folder the same problem is shown with the folder in front (still clickable).
      const outside = await runCli(['check', basename(s.dir)], { cwd: dirname(s.dir) });
      expect(outside.code).toBe(2);
      expect(outside.stderr).toContain(`${basename(s.dir)}/api-parity.config.json:3:17: ignore[0].path:`);
    } finally {
      s.dispose();
    }
  });

  it('reads invalid JSON in a config file as a located error', async () => {
    const s = scratch();
    try {
      writeFileSync(join(s.dir, 'broken.json'), '{\n  "include": ["**/*"\n}\n');
      const r = await runCli(['check', SHOP, '--config', 'broken.json'], { cwd: s.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^broken\.json:3:1: invalid JSON: /m);
    } finally {
      s.dispose();
    }
  });
});

describe('help, version, internal errors and cancellation', () => {
  it('prints help with the exit codes', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await runCli(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('api-parity check [dir] [options]');
      expect(r.stdout).toMatch(/^ {2}3 {4}internal error/m);
      expect(r.stdout).toMatch(/^ {2}130 {2}interrupted/m);
    }
  });

  it('prints the options of check', async () => {
    for (const argv of [['check', '--help'], ['help', 'check'], ['check', '--bogus', '--help']]) {
      const r = await runCli(argv);
      expect(r.code).toBe(0);
      for (const option of ['--format', '--fail-on', '--config', '--output', '--verbose', '--no-color', '--quiet', '--allow-home-or-root']) expect(r.stdout).toContain(option);
    }
  });

  it('prints the version from package.json', async () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('turns an unexpected failure into exit code 3, with the stack only under --verbose', async () => {
    const failing = (verbose: boolean) => {
      let stderr = '';
      const io = {
        stdout: { write: () => { throw new Error('disk on fire'); } },
        stderr: { write: (s: string) => void (stderr += s) },
        cwd: SHOP,
        env: {},
      };
      return run(verbose ? ['--verbose'] : [], io).then((code) => ({ code, stderr }));
    };
    const quiet = await failing(false);
    expect(quiet.code).toBe(3);
    expect(quiet.stderr).toBe('api-parity: internal error: disk on fire\nRun again with --verbose for the stack trace, and please report it.\n');
    const loud = await failing(true);
    expect(loud.code).toBe(3);
    expect(loud.stderr).toMatch(/^api-parity: internal error: disk on fire\nError: disk on fire\n {4}at /);
  });

  it('exits 130 when the analysis is cancelled (Ctrl-C aborts the signal)', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await runCli(['check'], { signal: controller.signal });
    expect(r).toEqual({ code: 130, stdout: '', stderr: 'api-parity: cancelled\n' });
  });
});
