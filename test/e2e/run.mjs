#!/usr/bin/env node
// `npm run test:e2e`: the real-editor test. Serves the real VS Code workbench (code-server, on Node 24) with
// the packaged extension installed and a temporary copy of examples/fullstack open, then drives it from
// headless Chromium with Playwright (test/e2e/*.e2e.mjs, run by Node's built-in test runner).
// Recipe and background: shared/docs/real-vscode.md.
//
// Environment:
//   API_PARITY_VSIX            use this .vsix instead of running `npm run package`
//   API_PARITY_HARNESS_DIR     where the harness lives (default .vscode-test/code-server, as in setup-editor-harness.sh)
//   API_PARITY_E2E_TIMEOUT_MS  hard limit for the whole run (default 30 minutes; installing the harness alone may take up to 20 on a busy machine)
//   API_PARITY_E2E_KEEP=1      keep the temporary folder (it is always kept, and printed, when the run fails)
//   API_PARITY_E2E_HEADED=1    show the browser (needs a display)
//   API_PARITY_E2E_ONLY        run only the test files whose names start with this, or with one of these
//                              comma-separated prefixes (`endpoints`, `fixes,endpoints`)
//   API_PARITY_E2E_REAL        comma-separated .code-workspace files (real repositories copied outside the
//                              repository) that endpoints.e2e.mjs opens and screenshots as well
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codeServerBin, codeServerConfig, codeServerEnv, ensureHarness, printLogs, Processes, root, startCodeServer, writeQuietSettings } from './harness.mjs';

const e2eDir = join(root, 'test', 'e2e');
const totalMs = Number(process.env.API_PARITY_E2E_TIMEOUT_MS) || 30 * 60_000;
const started = Date.now();
const remaining = () => Math.max(1_000, totalMs - (Date.now() - started));
const secs = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`[e2e ${secs()}] ${msg}`);

const procs = new Processes();
let tmp = null;
let codeServerLog = null;
let finished = false;

// ---- the hard deadline: whatever hangs, CI gets an answer ----
const deadline = setTimeout(() => {
  console.error(`[e2e] the run exceeded its limit of ${Math.round(totalMs / 1000)}s (API_PARITY_E2E_TIMEOUT_MS); stopping everything`);
  void finish(124, { failed: true });
}, totalMs);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void finish(130, { failed: true }));

// ---- (a) the harness ----
log('ensuring the editor harness (scripts/setup-editor-harness.sh)');
const setupError = await ensureHarness(Math.min(remaining(), 20 * 60_000));
if (setupError) await fail(`could not set up the editor harness: ${setupError}`);

// ---- (b) the extension package ----
let vsix = process.env.API_PARITY_VSIX ? resolve(process.env.API_PARITY_VSIX) : null;
if (vsix) {
  if (!existsSync(vsix)) await fail(`API_PARITY_VSIX points at ${vsix}, which does not exist`);
  log(`using ${vsix} (API_PARITY_VSIX)`);
} else {
  log('packaging the extension (npm run package)');
  vsix = join(root, 'api-parity.vsix');
  const pkg = spawnSync('npm', ['run', 'package', '--silent'], { cwd: root, encoding: 'utf8', timeout: Math.min(remaining(), 5 * 60_000) });
  if (pkg.error || pkg.status !== 0) {
    const out = `${pkg.stdout ?? ''}${pkg.stderr ?? ''}`;
    process.stdout.write(out);
    // Packaging is part of what this test checks: the .vsix users install must build.
    await fail(`\`npm run package\` failed: ${(/ERROR\s+(.*)/.exec(out)?.[1] ?? pkg.error?.message ?? `exit code ${pkg.status}`).trim()}`);
  }
  if (!existsSync(vsix)) await fail(`packaging did not produce ${vsix}`);
  log(`packaged ${vsix} (${Math.round(statSync(vsix).size / 1024)} KiB)`);
}

