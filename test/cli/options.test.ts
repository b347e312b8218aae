import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../../src/cli/format/colors';
import { FIXTURES, runCli, scratch, SHOP } from './helpers';

const ESC = '\u001b[';

describe('--output', () => {
  it('writes the report to a file, creating folders, and keeps the gap-based exit code', async () => {
    const s = scratch();
    try {
      const r = await runCli(['check', SHOP, '--format', 'markdown', '--output', 'reports/api/map.md'], { cwd: s.dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('api-parity: markdown report written to reports/api/map.md (5 gaps, 2 at or above warning)\n');
      const md = readFileSync(join(s.dir, 'reports', 'api', 'map.md'), 'utf8');
      expect(md.startsWith('# API Endpoint Mapping: Backend to Frontend\n')).toBe(true);
    } finally {
      s.dispose();
    }
  });

  it('writes plain text (no colour) to a file even from a TTY, and says nothing with --quiet', async () => {
    const s = scratch();
    try {
      const r = await runCli(['check', SHOP, '-o', 'out.txt', '-q', '--fail-on', 'never'], { cwd: s.dir, tty: true });
      expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(readFileSync(join(s.dir, 'out.txt'), 'utf8')).not.toContain(ESC);
    } finally {
      s.dispose();
    }
  });

  it('exits 2 when the report cannot be written', async () => {
    const s = scratch();
    try {
      writeFileSync(join(s.dir, 'taken'), 'a file, not a folder');
      const r = await runCli(['check', SHOP, '--output', 'taken/report.json', '--format', 'json'], { cwd: s.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^api-parity: cannot write the report to taken\/report\.json: /);
    } finally {
      s.dispose();
    }
  });

  it('treats "-" as stdout', async () => {
    const r = await runCli(['check', '--format', 'json', '--output', '-']);
    expect(JSON.parse(r.stdout)).toHaveProperty('schemaVersion', 1);
  });
});

describe('colour and progress', () => {
  it('colours text and shows a progress line on stderr at a TTY', async () => {
    const r = await runCli(['check'], { tty: true });
    expect(r.stdout).toContain(ESC);
    expect(r.stderr).toContain('\rapi-parity: parsing ');
    // The progress line is erased at the end: nothing visible remains.
    expect(r.stderr.split('\r').pop()).toBe('');
    const withoutTime = (text: string) => text.replace(/ in \d+\.\d+s/, '');
    expect(withoutTime(stripAnsi(r.stdout))).toBe(withoutTime((await runCli(['check'])).stdout));
  });

  it('honours NO_COLOR, --no-color and TERM=dumb', async () => {
    for (const [argv, env] of [
      [['check'], { NO_COLOR: '1' }],
      [['check', '--no-color'], {}],
      [['check'], { TERM: 'dumb' }],
    ] as const) {
      const r = await runCli([...argv], { tty: true, env });
      expect(r.stdout).not.toContain(ESC);
      expect(r.stderr).toBe('');
    }
  });

  it('never colours machine formats', async () => {
    for (const format of ['json', 'markdown', 'sarif']) {
      const r = await runCli(['check', '--format', format], { tty: true });
      expect(r.stdout).not.toContain(ESC);
    }
  });
});

describe('--quiet and --verbose', () => {
  it('--quiet prints only the gaps', async () => {
    const r = await runCli(['check', '--quiet'], { tty: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = stripAnsi(r.stdout).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toMatch(/^\S+:\d+:\d+ +(error|warning|info|hint) +\S/);
  });

  it('--quiet prints nothing when there are no gaps', async () => {
    const s = scratch();
    try {
      expect(await runCli(['check', '-q'], { cwd: s.dir })).toEqual({ code: 0, stdout: '', stderr: '' });
    } finally {
      s.dispose();
    }
  });

  it('--verbose lists skipped files, notes, services and related locations', async () => {
    const s = scratch(SHOP);
    try {
      writeFileSync(join(s.dir, 'web', 'src', 'broken.ts'), "export const x = fetch('/api/v1/users'\nconst = ;\n");
      const pkg = join(s.dir, 'web', 'package.json');
      writeFileSync(pkg, readFileSync(pkg, 'utf8').replace('"react": "^18.3.1"', '"react": "^18.3.1",\n    "express": "^4.19.2"'));

      const plain = await runCli(['check'], { cwd: s.dir });
      expect(plain.stdout).toMatch(/1 file skipped, 1 note \(--verbose lists them\)\.\n$/);
      expect(plain.stdout).not.toContain('Skipped files');

      const r = await runCli(['check', '--verbose'], { cwd: s.dir });
      expect(r.stdout).toContain('Skipped files (1)\n  web/src/broken.ts: syntax error at line 2');
      expect(r.stdout).toContain('Notes (1)\n  info     web depends on Express, but no Express routes were found in it');
      expect(r.stdout).toMatch(/^Service \S+: fastapi in \., port 8000$/m);
      expect(r.stdout).toContain('      ↳ app/main.py:16:1  POST /api/v1/orders (create_order)');

      const md = await runCli(['check', '--format', 'markdown'], { cwd: s.dir });
      expect(md.stdout).toContain('### Skipped Files (1)\n\n- `web/src/broken.ts`: syntax error at line 2');

      const sarif = JSON.parse((await runCli(['check', '--format', 'sarif'], { cwd: s.dir })).stdout) as {
        runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }>;
      };
      const notes = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications;
      expect(notes[0]).toMatchObject({ level: 'note', message: { text: expect.stringContaining('Skipped web/src/broken.ts: syntax error') } });
    } finally {
      s.dispose();
    }
  });
});

describe('workspaces and paths', () => {
  it('reports zeros for an empty folder and exits 0', async () => {
    const s = scratch();
    try {
      const text = await runCli(['check'], { cwd: s.dir });
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('0 endpoints: 0 used, 0 unused · 0 calls: 0 resolved, 0 external · 0 missing · 0 method mismatches · coverage 100%');
      expect(text.stdout).toContain('No gaps found.');
      const md = await runCli(['check', '--format', 'markdown'], { cwd: s.dir });
      expect(md.code).toBe(0);
      expect(md.stdout).toContain('- **Total Backend Endpoints**: 0');
      expect(md.stdout).toContain('No backend endpoints were found.');
      const sarif = JSON.parse((await runCli(['check', '--format', 'sarif'], { cwd: s.dir })).stdout) as { runs: Array<{ results: unknown[]; tool: { driver: { rules: unknown[] } } }> };
      expect(sarif.runs[0]!.results).toEqual([]);
      expect(sarif.runs[0]!.tool.driver.rules).toEqual([]);
    } finally {
      s.dispose();
    }
  });

  it('shows gap locations relative to the analysed folder, wherever it runs from', async () => {
    const r = await runCli(['check', 'shop', '-q'], { cwd: FIXTURES });
    expect(r.stdout).toMatch(/^web\/src\/api\.ts:11:21 +warning /m);
    expect(r.stdout).toMatch(/^app\/main\.py:6:1 +hint /m);
    const fromElsewhere = await runCli(['check', join(FIXTURES, 'shop'), '-q'], { cwd: tmpdir() });
    expect(fromElsewhere.stdout).toBe(r.stdout);
    // Machine formats stay root-relative.
    const json = JSON.parse((await runCli(['check', 'shop', '-f', 'json'], { cwd: FIXTURES })).stdout) as { gaps: Array<{ file: string }> };
    expect(json.gaps.map((g) => g.file)).toContain('web/src/api.ts');
  });

  it.skipIf(process.getuid?.() === 0)('exits 2 for a folder it may not read (skipped as root: permissions do not apply)', async () => {
    const s = scratch();
    const locked = join(s.dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o000);
    try {
      const r = await runCli(['check', 'locked'], { cwd: s.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('api-parity: cannot read folder locked: permission denied');
    } finally {
      chmodSync(locked, 0o755);
      s.dispose();
    }
  });

  it.skipIf(process.getuid?.() === 0)('records an unreadable file as skipped (skipped as root: permissions do not apply)', async () => {
    const s = scratch(SHOP);
    const api = join(s.dir, 'web', 'src', 'api.ts');
    chmodSync(api, 0o000);
    try {
      const r = await runCli(['check', '--verbose', '--fail-on', 'never'], { cwd: s.dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Skipped files \(1\)\n {2}web\/src\/api\.ts: could not be read/);
    } finally {
      chmodSync(api, 0o644);
      s.dispose();
    }
  });
});
