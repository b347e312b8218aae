// Shared by the real-editor runners (test/e2e/run.mjs, test/electron/run.mjs --code-server): the code-server
// harness paths, a free port, quiet user settings, code-server itself, process cleanup and log collection.
// Plain Node ESM for the machine's Node 20; code-server runs on the harness's Node 24.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const harnessDir = process.env.API_PARITY_HARNESS_DIR ? resolve(process.env.API_PARITY_HARNESS_DIR) : join(root, '.vscode-test', 'code-server');
export const node24Bin = join(harnessDir, 'node24', 'node_modules', 'node', 'bin');
export const codeServerBin = join(harnessDir, 'node_modules', '.bin', 'code-server');
export const chromiumBin = process.env.API_PARITY_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The environment without npm's own variables (`npm_config_*`, `npm_*`, NODE, INIT_CWD): a child npm reads
 * them as its configuration, whoever started us. setup-editor-harness.sh drops them as well. */
export function cleanEnv(env = process.env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^(npm_|NPM_CONFIG_)/.test(k) && k !== 'NODE' && k !== 'INIT_CWD'));
}

/**
 * Runs scripts/setup-editor-harness.sh (idempotent) with its output shown as it comes, and resolves to null
 * when the harness is ready, or to the real reason it is not: the script's own `FAILED:` line, else its
 * exit status and last output line.
 */
