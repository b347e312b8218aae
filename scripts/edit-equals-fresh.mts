/**
 * Do edit runs on a real repository equal a fresh analysis? Analyses a folder, edits (a comment appended,
 * through overlays) the first N files with a resolved call one after the other as edit runs, then compares
 * the last result with a fresh analysis of the same texts (summary.filesParsed left out).
 *   node --import tsx scripts/edit-equals-fresh.mts <folder> [N]
 */
import { resolve } from 'node:path';
import { Analyzer, loadConfig, nodeFileSystem, withOverlays, type AnalyzeOptions } from '../src/core';
const root = resolve(process.argv[2]!);
const base = nodeFileSystem(root);
const { config, file: configFile } = await loadConfig(base);
const analyzer = new Analyzer();
const opts: AnalyzeOptions = { root, fs: base, config, configFile };
const first = await analyzer.analyze(opts);
const files = [...new Set(first.calls.filter((c) => c.resolved).map((c) => c.file))].slice(0, Number(process.argv[3] ?? 3));
let last: unknown;
let ov = new Map<string, string>();
for (const rel of files) {
  const text = new TextDecoder().decode(await base.read(rel));
  ov = new Map(ov).set(rel, `${text}\n${rel.endsWith('.py') ? '#' : '//'} edit\n`);
  last = await analyzer.analyze({ ...opts, fs: withOverlays(base, ov), changed: [rel] });
}
const fresh = await new Analyzer().analyze({ ...opts, fs: withOverlays(base, ov) });
const strip = (r: unknown) => JSON.stringify(r, (k, v) => (k === 'filesParsed' ? undefined : v));
console.log('edited', files.join(' '), 'equal to fresh:', strip(last) === strip(fresh), 'calls', fresh.calls.length, 'gaps', fresh.gaps.length);
