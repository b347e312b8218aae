/**
 * `npm run bench [-- <folder>…] [--runs N] [--edits N] [--routes N] [--no-generated] [--no-tree] [--no-build] [--strict]`: speed and memory of the
 * built CLI and language server, as whole processes (wall, CPU, peak RSS), each paired in the same run
 * with its floors: node reading the same files, typescript-estree alone and tree-sitter alone over the
 * files the CLI actually parsed. Printed as ratios next to the targets of the speed issue. Absolute times
 * on a shared machine mean little; ratios of measurements taken side by side do. Never a test: it exits
 * 1 only with --strict when a target is missed. Per folder it also prints analysis against reading the
 * files, as CPU time, in this process and as whole processes, cold, warm (the run memo of an unchanged
 * workspace) and warm with facts only (what a run after an edit reuses): issue 10's "no more than twice".
 *
 * `BENCH_DIST=<dir>` measures the CLI and server bundles in <dir> (another commit's build) instead of dist/.
 *
 * Workspaces: a generated one at two sizes (the seed fixture workspaces copied N times, plus files that
 * hold neither routes nor calls), and any folder given (a real repository).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';
import { Analyzer, analyzeWorkspace, diskFactsStore, gapTree, isSourceFile, loadConfig, nodeFileSystem } from '../src/core';
import type { GapsResult, GapTreeResult } from '../src/shared/protocol';

const REPO = resolve(__dirname, '..');
// BENCH_DIST: the bundles of another build (an older commit built in a worktree), for before/after tables;
// the floors and the in-process rows are always this checkout's.
const DIST = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : join(REPO, 'dist');
const args = process.argv.slice(2);
const flag = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const RUNS = flag('--runs', 3);
const EDITS = flag('--edits', 15);
const strict = args.includes('--strict');
const folders = args.filter((a, i) => !a.startsWith('--') && !['--runs', '--edits', '--routes'].includes(args[i - 1] ?? ''));
const scratch = mkdtempSync(join(tmpdir(), 'api-parity-bench-'));

interface Usage {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMb: number;
}

interface Row {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly ok: boolean | null;
}
const rows: Row[] = [];
const row = (name: string, value: string, target = '', ok: boolean | null = null) => rows.push({ name, value, target, ok });

/** One whole process, `runs` times: the least wall and CPU time, the largest peak RSS. */
function measure(argv: readonly string[], env: Record<string, string> = {}, runs = RUNS, before?: () => Record<string, string>): Usage {
  let best: Usage = { wallMs: Infinity, cpuMs: Infinity, rssMb: 0 };
  for (let i = 0; i < runs; i++) {
    const usageFile = join(scratch, `usage-${process.pid}.json`);
    const extra = before?.() ?? {};
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', join(__dirname, 'bench-usage.cjs'), ...argv], { env: { ...process.env, ...env, ...extra, BENCH_USAGE_FILE: usageFile }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
    const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
    const u = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; userUs: number; systemUs: number };
    best = { wallMs: Math.min(best.wallMs, wallMs), cpuMs: Math.min(best.cpuMs, (u.userUs + u.systemUs) / 1000), rssMb: Math.max(best.rssMb, u.maxRssKb / 1024) };
  }
  return best;
}

