/**
 * Architecture invariant for the CLI: it imports only the core's public API (`core/index.ts`), its own
 * modules and node built-ins; never `vscode*`, never core internals, never an npm package.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = resolve(__dirname, '../../src/cli');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('src/cli imports', () => {
  it('uses only ../core, its own modules and node built-ins', () => {
    const bad: string[] = [];
    for (const file of sources(CLI)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        const target = spec.startsWith('.') ? relative(CLI, resolve(file, '..', spec)).split('\\').join('/') : null;
        const ok = spec.startsWith('node:') || target === '../core' || (target !== null && !target.startsWith('..'));
        if (!ok) bad.push(`${relative(CLI, file)}: ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has camelCase module names', () => {
    for (const file of sources(CLI)) expect(relative(CLI, file)).toMatch(/^([a-z][a-zA-Z]*\/)*[a-z][a-zA-Z]*\.ts$/);
  });
});
