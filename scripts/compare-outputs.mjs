#!/usr/bin/env node
// Proves that a change kept results identical: runs a built CLI (`dist/cli.js`) with `--format json` over
// every fixture workspace and any folders given, and compares the outputs with those of another build.
// `summary.filesParsed` is the one field allowed to differ (it is printed side by side instead); the
// JSON output has no timings.
//
//   node scripts/compare-outputs.mjs snapshot <cli.js> <out-dir> [folder …]   write one JSON per folder
//   node scripts/compare-outputs.mjs diff <dir-a> <dir-b>                     compare two snapshots
//
// Example: build main into /tmp/base-dist, snapshot it and this tree's dist/, then diff the two folders.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const [cmd, ...args] = process.argv.slice(2);
const FIXTURES = resolve('test/fixtures');

function fixtureDirs() {
  const out = [];
  for (const group of readdirSync(FIXTURES).sort()) {
    if (group === '_template' || group === '_pending' || !statSync(join(FIXTURES, group)).isDirectory()) continue;
    for (const s of readdirSync(join(FIXTURES, group)).sort()) if (statSync(join(FIXTURES, group, s)).isDirectory()) out.push(join(FIXTURES, group, s));
  }
  return out;
}

const nameOf = (dir) => (dir.startsWith(FIXTURES) ? `fixture-${dir.slice(FIXTURES.length + 1).replace(/\//g, '-')}` : basename(dir));

function snapshot(cli, outDir, extra) {
  mkdirSync(outDir, { recursive: true });
  for (const dir of [...fixtureDirs(), ...extra.map((d) => resolve(d))]) {
    const t0 = Date.now();
    const out = execFileSync(process.execPath, [cli, 'check', dir, '--format', 'json', '--fail-on', 'never', ...(process.env.COMPARE_FLAGS ?? '').split(' ').filter(Boolean)], { maxBuffer: 1 << 30, encoding: 'utf8' });
    writeFileSync(join(outDir, `${nameOf(dir)}.json`), out);
    console.log(`${nameOf(dir)}: ${Date.now() - t0} ms`);
  }
}

function load(file) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const parsed = json.summary.filesParsed;
  delete json.summary.filesParsed;
  return { text: JSON.stringify(json, null, 2), parsed };
}

function diff(a, b) {
  const names = [...new Set([...readdirSync(a), ...readdirSync(b)])].filter((n) => n.endsWith('.json')).sort();
  let bad = 0;
  for (const n of names) {
    let x, y;
    try {
      x = load(join(a, n));
      y = load(join(b, n));
    } catch (err) {
      console.log(`${n}: MISSING (${err.message})`);
      bad++;
      continue;
    }
    const same = x.text === y.text;
    if (!same) bad++;
    console.log(`${same ? 'same     ' : 'DIFFERENT'} ${n.replace(/\.json$/, '')}  filesParsed ${x.parsed} → ${y.parsed}  (${x.text.length} chars)`);
    if (!same) {
      const xl = x.text.split('\n');
      const yl = y.text.split('\n');
      const i = xl.findIndex((l, k) => l !== yl[k]);
      console.log(`  first difference at line ${i + 1}:\n  - ${xl[i]}\n  + ${yl[i]}`);
    }
  }
  console.log(bad ? `${bad} of ${names.length} outputs differ` : `all ${names.length} outputs identical (apart from filesParsed)`);
  process.exitCode = bad ? 1 : 0;
}

if (cmd === 'snapshot' && args.length >= 2) snapshot(resolve(args[0]), resolve(args[1]), args.slice(2));
else if (cmd === 'diff' && args.length === 2) diff(resolve(args[0]), resolve(args[1]));
else {
  console.error('usage: compare-outputs.mjs snapshot <cli.js> <out-dir> [folder …] | diff <dir-a> <dir-b>');
  process.exitCode = 2;
}
