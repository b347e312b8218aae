/**
 * The root of the file system or the home folder is not a workspace (`check /` ran past 240 s at 2.7 GB):
 * refused with exit 2 unless asked for with --allow-home-or-root.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { broadWorkspaceReason } from '../../src/core/configPaths';
import { runCli, scratch, SHOP } from './helpers';

describe('broadWorkspaceReason', () => {
  it('names the root of the file system, the home folder and the folders above it', () => {
    expect(broadWorkspaceReason('/', '/home/me')).toBe('/ (the root of the file system)');
    expect(broadWorkspaceReason('/home/me', '/home/me')).toBe('/home/me (your home folder)');
    expect(broadWorkspaceReason('/home/me/', '/home/me')).toBe('/home/me (your home folder)');
    expect(broadWorkspaceReason('/home', '/home/me')).toBe('/home (it holds your home folder)');
    expect(broadWorkspaceReason('/home/me/src/app', '/home/me')).toBeNull();
    expect(broadWorkspaceReason('/srv/app', null)).toBeNull();
  });
});

describe('check refuses the home folder and the root of the file system', () => {
  it('a home folder is exit 2 naming the flag, before anything is read (it was analysed whole)', async () => {
    const s = scratch(SHOP);
    try {
      const r = await runCli(['check'], { cwd: s.dir, env: { HOME: s.dir } });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`api-parity: refusing to analyse ${s.dir} (your home folder): it holds far more than one project. Analyse a project folder, or pass --allow-home-or-root to analyse it anyway.`);
      const forced = await runCli(['check', '--allow-home-or-root'], { cwd: s.dir, env: { HOME: s.dir } });
      expect(forced.code).toBe(1);
      expect(forced.stdout).toContain('No route for GET /api/v1/invoices');
    } finally {
      s.dispose();
    }
  });

  it('a folder that holds the home folder, reached through its parent', async () => {
    const s = scratch(SHOP);
    try {
      mkdirSync(join(s.dir, 'me'));
      const r = await runCli(['check', s.dir], { env: { HOME: join(s.dir, 'me') } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`(it holds your home folder)`);
    } finally {
      s.dispose();
    }
  });

  it('the root of the file system', async () => {
    const r = await runCli(['check', '/'], { env: { HOME: '/nonexistent-home' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('api-parity: refusing to analyse / (the root of the file system)');
  });

  it('the flag is a check option', () => {
    expect(parseArgs(['check', '/', '--allow-home-or-root'])).toMatchObject({ kind: 'check', options: { dir: '/', allowHomeOrRoot: true } });
    expect(parseArgs(['check'])).toMatchObject({ kind: 'check', options: { allowHomeOrRoot: false } });
  });
});
