/**
 * `npm run bench`: speed and memory, reported as ratios measured in one run (absolute times on a shared
 * machine mean little; ratios of two measurements taken side by side do). Targets are printed next to
 * each ratio. This is not a test and never fails CI; it exits 1 only with --strict when a target is missed.
 *
 * The workspace is synthetic and deterministic: the seed-shaped fixture workspaces copied N times under
 * different folders, plus files that hold neither routes nor calls (which the gates must not parse).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';
import { Analyzer, DEFAULT_CONFIG, nodeFileSystem } from '../src/core';
import { estreeParser } from '../src/core/lang/js/parser';

const COPIES = Number(process.env['BENCH_COPIES'] ?? 30);
const NOISE = Number(process.env['BENCH_NOISE'] ?? 600);
const strict = process.argv.includes('--strict');

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

function makeWorkspace(): { root: string; files: number; bytes: number } {
  const root = mkdtempSync(join(tmpdir(), 'api-parity-bench-'));
  const seeds = resolve(__dirname, '../test/fixtures/_workspaces');
  for (let i = 0; i < COPIES; i++) {
    for (const ws of readdirSync(seeds)) cpSync(join(seeds, ws), join(root, `team-${i}`, ws), { recursive: true, filter: (src) => !src.endsWith('expected.txt') });
  }
  // Files without routes or calls: utilities, components, models, tests.
  for (let i = 0; i < NOISE; i++) {
    const dir = join(root, 'shared', `pkg-${i % 20}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `util${i}.ts`), `export function clamp${i}(x: number, lo = 0, hi = ${i}) {\n  return Math.min(hi, Math.max(lo, x));\n}\n`.repeat(20));
    writeFileSync(join(dir, `model${i}.py`), `from dataclasses import dataclass\n\n@dataclass\nclass Model${i}:\n    id: int\n    name: str = "m${i}"\n`.repeat(10));
  }
  const all = listFiles(root);
  return { root, files: all.length, bytes: all.reduce((n, f) => n + statSync(f).size, 0) };
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const ws = makeWorkspace();
  console.log(`workspace: ${ws.files} files, ${(ws.bytes / 1024 / 1024).toFixed(1)} MiB (${COPIES} copies of the seed workspaces + ${NOISE * 2} files without routes or calls)`);
  const analyzer = new Analyzer();
  const fs = nodeFileSystem(ws.root);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;

  let t = process.hrtime.bigint();
  const cold = await analyzer.analyze({ root: ws.root, fs, config: DEFAULT_CONFIG });
  const coldMs = ms(t);
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;

  // One file changes (an editor save): the rest comes from the cache.
  const touched = listFiles(ws.root).find((f) => f.endsWith('UserAvatar.tsx') || f.endsWith('useConversations.ts'))!;
  writeFileSync(touched, readFileSync(touched, 'utf8') + '\n// edited\n');
  const now = new Date();
  utimesSync(touched, now, now);
  t = process.hrtime.bigint();
  const warm = await analyzer.analyze({ root: ws.root, fs, config: DEFAULT_CONFIG });
  const warmMs = ms(t);

  // Parser cost: typescript-estree against TypeScript's own parser on the same JS/TS sources.
  const sources = listFiles(ws.root).filter((f) => /\.(tsx?|jsx?|mjs|cjs)$/.test(f)).map((f) => ({ f, text: readFileSync(f, 'utf8') }));
  const parseAll = (fn: (f: string, text: string) => unknown) => {
    const s = process.hrtime.bigint();
    for (const { f, text } of sources) {
      try {
        fn(f, text);
      } catch {
        // syntax errors count as parsed for timing
      }
    }
    return ms(s);
  };
  parseAll((f, text) => ts.createSourceFile(f, text, ts.ScriptTarget.Latest, false)); // warm-up both
  parseAll((f, text) => estreeParser.parse(text, { jsx: !f.endsWith('.ts'), file: f }));
  const tsMs = parseAll((f, text) => ts.createSourceFile(f, text, ts.ScriptTarget.Latest, false));
  const estreeMs = parseAll((f, text) => estreeParser.parse(text, { jsx: !f.endsWith('.ts'), file: f }));

  // The caches must not change answers: a fresh analysis of the edited workspace gives the same result.
  const fresh = await new Analyzer().analyze({ root: ws.root, fs, config: DEFAULT_CONFIG });
  const same = JSON.stringify({ ...fresh, root: '' }) === JSON.stringify({ ...warm, root: '' });

  const s = cold.summary;
  const rows: Array<{ name: string; value: number; target: string; ok: boolean }> = [
    { name: 'cold analysis / re-analysis after one edit', value: coldMs / warmMs, target: '≥ 3×', ok: coldMs / warmMs >= 3 },
    { name: 'files parsed / files scanned (gating)', value: s.filesParsed / s.filesScanned, target: '≤ 0.6', ok: s.filesParsed / s.filesScanned <= 0.6 },
    { name: 'typescript-estree / TypeScript parser time', value: estreeMs / tsMs, target: 'informative (≈3.7× measured before)', ok: true },
    { name: 'heap growth / source bytes', value: (heapAfter - heapBefore) / ws.bytes, target: '≤ 25×', ok: (heapAfter - heapBefore) / ws.bytes <= 25 },
    { name: 'endpoints found / expected (copies × seed endpoints)', value: s.endpoints / (COPIES * endpointsPerCopy()), target: '= 1', ok: s.endpoints === COPIES * endpointsPerCopy() },
    { name: 'cached re-analysis equals a fresh one', value: same ? 1 : 0, target: '= 1', ok: same },
  ];
  console.log(`cold: ${coldMs.toFixed(0)} ms (${(coldMs / s.filesScanned).toFixed(2)} ms per scanned file) · after one edit: ${warmMs.toFixed(0)} ms · ${s.endpoints} endpoints, ${s.calls} calls, ${cold.gaps.length} gaps`);
  console.log('');
  for (const r of rows) console.log(`${r.ok ? '✔' : '✘'} ${r.name.padEnd(52)} ${r.value.toFixed(2).padStart(8)}   target ${r.target}`);
  rmSync(ws.root, { recursive: true, force: true });
  if (strict && rows.some((r) => !r.ok)) process.exit(1);
}

/** Endpoints of one copy of the seed workspaces, from their goldens (one `route` line per endpoint). */
function endpointsPerCopy(): number {
  const seeds = resolve(__dirname, '../test/fixtures/_workspaces');
  return readdirSync(seeds).reduce((n, ws) => n + readFileSync(join(seeds, ws, 'expected.txt'), 'utf8').split('\n').filter((l) => l.startsWith('route ')).length, 0);
}

void main();
