/**
 * Where does an edit run spend its time? Analyses a folder once (as the language server's first index),
 * then edits one file N times (a comment appended, as the bench's server edits do) through an overlay and
 * `changed`, as the server does, with a CPU profile over the edit runs only. Prints each edit's CPU time,
 * then the functions with the most inclusive and self time over all edits.
 *   node --import tsx scripts/edit-profile.mts <folder> [<file relative to the folder>] [--edits N]
 * Without a file, the first file with a resolved request is edited (the bench's choice).
 */
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { Analyzer, loadConfig, nodeFileSystem, withOverlays, type AnalyzeOptions } from '../src/core';
import { callTree, type Profile } from './cpuProfile.mts';


const args = process.argv.slice(2);
const editsAt = args.indexOf('--edits');
const EDITS = editsAt >= 0 ? Number(args[editsAt + 1]) : 20;
const positional = args.filter((a, i) => !a.startsWith('--') && i !== editsAt + 1);
const root = resolve(positional[0] ?? '.');
const base = nodeFileSystem(root);
const { config, file: configFile } = await loadConfig(base);
const analyzer = new Analyzer();
const opts: AnalyzeOptions = { root, fs: base, config, configFile };
const first = await analyzer.analyze(opts);
const rel = positional[1] ?? first.calls.find((c) => c.resolved)?.file;
if (!rel) throw new Error('no file to edit: name one');
const text = new TextDecoder().decode(await base.read(rel));
console.log(`edit ${rel} ${EDITS} times`);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const cpu: number[] = [];
for (let i = 0; i < EDITS; i++) {
  const fs = withOverlays(base, new Map([[rel, `${text}\n// edit ${i}\n`]]));
  const c0 = process.cpuUsage();
  await analyzer.analyze({ ...opts, fs, changed: [rel] });
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
const sorted = [...cpu].sort((a, b) => a - b);
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
console.log(`CPU per edit: p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, all: ${cpu.map((t) => t.toFixed(0)).join(' ')}`);

const { nodes, parent } = callTree(profile);
const frameKey = (id: number) => {
  const f = nodes.get(id)!.callFrame;
  return `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
};
const inclusive = new Map<string, number>();
const self = new Map<string, number>();
for (const id of profile.samples) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) seen.add(frameKey(cur));
  for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + 1);
  self.set(frameKey(id), (self.get(frameKey(id)) ?? 0) + 1);
}
const total = profile.samples.length;
const top = (m: Map<string, number>, n: number) =>
  [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log(`\ninclusive (of ${total} samples):\n${top(inclusive, 45)}`);
console.log(`\nself:\n${top(self, 25)}`);
