/**
 * What the walk of the workspace leaves out, and what it says about it: symbolic links out of the
 * workspace are never followed, and folders that cannot be read are skipped records, not silence.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/core';
import { permissionsApply, runCli, scratch, spawnCli, SHOP } from './helpers';

/** A copy of the shop fixture, a folder outside it with a FastAPI route, and the result of `check`. */
async function checkShop(prepare: (ws: string, outside: string) => void, config?: unknown): Promise<AnalysisResult> {
  const ws = scratch(SHOP);
  const outside = scratch();
  try {
    writeFileSync(join(outside.dir, 'secret.py'), 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/outside")\ndef outside():\n    return 1\n');
    prepare(ws.dir, outside.dir);
    if (config !== undefined) writeFileSync(join(ws.dir, 'api-parity.config.json'), JSON.stringify(config));
    const r = await runCli(['check', '--format', 'json', '--fail-on', 'never'], { cwd: ws.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as AnalysisResult;
  } finally {
    ws.dispose();
    outside.dispose();
  }
}

const routeFiles = (r: AnalysisResult) => [...new Set(r.endpoints.map((e) => e.file))].sort();

describe('symbolic links', () => {
  it('a link to a folder outside the workspace is not followed by the default walk', async () => {
    const r = await checkShop((ws, outside) => symlinkSync(outside, join(ws, 'linked')));
    expect(routeFiles(r)).toEqual(['app/main.py']);
  });

  it('nor when a pattern names the link: the files behind it are a skipped record', async () => {
    const r = await checkShop((ws, outside) => symlinkSync(outside, join(ws, 'linked')), { include: ['linked/**', 'linked/secret.py', 'app/**', 'web/**', 'requirements.txt'] });
    expect(routeFiles(r)).toEqual(['app/main.py']);
    expect(r.skipped).toEqual([{ file: 'linked', reason: expect.stringMatching(/^a symbolic link to a folder outside the workspace \(.+\): not followed$/) }]);
  });

  it('a link that stays inside the workspace is read when a pattern names it', async () => {
    const r = await checkShop((ws) => {
      mkdirSync(join(ws, 'more'));
      symlinkSync(join(ws, 'app'), join(ws, 'more', 'app-link'));
    }, { include: ['more/app-link/**', 'web/**', 'requirements.txt'] });
    expect(routeFiles(r)).toEqual(['more/app-link/main.py']);
    expect(r.skipped).toEqual([]);
  });
});

describe('folders the walk cannot read are skipped records', () => {
  it('a path too long for the file system (it was left out silently)', async () => {
    const r = await checkShop((ws) => {
      // Made from inside, one folder at a time: no absolute path that long can be created or removed.
      const made = spawnSync(process.execPath, ['-e', `const fs = require('fs'); for (let i = 0; i < 22; i++) { fs.mkdirSync('${'d'.repeat(200)}'); process.chdir('${'d'.repeat(200)}'); } fs.writeFileSync('main.py', 'x = 1\\n');`], { cwd: ws });
      expect(made.status).toBe(0);
    });
    expect(r.skipped).toEqual([{ file: expect.stringMatching(/^(d{200}\/)+d{200}$/), reason: 'path too long for the file system: the files of this folder were not analysed' }]);
  });

  it('a loop of symbolic links named by a pattern', async () => {
    const r = await checkShop((ws) => symlinkSync('loop', join(ws, 'loop')), { include: ['loop/**', 'app/**', 'web/**', 'requirements.txt'] });
    expect(r.skipped).toEqual([{ file: 'loop', reason: 'a loop of symbolic links: not followed' }]);
    expect(routeFiles(r)).toEqual(['app/main.py']);
  });

  const prefix = permissionsApply();
  it.skipIf(prefix === null)('an unreadable folder, and a file in a folder that can be listed but not entered (both were left out silently)', () => {
    const ws = scratch(SHOP);
    try {
      mkdirSync(join(ws.dir, 'private'));
      writeFileSync(join(ws.dir, 'private', 'routes.py'), 'x = 1\n');
      mkdirSync(join(ws.dir, 'listed'));
      writeFileSync(join(ws.dir, 'listed', 'routes.py'), 'x = 1\n');
      chmodSync(join(ws.dir, 'private'), 0o000);
      chmodSync(join(ws.dir, 'listed'), 0o644);
      const child = spawnCli(['check', '--format', 'json', '--fail-on', 'never'], { cwd: ws.dir, prefix: prefix! });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      const result = JSON.parse(child.stdout) as AnalysisResult;
      expect(result.skipped).toEqual([
        { file: 'listed/routes.py', reason: expect.stringMatching(/^could not be read: EACCES: permission denied/) },
        { file: 'private', reason: 'folder could not be read (permission denied): its files were not analysed' },
      ]);
    } finally {
      chmodSync(join(ws.dir, 'private'), 0o755);
      chmodSync(join(ws.dir, 'listed'), 0o755);
      ws.dispose();
    }
  });
});
