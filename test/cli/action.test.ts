/**
 * The GitHub Action's script (scripts/action.sh, run by action.yml) as the runner would run it, with
 * fake GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, on a repository the test builds. Needs the bundle
 * (`npm run build`; `npm test` builds it first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../..');
const CLI = join(REPO, 'dist/cli.js');
const built = existsSync(CLI);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function workspace(): { root: string; tmp: string } {
  const root = mkdtempSync(join(tmpdir(), 'api-parity-action-'));
  const tmp = mkdtempSync(join(tmpdir(), 'api-parity-runner-'));
  dirs.push(root, tmp);
  cpSync(join(REPO, 'examples/fullstack'), root, { recursive: true });
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...a], { cwd: root });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
  git('checkout', '-qb', 'feature');
  const auth = join(root, 'backend/app/api/routes/auth.py');
  writeFileSync(auth, readFileSync(auth, 'utf8').replace('@router.get("/me"', '@router.get("/whoami"'));
  return { root, tmp };
}

function action(root: string, tmp: string, inputs: Record<string, string>) {
  const env = { PATH: process.env.PATH!, HOME: tmp, API_PARITY_CLI: CLI, RUNNER_TEMP: tmp, GITHUB_OUTPUT: join(tmp, 'output'), GITHUB_STEP_SUMMARY: join(tmp, 'summary.md'), API_PARITY_CACHE_DIR: join(tmp, 'cache'), ...inputs };
  return spawnSync('bash', [join(REPO, 'scripts/action.sh')], { cwd: root, env, encoding: 'utf8' });
}

describe.skipIf(!built)('the GitHub Action script (skipped without dist/cli.js: run `npm run build`)', () => {
  it('diff: annotations, a SARIF file named in the step output, the PR comment in the job summary, exit 1', () => {
    const { root, tmp } = workspace();
    const r = action(root, tmp, { INPUT_COMMAND: 'diff', INPUT_FAIL_ON: 'warning' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('::warning file=frontend/src/lib/auth.ts,line=14,');
    const sarifPath = /^sarif=(.*)$/m.exec(readFileSync(join(tmp, 'output'), 'utf8'))![1]!;
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as { runs: Array<{ results: unknown[] }> };
    expect(sarif.runs[0]!.results).toHaveLength(2);
    expect(readFileSync(join(tmp, 'summary.md'), 'utf8')).toContain('### Breaking: routes removed or changed while still called');
  });

  it('check with fail-on never passes and still writes everything; a bad command or base is exit 2', () => {
    const { root, tmp } = workspace();
    const ok = action(root, tmp, { INPUT_COMMAND: 'check', INPUT_FAIL_ON: 'never' });
    expect(ok.status).toBe(0);
    expect(readFileSync(join(tmp, 'summary.md'), 'utf8')).toContain('# API Endpoint Mapping');
    expect(action(root, tmp, { INPUT_COMMAND: 'deploy' }).status).toBe(2);
    const base = action(root, tmp, { INPUT_COMMAND: 'diff', INPUT_BASE: 'no-such-ref' });
    expect(base.status).toBe(2);
    expect(base.stderr).toContain("base revision 'no-such-ref' was not found");
  });
});
