/**
 * Golden fixture helpers: run the analyzer over a fixture workspace and turn the result into stable
 * JSON (root-relative, no absolute paths, fixed key order). Re-bless with `npm run test:update`.
 */
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeWorkspace, loadConfig, nodeFileSystem, parseConfig, type AnalysisResult } from '../src/core';

export const FIXTURES = resolve(__dirname, 'fixtures');

export async function analyzeFixture(dir: string): Promise<AnalysisResult> {
  const fs = nodeFileSystem(dir);
  const { config, file } = await loadConfig(fs);
  return analyzeWorkspace({ root: dir, fs, config, configFile: file });
}

/** The result as committed in `expected.json`: the CLI's JSON contract with `root` blanked. */
export function goldenJson(result: AnalysisResult): string {
  return JSON.stringify({ ...result, root: '.' }, null, 2) + '\n';
}

/** Every `test/fixtures/<extractor>/<scenario>/` and `test/fixtures/_workspaces/<name>/`. */
export function fixtureDirs(): Array<{ name: string; dir: string }> {
  const out: Array<{ name: string; dir: string }> = [];
  for (const group of readdirSync(FIXTURES).sort()) {
    if (group === '_template' || group === '_pending') continue;
    const g = join(FIXTURES, group);
    if (!statSync(g).isDirectory()) continue;
    for (const scenario of readdirSync(g).sort()) {
      const dir = join(g, scenario);
      if (statSync(dir).isDirectory()) out.push({ name: `${group}/${scenario}`, dir });
    }
  }
  return out;
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export { existsSync, parseConfig };
