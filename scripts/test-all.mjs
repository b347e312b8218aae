#!/usr/bin/env node
// `npm test`: everything, in order — type check, lint, build, unit/integration tests (vitest), the
// real-editor test (code-server + Playwright), and the @vscode/test-electron suite (which reports
// itself skipped where VS Code cannot be downloaded). Prints one closing line: `tests: N passed, N failed`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.includes('--no-e2e') ? 'unit' : 'all';
const results = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function run(name, cmd, args, { capture = false, env = {} } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
    const child = spawn(cmd, args, { stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', env: { ...process.env, ...env } });
    let out = '';
    if (capture) child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('close', (code) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      results.push({ name, ok: code === 0, secs });
      console.log(`${code === 0 ? '✔' : '✘'} ${name} (${secs}s)`);
      resolve({ code, out });
    });
  });
}

mkdirSync('test-results', { recursive: true });
const steps = [];
const tsc = await run('type check', 'npx', ['tsc', '--noEmit', '-p', '.']);
steps.push(tsc.code === 0);
const lint = await run('lint', 'npx', ['eslint', 'src', 'test', 'scripts']);
steps.push(lint.code === 0);
const build = await run('build', 'node', ['esbuild.mjs']);
steps.push(build.code === 0);

const report = join('test-results', 'vitest.json');
const unit = await run('unit and integration tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
steps.push(unit.code === 0);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
} else failed++;

if (only === 'all') {
  const nodeCounts = (out) => {
    const p = /^[ℹ#] pass (\d+)/m.exec(out);
    const f = /^[ℹ#] fail (\d+)/m.exec(out);
    const s = /^[ℹ#] skipped (\d+)/m.exec(out);
    return { p: p ? Number(p[1]) : 0, f: f ? Number(f[1]) : 0, s: s ? Number(s[1]) : 0 };
  };
  const e2e = await run('real-editor test (code-server + Playwright)', 'node', ['test/e2e/run.mjs'], { capture: true });
  steps.push(e2e.code === 0);
  const c = nodeCounts(e2e.out);
  passed += c.p;
  failed += c.f || (e2e.code === 0 ? 0 : 1);
  skipped += c.s;
  // The same extension-host suite, in code-server's extension host (works offline).
  const exthost = await run('extension-host suite in code-server', 'node', ['test/electron/run.mjs', '--code-server'], { capture: true });
  steps.push(exthost.code === 0);
  const x = nodeCounts(exthost.out);
  passed += x.p;
  failed += x.f || (exthost.code === 0 ? 0 : 1);
  const electron = await run('@vscode/test-electron suite', 'node', ['test/electron/run.mjs'], { capture: true });
  steps.push(electron.code === 0);
  const e = nodeCounts(electron.out);
  passed += e.p;
  failed += e.f || (electron.code === 0 ? 0 : 1);
  if (/^SKIPPED:/m.test(electron.out)) skipped++;
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? '✔' : '✘'} ${r.name} (${r.secs}s)`);
const ok = steps.every(Boolean) && failed === 0;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
