/**
 * Edit runs over every fixture: after a full run, source files are edited one after another (a line
 * added at the top, which moves every declaration, and a URL-like string literal changed), each edit run
 * with `changed`, as the language server does. Each edit run must equal a fresh analysis of the same
 * contents: request outcomes are reused only when they read none of the edited files, so a reuse that
 * missed a dependency (an import chain, a remembered answer, a wrapper) shows up as a difference.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer, loadConfig, nodeFileSystem, withOverlays } from '../../src/core';
import { fixtureDirs, goldenFacts } from '../golden';

const MODULE_FILE = /\.(?:[cm]?[jt]sx?|py|rs|go)$/;
/** The first string literal with a slash followed by a letter: the letter gets a prefix. */
const URL_LIKE = /(['"`][^'"`\n]*?\/)([A-Za-z])/;
const EDITS_PER_FIXTURE = 3;

function sourceFiles(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p, root));
    else if (MODULE_FILE.test(name)) out.push(relative(root, p).split('\\').join('/'));
  }
  return out;
}

/** Up to `EDITS_PER_FIXTURE` files with a URL-like literal, spread over the list. */
function editable(dir: string): string[] {
  const files = sourceFiles(dir).filter((f) => URL_LIKE.test(readFileSync(join(dir, f), 'utf8')));
  if (files.length <= EDITS_PER_FIXTURE) return files;
  const step = files.length / EDITS_PER_FIXTURE;
  return Array.from({ length: EDITS_PER_FIXTURE }, (_, i) => files[Math.floor(i * step)]!);
}

const edit = (text: string) => `\n${text.replace(URL_LIKE, '$1zz$2')}`;

describe('edit runs equal fresh analyses, on every fixture', () => {
  for (const { name, dir } of fixtureDirs()) {
    const files = editable(dir);
    if (files.length === 0) continue;
    it(name, async () => {
      const base = nodeFileSystem(dir);
      const { config, file: configFile } = await loadConfig(base);
      const analyzer = new Analyzer();
      await analyzer.analyze({ root: dir, fs: base, config, configFile });
      const overlays = new Map<string, string>();
      for (const file of files) {
        overlays.set(file, edit(readFileSync(join(dir, file), 'utf8')));
        const fs = withOverlays(base, new Map(overlays));
        const after = await analyzer.analyze({ root: dir, fs, config, configFile, changed: [file] });
        const fresh = await new Analyzer().analyze({ root: dir, fs, config, configFile });
        expect(goldenFacts(after), `after editing ${file}`).toBe(goldenFacts(fresh));
        expect(after).toEqual(fresh);
      }
    });
  }
});
