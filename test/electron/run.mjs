#!/usr/bin/env node
// `npm run test:electron`: the extension-host suite (test/electron/suite.mjs, loaded through
// test/electron/index.cjs as `extensionTestsPath`) in a VS Code downloaded by @vscode/test-electron.
//
// Where VS Code cannot be downloaded (no internet, as on the project's build machines), it prints
//   SKIPPED: @vscode/test-electron could not download VS Code (<reason>); the code-server run (npm run test:e2e) is the real-editor test here
// and exits 0.
//
// `node test/electron/run.mjs --code-server` (or API_PARITY_ELECTRON_HOST=code-server) runs the very same
// suite in code-server's extension host instead, which works offline: code-server is started with
// `--vscode-option enable-smoke-test-driver`, which makes the workbench honour the `payload` URL parameter
// (`extensionDevelopmentPath`, `extensionTestsPath`), so the repository is loaded as the development
// extension and the suite runs in its extension host, exactly as under @vscode/test-electron.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);
const totalMs = Number(process.env.API_PARITY_E2E_TIMEOUT_MS) || 30 * 60_000;
const started = Date.now();
const secs = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`[electron ${secs()}] ${msg}`);
const hostMode = process.argv.includes('--code-server') || process.env.API_PARITY_ELECTRON_HOST === 'code-server' ? 'code-server' : 'electron';

let tmp = null;
let cleanup = async () => {};
let finished = false;
const deadline = setTimeout(() => {
  console.error(`[electron] the run exceeded its limit of ${Math.round(totalMs / 1000)}s; stopping`);
  void finish(124, true);
}, totalMs);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void finish(130, true));

// ---- VS Code, or the reason there is none ----
let vscodeExecutablePath = null;
if (hostMode === 'electron') {
  const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
  const quietReporter = { report: () => {}, error: () => {} };
  try {
    // `timeout` is an idle timeout per request: an offline machine fails at once (DNS) or after it.
    vscodeExecutablePath = await withTimeout(
      downloadAndUnzipVSCode({ cachePath: join(root, '.vscode-test'), timeout: 15_000, extensionDevelopmentPath: root, reporter: quietReporter }),
      5 * 60_000,
      'the download took longer than 5 minutes',
    );
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    console.log(`SKIPPED: @vscode/test-electron could not download VS Code (${reason}); the code-server run (npm run test:e2e) is the real-editor test here`);
    await finish(0, false);
  }
  log(`VS Code: ${vscodeExecutablePath}`);
}

// ---- the build, a workspace copy and the expected numbers ----
log('building (node esbuild.mjs)');
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit', timeout: 3 * 60_000 });
if (build.status !== 0) await fail(`node esbuild.mjs failed (${build.error?.message ?? `exit code ${build.status}`})`);
tmp = mkdtempSync(join(tmpdir(), 'api-parity-electron-'));
const workspace = join(tmp, 'fullstack');
cpSync(join(root, 'examples', 'fullstack'), workspace, { recursive: true });
const expectedFile = join(tmp, 'expected.json');
const cli = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', workspace, '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8', timeout: 60_000 });
if (cli.status !== 0) await fail(`api-parity check failed: ${cli.stderr || cli.error?.message}`);
writeFileSync(expectedFile, cli.stdout);
const resultsFile = join(tmp, 'results.json');
const suiteEnv = { API_PARITY_SUITE_EXPECTED: expectedFile, API_PARITY_SUITE_RESULTS: resultsFile };
log(`workspace: ${workspace}`);

const code = hostMode === 'electron' ? await runInElectron() : await runInCodeServer();
await finish(code, code !== 0);

// ---------------------------------------------------------------------------------------------

async function runInElectron() {
  const { runTests } = require('@vscode/test-electron');
  const userDataDir = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  if (process.platform === 'linux' && !process.env.DISPLAY) await startXvfb();
  // Electron refuses to start as root (CI containers) unless its sandbox is off.
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  try {
    const exit = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: join(here, 'index.cjs'),
      extensionTestsEnv: suiteEnv,
      launchArgs: [workspace, ...(asRoot ? ['--no-sandbox'] : []), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-gpu', `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`],
    });
    return report(exit);
  } catch (e) {
    console.error(`[electron] VS Code reported a failure: ${e instanceof Error ? e.message : String(e)}`);
    return report(1);
  }
}

