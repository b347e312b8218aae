/**
 * Lists the quick fixes the editor would offer for every gap of a folder, as JSON lines (one per plan):
 * the gap, the fix's title and kind, and its edits (text included). For judging fixes on real code.
 *   node --import tsx scripts/list-fixes.mts <folder> [kind,kind…]
 */
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { Analyzer, loadConfig, nodeFileSystem, planFixes } from '../src/core';

const root = resolve(process.argv[2] ?? '.');
const kinds = process.argv[3] ? new Set(process.argv[3].split(',')) : null;
const fs = nodeFileSystem(root);
const { config, file: configFile } = await loadConfig(fs);
const analyzer = new Analyzer();
const result = await analyzer.analyze({ root, fs, config, configFile });
const readFile = (p: string): string | null => {
  const abs = resolve(root, p);
  if (!abs.startsWith(root + sep)) return null;
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return null;
  }
};
const logs: string[] = [];
for (const gap of result.gaps) {
  for (const plan of planFixes({ gap, result, workspace: analyzer, readFile, log: (m) => logs.push(m) })) {
    if (kinds && !kinds.has(plan.kind)) continue;
    process.stdout.write(`${JSON.stringify({ gap: { kind: gap.kind, file: gap.file, line: gap.line, message: gap.message }, title: plan.title, kind: plan.kind, edits: plan.edits, reveal: plan.reveal })}\n`);
  }
}
process.stderr.write(`${result.gaps.length} gaps; ${logs.length} fixes withheld\n${logs.join('\n')}\n`);
