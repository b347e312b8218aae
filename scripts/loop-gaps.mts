/**
 * Where does a re-index block the event loop? Analyses a folder once (as the language server's first
 * index), drops every parse (its "Re-index"), analyses again with a 5 ms ticker and a CPU profile, and
 * prints each gap of the ticker over 150 ms with the functions that ran in it. Under CPU contention a gap
 * with few samples is the process waiting for a core, not work.
 *   node --import tsx scripts/loop-gaps.mts <folder>
 */
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { Analyzer, loadConfig, nodeFileSystem, type AnalyzeOptions, type Progress } from '../src/core';
import { callTree, type Profile } from './cpuProfile.mts';


const root = resolve(process.argv[2] ?? '.');
const fs = nodeFileSystem(root);
const { config, file: configFile } = await loadConfig(fs);
const analyzer = new Analyzer();
let phase = 'start';
const opts: AnalyzeOptions = { root, fs, config, configFile, onProgress: (p: Progress) => void (phase = p.phase) };
await analyzer.analyze(opts);
analyzer.clear();

const gaps: { start: number; end: number; from: string; to: string }[] = [];
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 500 });
await session.post('Profiler.start');
let last = performance.now();
let lastPhase = phase;
const ticker = setInterval(() => {
  const now = performance.now();
  if (now - last > 150) gaps.push({ start: last, end: now, from: lastPhase, to: phase });
  last = now;
  lastPhase = phase;
}, 5);
const t0 = performance.now();
await analyzer.analyze(opts);
clearInterval(ticker);
const stopped = performance.now();
const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
console.log(`re-index ${(stopped - t0).toFixed(0)} ms, ${gaps.length} gaps over 150 ms`);

const { nodes, parent } = callTree(profile);
// Sample times on performance.now()'s clock, counted back from the profile's end.
const times: number[] = [];
let ts = profile.endTime - profile.timeDeltas.reduce((a, b) => a + b, 0);
for (const d of profile.timeDeltas) times.push(stopped - (profile.endTime - (ts += d)) / 1000);
const frameKey = (id: number) => {
  const f = nodes.get(id)!.callFrame;
  return `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-3).join('/')}:${f.lineNumber}`;
};
for (const g of gaps) {
  const total = new Map<string, number>();
  let samples = 0;
  profile.samples.forEach((id, i) => {
    if (times[i]! < g.start || times[i]! > g.end) return;
    samples++;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) seen.add(frameKey(cur));
    for (const k of seen) total.set(k, (total.get(k) ?? 0) + 1);
  });
  console.log(`\n${(g.end - g.start).toFixed(0)} ms [${g.from}] → [${g.to}], ${samples} samples`);
  for (const [k, v] of [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`   ${v}  ${k}`);
}
