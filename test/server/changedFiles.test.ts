/**
 * The Endpoints view's "changed since the default branch" filter: the routes in files that differ from the
 * merge base with `main` (committed on a branch, or not committed at all), and a clear answer when the
 * folder is no git repository.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changedFiles } from '../../src/server/features/changedFiles';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'pipe' });

describe('files changed since the default branch', () => {
  it('lists files changed on a branch and uncommitted ones, below the folder’s place in the system', async () => {
    dir = mkdtempSync(join(tmpdir(), 'api-parity-changed-'));
    cpSync(EXAMPLE, dir, { recursive: true });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'base');
    git('checkout', '-qb', 'feature');
    appendFileSync(join(dir, 'backend/app/api/routes/items.py'), '\n# changed\n');
    git('commit', '-qam', 'change');
    appendFileSync(join(dir, 'backend/app/api/routes/users.py'), '\n# uncommitted\n');
    const r = await changedFiles([{ path: dir, at: 'repo' }]);
    expect('files' in r && [...r.files].sort()).toEqual(['repo/backend/app/api/routes/items.py', 'repo/backend/app/api/routes/users.py']);
    expect('base' in r && r.base).toMatch(/^main \(merge base [0-9a-f]{7}\)$/);
  });

  it('says so when no folder is a git repository', async () => {
    dir = mkdtempSync(join(tmpdir(), 'api-parity-changed-'));
    expect(await changedFiles([{ path: dir, at: '' }])).toEqual({ error: 'no workspace folder is a git repository with a default branch (origin/HEAD, main or master)' });
  });
});