// ---- (c) a fresh profile, the extension installed into it ----
tmp = mkdtempSync(join(tmpdir(), 'api-parity-e2e-'));
const userDataDir = join(tmp, 'user-data');
const extensionsDir = join(tmp, 'extensions');
mkdirSync(extensionsDir, { recursive: true });
writeQuietSettings(userDataDir);
const csEnv = codeServerEnv(tmp, procs.markerEnv);

log(`installing ${vsix} into ${extensionsDir}`);
const install = spawnSync(codeServerBin, ['--config', codeServerConfig(tmp), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], {
  env: csEnv,
  encoding: 'utf8',
  timeout: Math.min(remaining(), 2 * 60_000),
});
const installed = readdirSync(extensionsDir).filter((d) => d.startsWith('api-parity.api-parity-'));
if (install.error || install.status !== 0 || installed.length === 0) {
  process.stdout.write(`${install.stdout ?? ''}${install.stderr ?? ''}`);
  await fail(`code-server --install-extension failed (${install.error?.message ?? `exit code ${install.status}`}; installed: ${installed.join(', ') || 'nothing'})`);
}
log(`installed ${installed.join(', ')}`);

// ---- (d) the workspace: a copy, never the repository's folder ----
const workspace = join(tmp, 'fullstack');
cpSync(join(root, 'examples', 'fullstack'), workspace, { recursive: true });
log(`workspace: ${workspace}`);

// ---- (e) code-server ----
log('starting code-server');
let server;
try {
  server = await startCodeServer(procs, { tmp, userDataDir, extensionsDir, workspace, env: csEnv, timeoutMs: Math.min(90_000, remaining()) });
} catch (e) {
  await fail(e.message);
}
codeServerLog = server.logFile;
log(`code-server answers on ${server.url}`);

// ---- (f) the Playwright tests, under Node's test runner ----
const only = (process.env.API_PARITY_E2E_ONLY ?? '').split(',').filter(Boolean);
const files = readdirSync(e2eDir).filter((f) => f.endsWith('.e2e.mjs') && (only.length === 0 || only.some((o) => f.startsWith(o)))).sort().map((f) => join(e2eDir, f));
if (files.length === 0) await fail(`no test files (*.e2e.mjs) in ${e2eDir}`);
const screenshots = join(root, 'test-results', 'e2e');
rmSync(screenshots, { recursive: true, force: true });
mkdirSync(screenshots, { recursive: true });
log(`running ${files.map((f) => f.slice(root.length + 1)).join(', ')}`);
const tests = procs.start('node --test', process.execPath, ['--test', '--test-concurrency=1', ...files], {
  cwd: root,
  env: {
    ...process.env,
    API_PARITY_E2E_URL: server.url,
    API_PARITY_E2E_WORKSPACE: workspace,
    API_PARITY_E2E_USER_DATA_DIR: userDataDir,
    API_PARITY_E2E_SCREENSHOTS: screenshots,
    API_PARITY_E2E_TMP: tmp,
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const code = await new Promise((r) => tests.on('exit', (c, s) => r(c ?? (s ? 1 : 0))));
log(`tests finished with exit code ${code}`);
await finish(code, { failed: code !== 0 });

// ---------------------------------------------------------------------------------------------

function fail(message, code = 1) {
  console.error(`[e2e] FAILED: ${message}`);
  return finish(code, { failed: true });
}

async function finish(code, { failed }) {
  if (finished) return new Promise(() => {});
  finished = true;
  clearTimeout(deadline);
  await procs.stopAll();
  if (failed && tmp) {
    printLogs(join(tmp, 'user-data'), codeServerLog);
    console.error(`\n[e2e] kept ${tmp} for inspection; screenshots are in test-results/e2e/`);
  } else if (tmp && process.env.API_PARITY_E2E_KEEP !== '1') {
    rmSync(tmp, { recursive: true, force: true });
  } else if (tmp) {
    log(`kept ${tmp}`);
  }
  log(`done in ${secs()}, exit code ${code}`);
  process.exit(code);
}