async function startXvfb() {
  const which = spawnSync('sh', ['-c', 'command -v Xvfb'], { encoding: 'utf8' });
  if (which.status !== 0) {
    log('no DISPLAY and no Xvfb: VS Code may fail to start (install xvfb, or run under xvfb-run)');
    return;
  }
  let n = 99;
  while (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) n++;
  const x = spawn(which.stdout.trim(), [`:${n}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore', detached: true });
  const prev = cleanup;
  cleanup = async () => {
    try {
      process.kill(-x.pid, 'SIGTERM');
    } catch {
      // gone
    }
    await prev();
  };
  const until = Date.now() + 10_000;
  while (!existsSync(`/tmp/.X11-unix/X${n}`) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  process.env.DISPLAY = `:${n}`;
  log(`started Xvfb on DISPLAY=:${n}`);
}

async function runInCodeServer() {
  const harness = await import('../e2e/harness.mjs');
  const setupError = await harness.ensureHarness(20 * 60_000);
  if (setupError) await fail(`could not set up the editor harness: ${setupError}`);
  const procs = new harness.Processes();
  cleanup = () => procs.stopAll();
  const userDataDir = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions'); // empty: the repository itself is the (development) extension
  mkdirSync(extensionsDir, { recursive: true });
  harness.writeQuietSettings(userDataDir);
  const suiteLog = join(tmp, 'suite.log');
  const env = harness.codeServerEnv(tmp, { ...procs.markerEnv, ...suiteEnv, API_PARITY_SUITE_LOG: suiteLog });
  let server;
  try {
    server = await harness.startCodeServer(procs, { tmp, userDataDir, extensionsDir, workspace, env, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'] });
  } catch (e) {
    await fail(e.message);
  }
  log(`code-server answers on ${server.url}`);
  const authority = new URL(server.url).host;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${root}`],
    ['extensionTestsPath', `vscode-remote://${authority}${join(here, 'index.cjs')}`],
  ];
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: harness.chromiumBin, args: harness.chromiumArgs });
  const prev = cleanup;
  cleanup = async () => {
    await browser.close().catch(() => {});
    await prev();
  };
  const page = await browser.newPage();
  // The extension host's console does not reach this process through code-server: the suite also writes its
  // lines to a file (API_PARITY_SUITE_LOG), which is echoed as it grows.
  let printed = 0;
  const echo = () => {
    if (!existsSync(suiteLog)) return;
    const text = readFileSync(suiteLog, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end > printed) process.stdout.write(text.slice(printed, end));
    printed = Math.max(printed, end);
  };
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 60_000 });
  const until = Date.now() + Math.min(5 * 60_000, totalMs - (Date.now() - started) - 20_000);
  while (!existsSync(resultsFile) && Date.now() < until) {
    echo();
    await new Promise((r) => setTimeout(r, 250));
  }
  echo();
  if (!existsSync(resultsFile)) {
    console.error('[electron] the suite did not report results in time');
    harness.printLogs(userDataDir, server.logFile);
    return 1;
  }
  const code = report(0);
  if (code !== 0) harness.printLogs(userDataDir, server.logFile);
  return code;
}

/** Prints the suite's results (TAP summary lines, for CI) and returns the exit code. */
function report(exitCode) {
  if (!existsSync(resultsFile)) {
    console.error(`[electron] no results from the suite (exit code ${exitCode})`);
    return exitCode || 1;
  }
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  for (const t of r.results) if (!t.ok) console.error(`[electron] FAILED: ${t.name}\n${t.error}`);
  if (hostMode === 'electron') console.log(`# tests ${r.tests}\n# pass ${r.passed}\n# fail ${r.failed}`); // code-server: the suite's own lines were echoed
  log(`${r.passed}/${r.tests} extension-host tests passed (${hostMode})`);
  return r.failed ? 1 : exitCode;
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

function fail(message) {
  console.error(`[electron] FAILED: ${message}`);
  return finish(1, true);
}

async function finish(code, failed) {
  if (finished) return new Promise(() => {});
  finished = true;
  clearTimeout(deadline);
  await cleanup().catch(() => {});
  if (tmp && failed) console.error(`[electron] kept ${tmp} for inspection`);
  else if (tmp) rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
}
