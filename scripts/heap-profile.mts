/**
 * What does the heap hold after an analysis? Analyses a folder in process (as the language server's first
 * index, no facts cache), runs a full GC, prints `process.memoryUsage()`, writes a heap snapshot and prints
 * the largest groups of live objects by self size (constructor or string kind) and the heaviest retained
 * sizes by (type, name), from a dominator tree of the snapshot.
 *   node --expose-gc --import tsx scripts/heap-profile.mts <folder> [--top N] [--snapshot <file>] [--keep]
 * `--keep` keeps a reference to the result (as the server's snapshot); without it only the Analyzer lives.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { Analyzer, loadConfig, nodeFileSystem } from '../src/core';

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const TOP = Number(opt('--top') ?? 25);
const root = resolve(args.find((a, i) => !a.startsWith('--') && !['--top', '--snapshot'].includes(args[i - 1] ?? ''))!);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const usage = (label: string) => {
  const u = process.memoryUsage();
  console.log(`${label}: rss ${mb(u.rss)}, heapUsed ${mb(u.heapUsed)}, heapTotal ${mb(u.heapTotal)}, external ${mb(u.external)}, arrayBuffers ${mb(u.arrayBuffers)}`);
};

const fs = nodeFileSystem(root);
const { config, file: configFile } = await loadConfig(fs);
const analyzer = new Analyzer();
const c0 = process.cpuUsage();
let result: unknown = await analyzer.analyze({ root, fs, config, configFile });
const c = process.cpuUsage(c0);
const summary = (result as { summary: { filesParsed: number; filesScanned: number } }).summary;
console.log(`analysed ${root}: ${summary.filesParsed}/${summary.filesScanned} files parsed, ${((c.user + c.system) / 1000).toFixed(0)} ms CPU`);
usage('before GC');
gc();
gc();
usage('after GC');
if (!args.includes('--keep')) result = null;
gc();
usage(args.includes('--keep') ? 'after GC (result kept)' : 'after GC (result dropped, Analyzer kept)');
if (args.includes('--no-snapshot')) process.exit(0);
const file = opt('--snapshot') ?? join(tmpdir(), `heap-${process.pid}.heapsnapshot`);
writeHeapSnapshot(file);
void analyzer;
summarise(file);
if (!opt('--snapshot')) unlinkSync(file);

function summarise(path: string): void {
  const snap = JSON.parse(readFileSync(path, 'utf8')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } }; nodes: number[]; edges: number[]; strings: string[] };
  const { node_fields: nf, node_types, edge_fields: ef, edge_types } = snap.snapshot.meta;
  const NF = nf.length;
  const EF = ef.length;
  const [iType, iName, iSelf, iEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nf.indexOf(f));
  const [eType, eTo] = ['type', 'to_node'].map((f) => ef.indexOf(f));
  const types = node_types[0];
  const etypes = edge_types[0];
  const n = snap.nodes.length / NF;
  const label = (i: number) => {
    const t = types[snap.nodes[i * NF + iType]!]!;
    if (t === 'object' || t === 'closure' || t === 'native') return `${t} ${snap.strings[snap.nodes[i * NF + iName]!]}`;
    if (t === 'hidden' || t === 'code' || t === 'array') return `${t} ${snap.strings[snap.nodes[i * NF + iName]!]!.slice(0, 40)}`;
    return t;
  };
  const self = new Map<string, [number, number]>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const s = snap.nodes[i * NF + iSelf]!;
    total += s;
    const k = label(i);
    const v = self.get(k) ?? [0, 0];
    v[0] += s;
    v[1]++;
    self.set(k, v);
  }
  console.log(`\nheap snapshot: ${n} nodes, ${mb(total)} self size in all`);
  console.log(`\ntop ${TOP} by self size (label: size, count)`);
  for (const [k, [s, cnt]] of [...self].sort((a, b) => b[1][0] - a[1][0]).slice(0, TOP)) console.log(`  ${mb(s).padStart(10)} ${String(cnt).padStart(8)}  ${k}`);
  // Dominator tree (Cooper–Harvey–Kennedy over a DFS post-order, from node 0, the synthetic root); weak edges skipped.
  const firstEdge = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) firstEdge[i + 1] = firstEdge[i]! + snap.nodes[i * NF + iEdges]! * EF;
  const weak = etypes.indexOf('weak');
  const succ = (i: number, f: (j: number) => void) => {
    for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e += EF) if (snap.edges[e + eType] !== weak) f(snap.edges[e + eTo]! / NF);
  };
  const order = new Int32Array(n).fill(-1);
  const post: number[] = [];
  const stack: Array<[number, number]> = [[0, firstEdge[0]!]];
  order[0] = 0;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const [i] = top;
    let pushed = false;
    while (top[1] < firstEdge[i + 1]!) {
      const e = top[1];
      top[1] += EF;
      if (snap.edges[e + eType] === weak) continue;
      const j = snap.edges[e + eTo]! / NF;
      if (order[j] === -1) {
        order[j] = 0;
        stack.push([j, firstEdge[j]!]);
        pushed = true;
        break;
      }
    }
    if (!pushed && stack[stack.length - 1] === top) {
      stack.pop();
      order[i] = post.length;
      post.push(i);
    }
  }
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) if (order[i] !== -1) succ(i, (j) => preds[j]!.push(i));
  const idom = new Int32Array(n).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (order[a]! < order[b]!) a = idom[a]!;
      while (order[b]! < order[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = post.length - 2; k >= 0; k--) {
      const i = post[k]!;
      let d = -1;
      for (const p of preds[i]!) if (idom[p] !== -1) d = d === -1 ? p : intersect(p, d);
      if (d !== -1 && idom[i] !== d) {
        idom[i] = d;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(n);
  for (const i of post) retained[i]! += snap.nodes[i * NF + iSelf]!;
  for (const i of post) if (i !== 0 && idom[i]! >= 0) retained[idom[i]!]! += retained[i]!;
  // Retained size by label, counting only the outermost node of each label (no double counting of nested ones).
  const byLabel = new Map<string, [number, number]>();
  for (let i = 1; i < n; i++) {
    if (order[i] === -1) continue;
    const k = label(i);
    let outer = true;
    for (let a = idom[i]!; a !== 0 && a !== idom[a]; a = idom[a]!) if (label(a) === k) { outer = false; break; }
    if (!outer) continue;
    const v = byLabel.get(k) ?? [0, 0];
    v[0] += retained[i]!;
    v[1]++;
    byLabel.set(k, v);
  }
  console.log(`\ntop ${TOP} by retained size (outermost of each label)`);
  for (const [k, [s, cnt]] of [...byLabel].sort((a, b) => b[1][0] - a[1][0]).slice(0, TOP)) console.log(`  ${mb(s).padStart(10)} ${String(cnt).padStart(8)}  ${k}`);
}
