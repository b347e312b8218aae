/**
 * The review workflow on repositories the tests build with git: `diff` against a base revision read
 * from git objects (breaking changes, new gaps, fixed gaps), baselines that survive moved code, the
 * GitHub annotation format, and the OpenAPI export.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
const HEALTH = 'backend/app/api/routes/health.py';
const ITEMS = 'backend/app/api/routes/items.py';
const AUTH = 'backend/app/api/routes/auth.py';
const roots: string[] = [];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
}

/** The example (in `sub` of the repository) committed on `main`, then a `feature` branch checked out. */
function repo(sub = ''): string {
  const root = mkdtempSync(join(tmpdir(), 'api-parity-review-'));
  roots.push(root);
  cpSync(EXAMPLE, join(root, sub), { recursive: true });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  git(root, 'checkout', '-qb', 'feature');
  return root;
}

const edit = (root: string, file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(join(root, file), 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(join(root, file), next);
};

const diffJson = async (root: string, ...args: string[]) => {
  const r = await runCli(['diff', '.', '--format', 'json', '--no-cache', ...args], { cwd: root });
  return { ...r, json: r.stdout ? (JSON.parse(r.stdout) as { gaps: Array<{ kind: string; file: string; message: string }>; diff: { breaking: Array<{ change: string; route: { method: string; path: string }; now: { method: string; path: string } | null; callers: Array<{ file: string; line: number }> }>; newMissing: Array<{ file: string; message: string }>; newUnused: Array<{ message: string }>; fixed: Array<{ kind: string; file: string }>; added: Array<{ file: string }>; base: { label: string } } }) : null };
};

afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

describe('api-parity diff', () => {
  it('reports a renamed route that is still called, with its caller, and leaves the working tree alone', async () => {
    const root = repo();
    edit(root, AUTH, '@router.get("/me"', '@router.get("/whoami"');
    const status = git(root, 'status', '--porcelain');
    const { code, json } = await diffJson(root);
    expect(code).toBe(1);
    expect(json!.diff.base.label).toBe('merge base with main');
    expect(json!.diff.breaking).toEqual([expect.objectContaining({ change: 'path-changed', route: expect.objectContaining({ method: 'GET', path: '/api/v1/auth/me' }), now: expect.objectContaining({ path: '/api/v1/auth/whoami' }), callers: [expect.objectContaining({ file: 'frontend/src/lib/auth.ts' })] })]);
    expect(json!.diff.newUnused.map((g) => g.message)).toEqual(['GET /api/v1/auth/whoami has no callers in this workspace.']);
    expect(git(root, 'status', '--porcelain')).toBe(status);
    expect(git(root, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('feature');
  });

  it('reports a changed method and a removed route that are still called', async () => {
    const root = repo();
    edit(root, HEALTH, '@router.get("/health")', '@router.put("/health")');
    edit(root, ITEMS, /@router\.get\("\/\{item_id\}"[^]*?return item\n/, '');
    const { json } = await diffJson(root);
    const byPath = Object.fromEntries(json!.diff.breaking.map((b) => [b.route.path, b.change]));
    expect(byPath).toEqual({ '/api/v1/health': 'method-changed', '/api/v1/items/{item_id}': 'removed' });
    expect(json!.diff.breaking.every((b) => b.callers.length > 0)).toBe(true);
  });

  it('reports a call added to nothing as new missing, and a gap the change removes as fixed', async () => {
    const root = repo();
    appendFileSync(join(root, 'frontend/src/lib/api.ts'), "\nexport const archive = () => fetch('http://localhost:8000/api/v1/archive', { method: 'POST' });\n");
    // The base's missing avatar call gets its route.
    appendFileSync(join(root, 'backend/app/api/routes/users.py'), '\n\n@router.get("/{user_id}/avatar")\ndef avatar(user_id: int) -> bytes:\n    return b""\n');
    const { code, json } = await diffJson(root);
    expect(code).toBe(1);
    expect(json!.diff.breaking).toEqual([]);
    expect(json!.diff.newMissing.map((g) => g.file)).toEqual(['frontend/src/lib/api.ts']);
    expect(json!.diff.fixed).toEqual([expect.objectContaining({ kind: 'missing-endpoint', file: 'frontend/src/components/UserAvatar.tsx' })]);
    // The JSON is the check result of the working tree (all its gaps) plus the diff; `added` is what
    // --fail-on looks at.
    expect(json!.gaps).toHaveLength(3);
    expect(json!.diff.added.map((g) => g.file)).toEqual(['frontend/src/lib/api.ts']);
  });

  it('is quiet (exit 0) when the change leaves the contract as it was, even with the base gaps still there', async () => {
    const root = repo();
    appendFileSync(join(root, 'frontend/src/lib/api.ts'), '\n// a comment\n');
    const r = await runCli(['diff', '.', '--no-cache'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 new findings, 0 fixed');
  });

  it('writes markdown for a pull-request comment, SARIF with the new results only, and GitHub annotations', async () => {
    const root = repo();
    edit(root, AUTH, '@router.get("/me"', '@router.get("/whoami"');
    const md = await runCli(['diff', '--format', 'markdown', '--no-cache'], { cwd: root });
    expect(md.stdout).toContain('### Breaking: routes removed or changed while still called');
    expect(md.stdout).toContain('`GET /api/v1/auth/me` (`backend/app/api/routes/auth.py:18`) is now `GET /api/v1/auth/whoami`; still called from `frontend/src/lib/auth.ts:14`');
    const sarif = JSON.parse((await runCli(['diff', '--format', 'sarif', '--no-cache'], { cwd: root })).stdout) as { runs: Array<{ results: unknown[] }> };
    expect(sarif.runs[0]!.results).toHaveLength(2);
    const gh = await runCli(['diff', '--format', 'github', '--no-cache'], { cwd: root });
    expect(gh.stdout.split('\n').filter((l) => l.startsWith('::warning ') || l.startsWith('::notice file'))).toHaveLength(2);
  });

  it('wrote the example pull-request comment of the README', async () => {
    const root = repo();
    edit(root, AUTH, '@router.get("/me"', '@router.get("/whoami"');
    edit(root, HEALTH, '@router.get("/health")', '@router.put("/health")');
    const md = (await runCli(['diff', '--format', 'markdown', '--no-cache'], { cwd: root })).stdout;
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    const block = /<!-- diff-example:start -->\n([^]*?)\n<!-- diff-example:end -->/.exec(readme)![1]!;
    const commit = /\(`([0-9a-f]{12})`\)/.exec(block)![1]!;
    expect(md.replace(/\(`[0-9a-f]{12}`\)/, `(\`${commit}\`)`).replace(/API Parity [^<]+<\/sub>/, `API Parity ${/API Parity ([^<]+)<\/sub>/.exec(block)![1]}</sub>`)).toBe(`${block}\n`);
  });

  it('says when the base cannot be found: an unknown ref, or a shallow clone without it (exit 2)', async () => {
    const root = repo();
    const unknown = await runCli(['diff', '--base', 'no-such-ref'], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("base revision 'no-such-ref' was not found");
    edit(root, HEALTH, '"ok"', '"fine"');
    git(root, 'commit', '-qam', 'second');
    const shallow = join(roots[0]!, '..', `${roots[0]!.split('/').pop()}-shallow`);
    roots.push(shallow);
    git(tmpdir(), 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${root}`, shallow);
    const r = await runCli(['diff', '--base', 'main~0'], { cwd: shallow });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/shallow clone/);
  });

  it('analyses a subfolder of the repository against the same subfolder of the base', async () => {
    const root = repo('services/shop');
    writeFileSync(join(root, 'services/other.py'), '# not part of the analysed folder\n');
    edit(root, `services/shop/${AUTH}`, '@router.get("/me"', '@router.get("/whoami"');
    const r = await runCli(['diff', 'services/shop', '--format', 'json', '--no-cache'], { cwd: root });
    const json = JSON.parse(r.stdout) as { diff: { breaking: Array<{ route: { file: string }; callers: Array<{ file: string }> }> } };
    expect(json.diff.breaking.map((b) => [b.route.file, b.callers.map((c) => c.file)])).toEqual([[AUTH, ['frontend/src/lib/auth.ts']]]);
  });
});

describe('baselines', () => {
  it('accepts the current findings, then reports only new ones; moving code keeps its entries', async () => {
    const root = repo();
    const update = await runCli(['check', '.', '--update-baseline', '--no-cache'], { cwd: root });
    expect(update.code).toBe(0);
    expect(update.stderr).toContain('baseline written to api-parity.baseline.json (3 findings, 3 entries)');
    const baseline = JSON.parse(readFileSync(join(root, 'api-parity.baseline.json'), 'utf8')) as { entries: Array<{ file: string; kind: string }> };
    expect(baseline.entries.map((e) => e.kind).sort()).toEqual(['method-mismatch', 'missing-endpoint', 'unused-endpoint']);

    const clean = await runCli(['check', '.', '--baseline', 'api-parity.baseline.json', '--no-cache', '--verbose'], { cwd: root });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('3 findings are in the baseline api-parity.baseline.json and not reported');

    // Lines move: the baselined findings stay baselined.
    edit(root, 'frontend/src/components/UserAvatar.tsx', "'use client';\n", "'use client';\n\n\n// moved down\n");
    expect((await runCli(['check', '.', '--baseline', 'api-parity.baseline.json', '--no-cache'], { cwd: root })).code).toBe(0);

    // A second identical finding in the same file is new.
    appendFileSync(join(root, 'frontend/src/components/UserAvatar.tsx'), '\nexport const again = (id: number) => fetch(`${API}/users/${id}/avatar`);\n');
    const next = await runCli(['check', '.', '--baseline', 'api-parity.baseline.json', '--no-cache'], { cwd: root });
    expect(next.code).toBe(1);
    expect(next.stdout.match(/No route for GET/g)).toHaveLength(1);
  });

  it('is named by the config, and a broken baseline is a usage error naming the file', async () => {
    const root = repo();
    mkdirSync(join(root, '.api-parity'));
    writeFileSync(join(root, 'api-parity.config.json'), '{ "baseline": ".api-parity/baseline.json" }');
    expect((await runCli(['check', '.', '--update-baseline', '--no-cache'], { cwd: root })).code).toBe(0);
    expect((await runCli(['check', '.', '--no-cache'], { cwd: root })).code).toBe(0);
    writeFileSync(join(root, '.api-parity/baseline.json'), '{"tool":"api-parity","version":1,"entries":[{"kind":1}]}');
    const bad = await runCli(['check', '.', '--no-cache'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('baseline file .api-parity/baseline.json is invalid: entry 1 needs');
    writeFileSync(join(root, 'api-parity.config.json'), '{ "baseline": "../outside.json" }');
    const outside = await runCli(['check', '.', '--no-cache'], { cwd: root });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('leads out of the workspace root');
  });

  it('keeps an entry when its file is renamed only if the key still matches (the file is part of the key)', async () => {
    const root = repo();
    await runCli(['check', '.', '--update-baseline', '--no-cache'], { cwd: root });
    renameSync(join(root, 'frontend/src/components/UserAvatar.tsx'), join(root, 'frontend/src/components/Avatar.tsx'));
    const r = await runCli(['check', '.', '--baseline', 'api-parity.baseline.json', '--no-cache'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('frontend/src/components/Avatar.tsx');
  });
});

describe('--format github', () => {
  it('prints one workflow command per finding, with properties and data escaped', async () => {
    const root = repo();
    const r = await runCli(['check', '.', '--format', 'github', '--no-cache'], { cwd: root });
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::warning file=frontend/src/components/UserAvatar.tsx,line=13,'))).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('::notice file=backend/app/api/routes/items.py,line=29,') && l.includes('title=API Parity%3A unused-endpoint'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^::notice title=API Parity::3 findings; 10\/11 endpoints used/);
  });
});

describe('api-parity export openapi', () => {
  it('writes an OpenAPI 3.1 document of the routes, with their source as extensions', async () => {
    const r = await runCli(['export', 'openapi', EXAMPLE, '--no-cache']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { openapi: string; info: Record<string, unknown>; paths: Record<string, Record<string, { parameters?: Array<{ name: string }>; 'x-api-parity-source': string }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info['x-api-parity-generated']).toBe(true);
    expect(Object.keys(doc.paths)).toContain('/api/v1/items/{item_id}');
    const del = doc.paths['/api/v1/items/{item_id}']!['delete']!;
    expect(del['x-api-parity-source']).toBe(`${'backend/app/api/routes/items.py'}:29`);
    expect(del.parameters).toEqual([expect.objectContaining({ name: 'item_id' })]);
  });
});
