/**
 * config.ts reads the rules registry while it loads (DEFAULT_CONFIG's severities), so nothing the registry
 * reaches may import config.ts at run time: in a bundle that loads the rules first, that cycle leaves
 * DEFAULT_CONFIG half built and the extension failed to activate ("Cannot read properties of undefined").
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(__dirname, '../../src/core');

function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)([^;]*?)\bfrom\s+'(\.[^']+)'/gms)) {
    // `import { type A, type B } from` brings nothing at run time.
    const [, names = '', spec = ''] = m;
    if (/^\{[^}]*\}\s*$/.test(names.trim()) && names.replace(/[{}\s]/g, '').split(',').filter(Boolean).every((n) => n.startsWith('type'))) continue;
    const base = resolve(dirname(file), spec);
    const hit = [`${base}.ts`, join(base, 'index.ts')].find((c) => existsSync(c));
    if (hit) out.push(hit);
  }
  return out;
}

describe('import cycles through config.ts', () => {
  it('no module the rules registry reaches imports config.ts at run time', () => {
    const start = join(src, 'rules', 'registry.ts');
    const target = join(src, 'config.ts');
    const prev = new Map<string, string | null>([[start, null]]);
    const queue = [start];
    let found: string | null = null;
    while (queue.length && !found) {
      const file = queue.shift()!;
      for (const dep of runtimeImports(file)) {
        if (prev.has(dep)) continue;
        prev.set(dep, file);
        if (dep === target) {
          found = dep;
          break;
        }
        queue.push(dep);
      }
    }
    const chain: string[] = [];
    for (let f = found; f; f = prev.get(f) ?? null) chain.unshift(relative(src, f));
    expect(chain).toEqual([]);
  });
});