const fmt = (u: Usage) => `${(u.wallMs / 1000).toFixed(2)} s wall, ${(u.cpuMs / 1000).toFixed(2)} s CPU, ${u.rssMb.toFixed(0)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

const ms = (n: number) => `${(n / 1000).toFixed(3)} s`;

/**
 * In this process (from sources), CPU time, best of RUNS: stat and read the scanned files; a one-shot
 * analysis with an empty facts cache (cold), with the cache of an earlier run (warm: the run memo), and
 * with the facts cache only (`runMemo: false`, what a run after an edit reuses).
 */
async function inProcess(root: string, scanned: readonly string[]): Promise<{ read: number; cold: number; warm: number; facts: number }> {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const best = async (fn: () => unknown) => {
    let b = Infinity;
    for (let i = 0; i < RUNS; i++) {
      (globalThis as { gc?: () => void }).gc?.();
      const t = cpu();
      await fn();
      b = Math.min(b, cpu() - t);
    }
    return b;
  };
  const fs = nodeFileSystem(root);
  const { config, file } = await loadConfig(fs);
  const run = (dir: string, runMemo = true) => analyzeWorkspace({ root, fs, config, configFile: file, factsCache: diskFactsStore({ dir, analyzer: 'bench', maxBytes: 1 << 30 }), runMemo });
  const read = await best(() => {
    for (const f of scanned) {
      statSync(join(root, f));
      readFileSync(join(root, f));
    }
  });
  const cold = await best(() => run(mkdtempSync(join(scratch, 'inproc-'))));
  const dir = mkdtempSync(join(scratch, 'inproc-'));
  await run(dir);
  return { read, cold, warm: await best(() => run(dir)), facts: await best(() => run(dir, false)) };
}

/** The files a cold analysis scans and parses (in-process, from sources). */
async function filesOf(root: string): Promise<{ scanned: string[]; parsed: string[]; calls: ReadonlyArray<{ file: string }> }> {
  const fs = nodeFileSystem(root);
  const { config, file } = await loadConfig(fs);
  const analyzer = new Analyzer();
  const result = await analyzer.analyze({ root, fs, config, configFile: file });
  const scanned = [...(analyzer.layout()?.files ?? [])].filter(isSourceFile);
  return { scanned, parsed: analyzer.modulesUnder('.').map((m) => m.file), calls: result.calls };
}

async function benchFolder(name: string, root: string): Promise<string | null> {
  const { scanned, parsed, calls } = await filesOf(root);
  const list = (files: readonly string[], tag: string) => {
    const p = join(scratch, `${tag}.txt`);
    writeFileSync(p, files.join('\n'));
    return p;
  };
  const cli = [join(DIST, 'cli.js'), 'check', root, '--format', 'json', '--fail-on', 'never'];
  let cacheDir = '';
  const fresh = () => {
    cacheDir = mkdtempSync(join(scratch, 'cache-'));
    return { API_PARITY_CACHE_DIR: cacheDir };
  };
  const cold = measure(cli, {}, RUNS, fresh);
  const warm = measure(cli, { API_PARITY_CACHE_DIR: cacheDir });
  // What a run after an edit reuses: the facts of unchanged files, without the stored result of the whole run.
  const warmFacts = measure(cli, { API_PARITY_CACHE_DIR: cacheDir, API_PARITY_RUN_MEMO: '0' });
  const read = measure([join(__dirname, 'bench-floor.cjs'), 'read', root, list(scanned, 'scanned')]);
  const estree = measure([join(__dirname, 'bench-floor.cjs'), 'estree', root, list(parsed, 'parsed')]);
  const ts = measure([join(__dirname, 'bench-floor.cjs'), 'tree-sitter', root, list(parsed, 'parsed')]);
  const bare = measure(['-e', '0']);
  // One process would start node once: the parse floor counts one start-up.
  const parseFloor = read.wallMs + estree.wallMs + ts.wallMs - 2 * bare.wallMs;
  const py = parsed.filter((f) => f.endsWith('.py')).length;
  console.log(`\n${name}: ${scanned.length} files scanned, ${parsed.length} parsed (${py} Python)`);
  console.log(`  CLI cold (empty cache)   ${fmt(cold)}`);
  console.log(`  CLI warm (cache)         ${fmt(warm)}   (unchanged workspace: the run memo)`);
  console.log(`  CLI warm, facts only     ${fmt(warmFacts)}   (API_PARITY_RUN_MEMO=0, as after an edit)`);
  console.log(`  floor: read the files    ${fmt(read)}`);
  console.log(`  floor: typescript-estree ${fmt(estree)}   (the ${parsed.length - py} JS/TS/markup files parsed; markup counted if JS)`);
  console.log(`  floor: tree-sitter       ${fmt(ts)}   (the ${py} Python files parsed)`);
  row(`${name}: cold CLI / (read + parse floors)`, ratio(cold.wallMs, parseFloor), 'cold only bounded by the parse floor');
  row(`${name}: warm CLI / reading the files`, ratio(warm.wallMs, read.wallMs), '≤ 10×', warm.wallMs / read.wallMs <= 10);
  const ip = await inProcess(root, scanned);
  console.log(`  in-process CPU: reading the files ${ms(ip.read)}; analysis cold ${ms(ip.cold)} (${ratio(ip.cold, ip.read)}), warm ${ms(ip.warm)} (${ratio(ip.warm, ip.read)}), facts only ${ms(ip.facts)} (${ratio(ip.facts, ip.read)})`);
  console.log(`  whole-process CPU: reading the files ${ms(read.cpuMs)}; CLI cold ${ms(cold.cpuMs)} (${ratio(cold.cpuMs, read.cpuMs)}), warm ${ms(warm.cpuMs)} (${ratio(warm.cpuMs, read.cpuMs)}), facts only ${ms(warmFacts.cpuMs)} (${ratio(warmFacts.cpuMs, read.cpuMs)}); bare node ${ms(bare.cpuMs)}`);
  row(`${name}: warm analysis / reading, CPU, in-process`, `${ms(ip.warm)} / ${ms(ip.read)} = ${ratio(ip.warm, ip.read)}`, '≤ 2× (issue 10, plane)', ip.warm <= 2 * ip.read);
  row(`${name}: warm CLI / reading, CPU, whole process`, `${ms(warm.cpuMs)} / ${ms(read.cpuMs)} = ${ratio(warm.cpuMs, read.cpuMs)}`, '≤ 2× (issue 10, plane)', warm.cpuMs <= 2 * read.cpuMs);
  row(`${name}: cold CLI wall`, `${(cold.wallMs / 1000).toFixed(2)} s`, '≤ 3 s (plane)', cold.wallMs <= 3000);
  row(`${name}: cold CLI peak RSS`, `${cold.rssMb.toFixed(0)} MB`, '≤ 300 MB', cold.rssMb <= 300);
  return calls[0]?.file ?? parsed[0] ?? null;
}

/** The language server bundle over stdio: RSS after indexing, then `EDITS` edits of one open file. */
async function benchServer(name: string, root: string, rel: string): Promise<void> {
  // A cache of its own: the first index is cold, and the user's cache is left alone.
  const env = { ...process.env, API_PARITY_CACHE_DIR: mkdtempSync(join(scratch, 'server-cache-')) };
  const child = spawn(process.execPath, [join(DIST, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env });
  const rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let published = 0;
  const settings = { enable: true, debounceMs: 50, codeLens: { enable: true }, diagnostics: { unusedEndpoints: true } };
  rpc.onNotification('apiParity/indexChanged', () => void published++);
  rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  for (const m of ['window/workDoneProgress/create', 'client/registerCapability', 'workspace/codeLens/refresh']) rpc.onRequest(m, () => null);
  rpc.listen();
  const until = async (fn: () => boolean, what: string) => {
    const deadline = Date.now() + 300_000;
    while (!fn()) {
      if (Date.now() > deadline) throw new Error(`server bench: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  const rootUri = URI.file(root).toString();
  const t0 = Date.now();
  await rpc.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: name }], capabilities: { workspace: { configuration: true, workspaceFolders: true } } });
  await rpc.sendNotification('initialized', {});
  // The layout of the workspace folders is announced before anything is analysed: wait for a result.
  let indexed = false;
  while (!indexed) {
    await until(() => published > 0, 'the first index');
    const gaps = (await rpc.sendRequest('apiParity/gaps')) as { indexing: boolean; folders: Array<{ result: unknown }> };
    indexed = !gaps.indexing && gaps.folders.some((f) => f.result !== null);
    if (!indexed) await new Promise((r) => setTimeout(r, 20));
  }
  const indexMs = Date.now() - t0;
  const rssIndexed = rssMb(child.pid!);
  const uri = URI.file(join(root, rel)).toString();
  const text = readFileSync(join(root, rel), 'utf8');
  let seen = published;
  await rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  await until(() => published > seen, 'the open document');
  const times: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    seen = published;
    const t = performance.now();
    await rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: `${text}\n// edit ${i}\n` }] });
    await until(() => published > seen, 'an edit');
    times.push(performance.now() - t - settings.debounceMs);
  }
  const rssAfter = rssMb(child.pid!);
  // Hovers while the whole folder is indexed again ("Re-index" drops every cached parse): answered from
  // the last snapshot, between two slices of the run.
  const hovers: number[] = [];
  let reindexing = true;
  const reindexed = rpc.sendRequest('apiParity/reindex').then(() => void (reindexing = false));
  while (reindexing) {
    const t = performance.now();
    await rpc.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    if (reindexing) hovers.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 25));
  }
  await reindexed;
  rpc.dispose();
  child.kill();
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  console.log(`\n${name} (server): indexed in ${indexMs} ms, RSS ${rssIndexed.toFixed(0)} MB; ${EDITS} edits of ${rel}: p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms (debounce subtracted); RSS after ${rssAfter.toFixed(0)} MB`);
  row(`${name}: server, one edit → published, p95`, `${q(0.95).toFixed(0)} ms`, '≤ 50 ms', q(0.95) <= 50);
  hovers.sort((a, b) => a - b);
  const hoverMax = hovers.at(-1) ?? 0;
  console.log(`  hover during a re-index: ${hovers.length} answered, p50 ${(hovers[Math.floor(hovers.length / 2)] ?? 0).toFixed(0)} ms, max ${hoverMax.toFixed(0)} ms`);
  row(`${name}: server, hover during a re-index, max`, `${hoverMax.toFixed(0)} ms (${hovers.length})`, '≤ 200 ms', hoverMax <= 200);
  row(`${name}: server RSS after indexing`, `${rssIndexed.toFixed(0)} MB`, '≤ 300 MB', rssIndexed <= 300);
}

