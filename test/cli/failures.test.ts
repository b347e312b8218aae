/**
 * Exit codes when things go wrong outside the analysis: a config that cannot be read or parsed is a
 * usage error (2) with its cause, never "internal error, please report it" (3); a reader that goes
 * away (`| head`) ends the output quietly; an empty folder argument is a mistake, not "here".
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { processSink } from '../../src/cli/io';
import { permissionsApply, runCli, scratch, spawnCli, SHOP } from './helpers';

/** `check` on a copy of the shop fixture prepared by `prepare`. */
async function checkCopy(prepare: (dir: string) => void, argv: string[] = []) {
  const s = scratch(SHOP);
  try {
    prepare(s.dir);
    return await runCli(['check', ...argv], { cwd: s.dir });
  } finally {
    s.dispose();
  }
}

describe('a config that cannot be read is a configuration error (exit 2), with the cause', () => {
  it('a folder named api-parity.config.json (it was ignored silently)', async () => {
    const r = await checkCopy((dir) => mkdirSync(join(dir, 'api-parity.config.json')));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('api-parity.config.json:1:1: cannot be read: it is a folder, not a file');
  });

  const prefix = permissionsApply();
  it.skipIf(prefix === null)('a file without read permission (it was exit 3, "internal error")', () => {
    const s = scratch(SHOP);
    const config = join(s.dir, 'api-parity.config.json');
    try {
      writeFileSync(config, '{}');
      chmodSync(config, 0o000);
      const child = spawnCli(['check'], { cwd: s.dir, prefix: prefix! });
      expect(child.status).toBe(2);
      expect(child.stderr).toBe('api-parity: invalid configuration in api-parity.config.json\napi-parity.config.json:1:1: cannot be read: permission denied\n');
    } finally {
      chmodSync(config, 0o644);
      s.dispose();
    }
  });

  it('JSON nested 100 000 deep (it overflowed the parser\'s stack: exit 3)', async () => {
    const r = await checkCopy((dir) => writeFileSync(join(dir, 'api-parity.config.json'), `{"include": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('api-parity.config.json:1:44: the configuration is nested deeper than 32 levels');
  });

  it('a brace range (it was exit 3: "expanded array length exceeds range limit")', async () => {
    const r = await checkCopy((dir) => writeFileSync(join(dir, 'api-parity.config.json'), '{"exclude": ["**/{1..10000000}"]}'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('api-parity.config.json:1:14: exclude[0]: brace ranges such as {1..10000000} are not supported');
  });
});

describe('arguments', () => {
  it('an empty folder argument is a usage error, not the current folder', async () => {
    for (const argv of [['check', ''], [''], ['check', '--', '']]) {
      const r = await runCli(argv);
      expect(r.code, JSON.stringify(argv)).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain("api-parity: the folder argument is empty (use '.' for the current folder)");
    }
  });
});

describe('a closed pipe (`api-parity check | head`)', () => {
  const MAIN = resolve(__dirname, '../../src/cli/main.ts');
  const TSX = pathToFileURL(resolve(__dirname, '../../node_modules/tsx/dist/loader.mjs')).href;

  /** Run the CLI with its stdout (and stderr, when asked) closed by the reader before anything is written. */
  function closedPipe(argv: string[], closeStderr = false): Promise<{ code: number | null; stderr: string }> {
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, ['--import', TSX, MAIN, ...argv], { cwd: SHOP, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      child.stdout.destroy();
      let stderr = '';
      if (closeStderr) child.stderr.destroy();
      else child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', fail);
      child.on('close', (code) => done({ code, stderr }));
    });
  }

  it('ends quietly with the exit code of the run (it crashed with a stack trace and exit 1)', async () => {
    expect(await closedPipe(['check', '--fail-on', 'never'])).toEqual({ code: 0, stderr: '' });
    expect(await closedPipe(['check', '--format', 'json'])).toEqual({ code: 1, stderr: '' });
  });

  it('on stderr too', async () => {
    expect((await closedPipe(['check', '--formt', 'json'], true)).code).toBe(2);
  });
});

describe('processSink', () => {
  it('drops writes after a closed pipe without a word, and reports any other write error once', () => {
    const make = () => {
      const written: string[] = [];
      let onError: ((err: NodeJS.ErrnoException) => void) | null = null;
      const stream = { write: (t: string) => written.push(t) > 0, on: (_: 'error', l: (err: NodeJS.ErrnoException) => void) => (onError = l), isTTY: false };
      return { written, stream, fail: (code: string) => onError!(Object.assign(new Error(code), { code })) };
    };
    const failures: string[] = [];
    const pipe = make();
    const sink = processSink(pipe.stream, (e) => failures.push(e.code!));
    sink.write('a');
    pipe.fail('EPIPE');
    sink.write('b');
    expect(pipe.written).toEqual(['a']);
    const disk = make();
    const full = processSink(disk.stream, (e) => failures.push(e.code!));
    disk.fail('ENOSPC');
    disk.fail('ENOSPC');
    full.write('c');
    expect(disk.written).toEqual([]);
    expect(failures).toEqual(['ENOSPC']);
  });
});
