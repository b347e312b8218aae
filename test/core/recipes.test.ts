/**
 * The CONTRIBUTING recipes, run for real: in a temporary copy of the repository, scaffold a framework, a
 * gap rule, a language and a relation with `scripts/scaffold.mjs`, bless the new framework's fixture,
 * and check that the copy still type-checks and passes the architecture test (registries, one folder
 * each, derived lists in step). Each recipe must touch one folder plus its registration.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const copy = mkdtempSync(join(tmpdir(), 'api-parity-recipes-'));
const ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };

afterAll(() => rmSync(copy, { recursive: true, force: true }));

function scaffold(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [join(copy, 'scripts', 'scaffold.mjs'), ...args, '--root', copy], { encoding: 'utf8', env: ENV });
  return { status: r.status, out: r.stdout + r.stderr };
}

function changedFiles(): string[] {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: copy, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3))
    .sort();
}

describe('CONTRIBUTING recipes', () => {
  it('scaffold a framework, a rule, a language and a relation; the copy type-checks and passes the architecture test', () => {
    for (const p of ['src', 'scripts', 'schemas', 'tsconfig.json', 'package.json', 'vitest.config.mts', 'test/golden.ts', 'test/core/architecture.test.ts', 'test/core/fixtures.test.ts', 'test/fixtures']) {
      cpSync(join(ROOT, p), join(copy, p), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const git = (...a: string[]) => execFileSync('git', a, { cwd: copy, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base');

    expect(scaffold('framework', '--language', 'python', '--id', 'litestar', '--title', 'Litestar').status).toBe(0);
    expect(changedFiles()).toEqual(['src/core/frameworks/python/litestar/index.ts', 'src/core/frameworks/registry.ts', 'test/fixtures/litestar/basic/README.md']);
    // The fixture: the triggering manifest and one route, then bless its golden (recipe step 4–5).
    writeFileSync(join(copy, 'test/fixtures/litestar/basic/requirements.txt'), 'litestar\n');
    mkdirSync(join(copy, 'test/fixtures/litestar/basic/app'), { recursive: true });
    writeFileSync(join(copy, 'test/fixtures/litestar/basic/app/main.ts'), "router.get('/health', handler);\n");
    git('add', '-A');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'framework');

    expect(scaffold('rule', '--kind', 'header-mismatch', '--title', 'Header mismatches').status).toBe(0);
    expect(changedFiles()).toEqual(['schemas/api-parity.config.schema.json', 'src/core/rules/header-mismatch/index.ts', 'src/core/rules/registry.ts', 'src/core/types.ts']);
    expect(scaffold('language', '--id', 'java', '--extension', '.java', '--grammar', 'java').status).toBe(0);
    expect(scaffold('relation', '--id', 'headers').status).toBe(0);
    // Never overwrites.
    const again = scaffold('relation', '--id', 'headers');
    expect(again.status).toBe(2);
    expect(again.out).toMatch(/already exists; nothing was changed/);
    expect(readFileSync(join(copy, 'src/core/relations/registry.ts'), 'utf8').match(/import headers/g)).toHaveLength(1);

    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'], { cwd: copy, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const vitest = join(ROOT, 'node_modules/vitest/vitest.mjs');
    const bless = spawnSync(process.execPath, [vitest, 'run', 'test/core/fixtures.test.ts', '-u', '-t', 'litestar'], { cwd: copy, encoding: 'utf8', env: ENV });
    expect(bless.status, bless.stdout + bless.stderr).toBe(0);
    const arch = spawnSync(process.execPath, [vitest, 'run', 'test/core/architecture.test.ts'], { cwd: copy, encoding: 'utf8', env: ENV });
    expect(arch.status, arch.stdout + arch.stderr).toBe(0);
  }, 180_000);
});