/**
 * A workspace with `routes` FastAPI routes (50 per router module, each router mounted under its own prefix)
 * and a frontend calling every other one with fetch.
 */
function makeRouteWorkspace(routes: number): string {
  const root = join(scratch, `routes-${routes}`);
  const modules = Math.ceil(routes / 50);
  mkdirSync(join(root, 'api', 'app'), { recursive: true });
  mkdirSync(join(root, 'web', 'src'), { recursive: true });
  writeFileSync(join(root, 'api', 'requirements.txt'), 'fastapi\n');
  writeFileSync(join(root, 'web', 'package.json'), '{ "name": "web", "dependencies": { "react": "18" } }\n');
  const main = ['from fastapi import FastAPI', ...Array.from({ length: modules }, (_, i) => `from app.routes_${i} import router as r${i}`), 'app = FastAPI()'];
  for (let i = 0; i < modules; i++) {
    main.push(`app.include_router(r${i}, prefix="/m${i}")`);
    const lines = ['from fastapi import APIRouter', 'router = APIRouter()'];
    const calls: string[] = [];
    for (let j = 0; j < 50; j++) {
      lines.push(`@router.${j % 2 ? 'post' : 'get'}("/items${j}/{item_id}")`, `def handler_${j}(item_id: int):`, '    return {}');
      if (j % 4 < 2) calls.push(`export const call${j} = (id: string) => fetch(\`http://localhost:8000/m${i}/items${j}/\${id}\`, { method: '${j % 2 ? 'POST' : 'GET'}' });`);
    }
    writeFileSync(join(root, 'api', 'app', `routes_${i}.py`), `${lines.join('\n')}\n`);
    writeFileSync(join(root, 'web', 'src', `calls${i}.ts`), `${calls.join('\n')}\n`);
  }
  writeFileSync(join(root, 'api', 'app', 'main.py'), `${main.join('\n')}\n`);
  return root;
}