export function ensureHarness(timeoutMs) {
  return new Promise((resolveRun) => {
    const child = spawn('bash', [join(root, 'scripts', 'setup-editor-harness.sh')], { cwd: root, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (d) => {
      tail = (tail + d).slice(-8_000);
    };
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      keep(d);
    });
    child.stderr.on('data', (d) => {
      process.stderr.write(d);
      keep(d);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolveRun(`could not start bash: ${e.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        const missing = missingHarness();
        resolveRun(missing.length ? `the harness is incomplete after scripts/setup-editor-harness.sh: missing ${missing.join(', ')}` : null);
        return;
      }
      const lines = tail.split('\n').map((l) => l.trim()).filter(Boolean);
      const failedLine = [...lines].reverse().find((l) => l.includes('FAILED:'));
      const status = signal === 'SIGKILL' ? `timed out after ${Math.round(timeoutMs / 1000)}s` : `exit code ${code}${signal ? `, signal ${signal}` : ''}`;
      resolveRun(`scripts/setup-editor-harness.sh failed (${status}): ${failedLine ?? lines.at(-1) ?? 'no output'}`);
    });
  });
}

/** Which harness pieces are missing (empty when all are there). */
export function missingHarness() {
  return [
    ['Node 24', join(node24Bin, 'node')],
    ['code-server', codeServerBin],
    ['Chromium', chromiumBin],
  ]
    .filter(([, p]) => !existsSync(p))
    .map(([what, p]) => `${what} (${p})`);
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** User settings that quiet the workbench for screenshots: no welcome page, chat side bar, tips or update checks. */
export function writeQuietSettings(userDataDir, extra = {}) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'chat.disableAIFeatures': true,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
    'git.enabled': false,
    'editor.minimap.enabled': false,
    ...extra,
  };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/**
 * The processes a runner starts. Each is the leader of its own process group; every one of them (and whatever
 * they start, Chromium included, which makes its own process group) carries a marker in its environment, so
 * `stopAll` finds them all by id without matching on names.
 */
export class Processes {
  constructor() {
    this.marker = `API_PARITY_E2E_RUN=${process.pid}-${Date.now()}`;
    this.children = [];
  }

  /** The environment variable that marks this run's processes: spread it into every child's env. */
  get markerEnv() {
    const [k, v] = this.marker.split('=');
    return { [k]: v };
  }

  start(name, cmd, args, { env = process.env, cwd = root, stdio = 'ignore', logFile } = {}) {
    if (logFile) {
      const fd = openSync(logFile, 'a');
      stdio = ['ignore', fd, fd];
    }
    const child = spawn(cmd, args, { cwd, env: { ...env, ...this.markerEnv }, stdio, detached: true });
    this.children.push({ name, child });
    return child;
  }

  markedPids() {
    const pids = [];
    let entries = [];
    try {
      entries = readdirSync('/proc');
    } catch {
      return pids;
    }
    for (const e of entries) {
      if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
      try {
        if (readFileSync(`/proc/${e}/environ`, 'latin1').split('\0').includes(this.marker)) pids.push(Number(e));
      } catch {
        // gone, or not ours to read
      }
    }
    return pids;
  }

  async stopAll() {
    const groups = this.children.map((c) => c.child.pid).filter((p) => p && alive(p));
    const signal = (sig) => {
      for (const pid of groups) {
        try {
          process.kill(-pid, sig);
        } catch {
          // already gone
        }
      }
      for (const pid of this.markedPids()) {
        try {
          process.kill(pid, sig);
        } catch {
          // already gone
        }
      }
    };
    signal('SIGTERM');
    const until = Date.now() + 5_000;
    while (Date.now() < until && (groups.some(alive) || this.markedPids().length)) await new Promise((r) => setTimeout(r, 100));
    if (groups.some(alive) || this.markedPids().length) signal('SIGKILL');
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The environment code-server runs with: Node 24 first on PATH, XDG folders inside `tmp`. */
export function codeServerEnv(tmp, extra = {}) {
  const xdg = join(tmp, 'xdg');
  for (const d of ['config', 'data', 'cache']) mkdirSync(join(xdg, d), { recursive: true });
  const env = {
    ...cleanEnv(),
    PATH: `${node24Bin}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    ...extra,
  };
  delete env.npm_config_nodedir; // the machine's npmrc points it at Node 20's headers
  delete env.NODE_OPTIONS;
  return env;
}

/** A code-server config file of our own, so that ~/.config/code-server/config.yaml never applies. */
export function codeServerConfig(tmp) {
  const file = join(tmp, 'code-server.yaml');
  writeFileSync(file, 'auth: none\ncert: false\n');
  return file;
}

/**
 * Starts code-server on a free loopback port and waits until it answers HTTP.
 * Resolves with { url, port, child, logFile }; rejects with the tail of its log when it does not come up.
 */
export async function startCodeServer(procs, { tmp, userDataDir, extensionsDir, workspace, env, extraArgs = [], timeoutMs = 90_000 }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(tmp, 'code-server.log');
  const config = codeServerConfig(tmp);
  const child = procs.start(
    'code-server',
    codeServerBin,
    [
      '--config', config,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      ...extraArgs,
      workspace,
    ],
    { env, logFile },
  );
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const until = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${tail(logFile, 40)}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return { url, port, child, logFile, config };
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    if (Date.now() > until) throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms (${last}):\n${tail(logFile, 40)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/** The extension host logs of a code-server profile: remoteexthost.log and the extension's own "API Parity.log". */
export function findExthostLogs(userDataDir) {
  const out = [];
  const logsRoot = join(userDataDir, 'logs');
  if (!existsSync(logsRoot)) return out;
  for (const stamp of readdirSync(logsRoot).sort()) {
    const stampDir = join(logsRoot, stamp);
    if (!statSync(stampDir).isDirectory()) continue;
    for (const host of readdirSync(stampDir).filter((d) => d.startsWith('exthost')).sort()) {
      for (const rel of ['remoteexthost.log', join('api-parity.api-parity', 'API Parity.log')]) {
        const p = join(stampDir, host, rel);
        if (existsSync(p)) out.push(p);
      }
    }
  }
  return out;
}

export function printLogs(userDataDir, codeServerLog) {
  const logs = findExthostLogs(userDataDir);
  if (logs.length === 0) console.error('[e2e] no extension host log was written');
  for (const p of logs) {
    console.error(`\n[e2e] ===== ${p} =====`);
    console.error(readFileSync(p, 'utf8').split('\n').slice(-300).join('\n'));
  }
  if (codeServerLog && existsSync(codeServerLog)) console.error(`\n[e2e] ===== ${codeServerLog} (last 60 lines) =====\n${tail(codeServerLog, 60)}`);
}
