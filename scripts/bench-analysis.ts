/**
 * `npm run bench:analysis -- <folder> [--runs N] [--profile cold|warm|memo] [--top N]`: issue 10's "analysing
 * does not take longer than twice reading the files' text", measured in one process (start-up excluded),
 * as CPU time, best of N runs each:
 *   read  — stat and read (as text) every file the analysis scans (the layout's source files);
 *   cold  — a one-shot analysis with an empty facts cache;
 *   warm  — the same with the facts cache of an earlier run (`runMemo: false`: facts only, what a run after
 *           an edit reuses), and with the run memo (an unchanged workspace: the stored result).
 * `--profile cold|warm|memo` records a V8 CPU profile of one more run of that kind (only the analysis, through
 * node:inspector), writes it next to the scratch folder (open it in Chrome DevTools) and prints the
 * functions with the most self time, and the same summed per source file.
 * Never a test: it prints figures and exits 0.
 */
import { Session } from 'node:inspector';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Analyzer, analyzeWorkspace, diskFactsStore, isSourceFile, loadConfig, nodeFileSystem } from '../src/core';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(flag('--runs') ?? 5);
const PROFILE = flag('--profile');
const TOP = Number(flag('--top') ?? 25);
const folder = args.find((a, i) => !a.startsWith('--') && !['--runs', '--profile', '--top'].includes(args[i - 1] ?? ''));
const scratch = mkdtempSync(join(tmpdir(), 'api-parity-bench-analysis-'));

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function best(fn: () => unknown): Promise<{ cpu: number; wall: number }> {
  let b = { cpu: Infinity, wall: Infinity };
  for (let i = 0; i < RUNS; i++) {
    gc();
    const t = cpu();
    const w = performance.now();
    await fn();
    b = { cpu: Math.min(b.cpu, cpu() - t), wall: Math.min(b.wall, performance.now() - w) };
  }
  return b;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

/** Time under each function (its callees included; a recursive function counted once per stack). */
function inclusive(nodes: readonly ProfileNode[], keyOf: (n: ProfileNode) => string): Map<string, number> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  const onStack = new Map<string, number>();
  const visit = (n: ProfileNode): number => {
    const key = keyOf(n);
    onStack.set(key, (onStack.get(key) ?? 0) + 1);
    let total = n.hitCount ?? 0;
    for (const c of n.children ?? []) total += visit(byId.get(c)!);
    const depth = onStack.get(key)! - 1;
    onStack.set(key, depth);
    if (depth === 0) out.set(key, (out.get(key) ?? 0) + total);
    return total;
  };
  visit(nodes[0]!);
  return out;
}

async function profiled(fn: () => Promise<unknown>, out: string): Promise<void> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((ok, fail) => session.post(method, params ?? {}, (err, res) => (err ? fail(err) : ok(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  await fn();
  const { profile } = (await post('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; startTime: number; endTime: number } };
  session.disconnect();
  writeFileSync(out, JSON.stringify(profile));
  const total = profile.samples.length;
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits) continue;
    const file = n.callFrame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '') || '(native)';
    const fnKey = `${n.callFrame.functionName || '(anonymous)'}  ${file}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
    byFn.set(fnKey, (byFn.get(fnKey) ?? 0) + hits);
    byFile.set(file, (byFile.get(file) ?? 0) + hits);
  }
  const show = (m: Map<string, number>, title: string) => {
    console.log(`\n  ${title} (${total} samples over ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms):`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`    ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
  };
  show(byFn, 'functions, self time');
  const incl = inclusive(profile.nodes, (n) => `${n.callFrame.functionName || '(anonymous)'}  ${n.callFrame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '')}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`);
  show(new Map([...incl].filter(([k]) => !k.includes('node_modules') && !k.startsWith('(') && !k.includes('node:'))), 'functions, callees included (the project\'s)');
  show(byFile, 'files, self time');
  console.log(`\n  profile written to ${out}`);
}

async function main(): Promise<void> {
  if (!folder) throw new Error('usage: bench:analysis <folder> [--runs N] [--profile cold|warm|memo] [--top N]');
  const root = resolve(folder);
  const fs = nodeFileSystem(root);
  const { config, file } = await loadConfig(fs);
  const analyzer = new Analyzer();
  await analyzer.analyze({ root, fs, config, configFile: file });
  const scanned = [...(analyzer.layout()?.files ?? [])].filter(isSourceFile);
  const parsed = analyzer.modulesUnder('.').map((m) => m.file);
  const run = (dir: string, runMemo = false) =>
    analyzeWorkspace({ root, fs, config, configFile: file, factsCache: diskFactsStore({ dir, analyzer: 'bench', maxBytes: 1 << 30 }), runMemo });
  let bytes = 0;
  const read = await best(() => {
    bytes = 0;
    for (const f of scanned) {
      statSync(join(root, f));
      bytes += readFileSync(join(root, f), 'utf8').length;
    }
  });
  const cold = await best(() => run(mkdtempSync(join(scratch, 'cold-'))));
  const dir = mkdtempSync(join(scratch, 'warm-'));
  await run(dir);
  const warm = await best(() => run(dir));
  const memo = await best(() => run(dir, true));
  const ms = (n: number) => `${(n / 1000).toFixed(3)} s`;
  const x = (n: number) => `${(n / read.cpu).toFixed(1)}×`;
  console.log(`${root}: ${scanned.length} files scanned (${(bytes / 1e6).toFixed(1)} M characters), ${parsed.length} parsed; CPU, best of ${RUNS}, in one process`);
  console.log(`  read the files         ${ms(read.cpu)}   (wall ${ms(read.wall)})`);
  console.log(`  analysis cold          ${ms(cold.cpu)}   ${x(cold.cpu).padStart(6)} reading   (wall ${ms(cold.wall)})`);
  console.log(`  analysis warm (facts)  ${ms(warm.cpu)}   ${x(warm.cpu).padStart(6)} reading   (wall ${ms(warm.wall)})`);
  console.log(`  analysis warm (memo)   ${ms(memo.cpu)}   ${x(memo.cpu).padStart(6)} reading   (wall ${ms(memo.wall)})`);
  if (PROFILE === 'cold') await profiled(() => run(mkdtempSync(join(scratch, 'prof-'))), join(tmpdir(), `api-parity-cold-${process.pid}.cpuprofile`));
  if (PROFILE === 'memo') await profiled(() => run(dir, true), join(tmpdir(), `api-parity-memo-${process.pid}.cpuprofile`));
  if (PROFILE === 'warm') await profiled(() => run(dir), join(tmpdir(), `api-parity-warm-${process.pid}.cpuprofile`));
  rmSync(scratch, { recursive: true, force: true });
}

void main().catch((err: unknown) => {
  console.error(err);
  rmSync(scratch, { recursive: true, force: true });
  process.exitCode = 2;
});