/**
 * The views on a 2,000-route workspace, through the built server: the Gap Explorer's whole snapshot
 * (`apiParity/gaps`), and the Endpoints view's lazy levels (`apiParity/catalogue`: the services, one
 * service's files, one file's routes, a text filter), each next to a hover on the same server (the
 * floor of any request), as ratios.
 */
async function benchTree(routes: number): Promise<void> {
  const root = makeRouteWorkspace(routes);
  const child = spawn(process.execPath, [join(DIST, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, API_PARITY_CACHE_DIR: mkdtempSync(join(scratch, 'tree-cache-')) } });
  const rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let published = 0;
  rpc.onNotification('apiParity/indexChanged', () => void published++);
  rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ enable: true, debounceMs: 50 })));
  for (const m of ['window/workDoneProgress/create', 'client/registerCapability', 'workspace/codeLens/refresh']) rpc.onRequest(m, () => null);
  rpc.listen();
  const uri = URI.file(root).toString();
  await rpc.sendRequest('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'routes' }], capabilities: { workspace: { configuration: true, workspaceFolders: true } } });
  await rpc.sendNotification('initialized', {});
  for (const deadline = Date.now() + 300_000; ; await new Promise((r) => setTimeout(r, 20))) {
    const g = (await rpc.sendRequest('apiParity/gaps')) as { indexing: boolean; folders: Array<{ result: { endpoints: unknown[] } | null }> };
    if (!g.indexing && g.folders[0]?.result) break;
    if (Date.now() > deadline) throw new Error('tree bench: the workspace was not indexed');
  }
  const time = async (fn: () => Promise<unknown>) => {
    const ts: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      bytes = JSON.stringify(await fn()).length;
      ts.push(performance.now() - t);
    }
    ts.sort((a, b) => a - b);
    return { ms: ts[Math.floor(ts.length / 2)]!, bytes };
  };
  const hover = await time(() => rpc.sendRequest('textDocument/hover', { textDocument: { uri: URI.file(join(root, 'api/app/routes_0.py')).toString() }, position: { line: 2, character: 2 } }));
  const gaps = await time(() => rpc.sendRequest('apiParity/gaps'));
  const level = (parent: string | null, filter: object = {}) => rpc.sendRequest('apiParity/catalogue', { filter, parent }) as Promise<{ nodes: Array<{ id: string }>; shown: number; total: number }>;
  const top = await level(null);
  const files = await level(top.nodes[0]!.id);
  const measured = {
    services: await time(() => level(null)),
    files: await time(() => level(top.nodes[0]!.id)),
    routes: await time(() => level(files.nodes[0]!.id)),
    filtered: await time(() => level(null, { text: 'items7 post' })),
  };
  const explorer = await benchGapExplorer(rpc, child.pid!);
  rpc.dispose();
  child.kill();
  const total = top.total;
  console.log(`\n${total} routes (server): hover ${hover.ms.toFixed(1)} ms; apiParity/gaps ${gaps.ms.toFixed(1)} ms, ${(gaps.bytes / 1024).toFixed(0)} KiB`);
  console.log(explorer.lines.join('\n'));
  for (const [name, m] of Object.entries(measured)) console.log(`  catalogue ${name}: ${m.ms.toFixed(1)} ms, ${(m.bytes / 1024).toFixed(1)} KiB (${ratio(m.ms, hover.ms)} a hover)`);
  const worst = Math.max(...Object.values(measured).map((m) => m.ms));
  row(`${total} routes: catalogue level / hover, worst`, ratio(worst, hover.ms), '≤ 10×', worst <= 10 * Math.max(hover.ms, 1));
  row(`${total} routes: catalogue level, worst`, `${worst.toFixed(1)} ms`, '≤ 50 ms', worst <= 50);
  row(`${total} routes: Gap Explorer snapshot (apiParity/gaps)`, `${gaps.ms.toFixed(0)} ms, ${(gaps.bytes / 1024).toFixed(0)} KiB`);
  row(`${total} routes: Gap Explorer first look, whole snapshot`, `${explorer.before.cpu.toFixed(1)} CPU ms, ${(explorer.before.bytes / 1024).toFixed(0)} KiB`);
  row(`${total} routes: Gap Explorer first look, lazy`, `${explorer.after.cpu.toFixed(1)} CPU ms, ${(explorer.after.bytes / 1024).toFixed(0)} KiB`, '< snapshot', explorer.after.cpu < explorer.before.cpu && explorer.after.bytes < explorer.before.bytes);
}

/** CPU milliseconds a process has used (Linux /proc; 10 ms ticks), or NaN elsewhere. */
function cpuMsOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * What the Gap Explorer's first look costs, in CPU (server process + the client's share, measured here:
 * parsing the answer and, for the snapshot, building the tree) and bytes: before, the whole snapshot
 * (`apiParity/gaps`) the client turned into a tree; now, `apiParity/gapTree` for the top and every row
 * that starts expanded, as VS Code asks for them. The lazy tree is built anew on each round (two filters
 * that show the same rows alternate, so each round misses the server's one-entry cache).
 */
async function benchGapExplorer(rpc: ReturnType<typeof createMessageConnection>, pid: number): Promise<{ before: { cpu: number; bytes: number }; after: { cpu: number; bytes: number }; lines: string[] }> {
  const ROUNDS = 20;
  const measureRounds = async (round: (i: number) => Promise<number>) => {
    let bytes = 0;
    const server0 = cpuMsOf(pid);
    const client0 = process.cpuUsage();
    for (let i = 0; i < ROUNDS; i++) bytes = await round(i);
    const c = process.cpuUsage(client0);
    const server = (cpuMsOf(pid) - server0) / ROUNDS;
    return { cpu: server + (c.user + c.system) / 1000 / ROUNDS, server, bytes };
  };
  // Bytes are counted on a separate pass: re-serialising the answers is no cost the editor pays.
  const sizeOf = (v: unknown, count: boolean) => (count ? JSON.stringify(v).length : 0);
  const snapshot = async (count: boolean) => {
    const g = (await rpc.sendRequest('apiParity/gaps')) as GapsResult;
    gapTree(g.folders.map((f) => ({ key: f.uri, name: f.name, result: f.result })), g.indexing);
    return sizeOf(g, count);
  };
  const lazy = async (i: number, count: boolean) => {
    const filter = i % 2 ? { text: '' } : {};
    let bytes = 0;
    const open = async (parent: string | null): Promise<void> => {
      const r = (await rpc.sendRequest('apiParity/gapTree', { parent, filter })) as GapTreeResult;
      bytes += sizeOf(r, count);
      for (const n of r.nodes) if (n.collapsible === 'expanded') await open(n.id);
    };
    await open(null);
    return bytes;
  };
  const before = { ...(await measureRounds(() => snapshot(false))), bytes: await snapshot(true) };
  const after = { ...(await measureRounds((i) => lazy(i, false))), bytes: await lazy(0, true) };
  // Expanding one file of a collapsed group: a warm level (the tree is built for this snapshot).
  const unused = (await rpc.sendRequest('apiParity/gapTree', { parent: 'group:unused', filter: {} })) as GapTreeResult;
  const file = ((await rpc.sendRequest('apiParity/gapTree', { parent: unused.nodes[0]!.id, filter: {} })) as GapTreeResult).nodes[0]!;
  const expand = { ...(await measureRounds(async () => (await rpc.sendRequest('apiParity/gapTree', { parent: file.id, filter: {} }), 0))), bytes: sizeOf(await rpc.sendRequest('apiParity/gapTree', { parent: file.id, filter: {} }), true) };
  const lines = [
    `  Gap Explorer first look, per round (${ROUNDS} rounds; CPU = server + client side):`,
    `    whole snapshot: ${before.cpu.toFixed(1)} CPU ms (server ${before.server.toFixed(1)}), ${(before.bytes / 1024).toFixed(0)} KiB`,
    `    lazy levels:    ${after.cpu.toFixed(1)} CPU ms (server ${after.server.toFixed(1)}), ${(after.bytes / 1024).toFixed(1)} KiB (tree built anew each round)`,
    `    expanding one file (warm): ${expand.cpu.toFixed(1)} CPU ms (server ${expand.server.toFixed(1)}), ${(expand.bytes / 1024).toFixed(1)} KiB`,
  ];
  return { before, after, lines };
}

/** Resident set size of a process (Linux /proc, else ps), in MB. */
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

/** A deterministic workspace: the seed fixture workspaces copied `copies` times, and `noise` pairs of files without routes or calls. */
function makeWorkspace(copies: number, noise: number): string {
  const root = join(scratch, `generated-${copies}`);
  const seeds = join(REPO, 'test/fixtures/_workspaces');
  for (let i = 0; i < copies; i++) {
    for (const ws of readdirSync(seeds)) cpSync(join(seeds, ws), join(root, `team-${i}`, ws), { recursive: true, filter: (src) => !src.endsWith('expected.txt') });
  }
  for (let i = 0; i < noise; i++) {
    const dir = join(root, 'shared', `pkg-${i % 20}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `util${i}.ts`), `export function clamp${i}(x: number, lo = 0, hi = ${i}) {\n  return Math.min(hi, Math.max(lo, x));\n}\n`.repeat(20));
    writeFileSync(join(dir, `model${i}.py`), `from dataclasses import dataclass\n\n@dataclass\nclass Model${i}:\n    id: int\n    name: str = "m${i}"\n`.repeat(10));
  }
  return root;
}

async function main(): Promise<void> {
  if (!args.includes('--no-build')) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
  if (!existsSync(join(DIST, 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build`');
  console.log(`API Parity bench: best of ${RUNS} runs per figure (least wall and CPU, largest peak RSS)`);
  const empty = mkdtempSync(join(scratch, 'empty-'));
  const bare = measure(['-e', '0'], {}, 5);
  const emptyRun = measure([join(DIST, 'cli.js'), 'check', empty, '--fail-on', 'never'], { API_PARITY_CACHE_DIR: join(scratch, 'cache-empty') }, 5);
  console.log(`\nempty folder: CLI ${fmt(emptyRun)}; bare node ${fmt(bare)}`);
  row('CLI on an empty folder', `${(emptyRun.wallMs / 1000).toFixed(2)} s (bare node ${(bare.wallMs / 1000).toFixed(2)} s)`, '≤ 0.15 s', emptyRun.wallMs <= 150);
  const generated: Array<[string, string]> = args.includes('--no-generated') ? [] : [
    ['generated (small)', makeWorkspace(8, 150)],
    ['generated (large)', makeWorkspace(32, 600)],
  ];
  const targets: Array<[string, string]> = [
    ...generated,
    ...folders.map((f): [string, string] => [f.split('/').filter(Boolean).pop() ?? f, resolve(f)]),
  ];
  for (const [name, root] of targets) {
    const edited = await benchFolder(name, root);
    if (edited && name !== 'generated (small)') await benchServer(name, root, edited);
  }
  if (!args.includes('--no-tree')) await benchTree(flag('--routes', 2000));
  console.log('\n' + rows.map((r) => `${r.ok === null ? ' ' : r.ok ? '✔' : '✘'} ${r.name.padEnd(52)} ${r.value.padStart(24)}   ${r.target ? `target ${r.target}` : ''}`).join('\n'));
  rmSync(scratch, { recursive: true, force: true });
  if (strict && rows.some((r) => r.ok === false)) process.exitCode = 1;
}

void main().catch((err: unknown) => {
  console.error(err);
  rmSync(scratch, { recursive: true, force: true });
  process.exitCode = 2;
});
