/**
 * Architecture invariant for the CLI: it imports only the core's public API (`core/index.ts`), its own
 * modules and node built-ins; never `vscode*`, never core internals, never an npm package. The one
 * exception is the launcher (launch.ts, the executable): it runs before the bundle is loaded, so it may
 * import only node built-ins and core leaf modules that themselves import nothing else.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = resolve(__dirname, '../../src/cli');
const LAUNCHER = join(CLI, 'launch.ts');

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('src/cli imports', () => {
  it('uses only ../core, its own modules and node built-ins', () => {
    const bad: string[] = [];
    for (const file of sources(CLI)) {
      if (file === LAUNCHER) continue;
      for (const spec of importsOf(file)) {
        const target = spec.startsWith('.') ? relative(CLI, resolve(file, '..', spec)).split('\\').join('/') : null;
        const ok = spec.startsWith('node:') || target === '../core' || (target !== null && !target.startsWith('..'));
        if (!ok) bad.push(`${relative(CLI, file)}: ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the launcher loads only node built-ins, its code cache and core leaf modules (transitively)', () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of importsOf(file)) {
        if (spec.startsWith('node:')) continue;
        const target = resolve(file, '..', `${spec}.ts`);
        const ok = spec.startsWith('.') && existsSync(target) && (file === LAUNCHER ? target === join(CLI, 'codeCache.ts') || /\/src\/core\/[a-zA-Z]+\.ts$/.test(target) : dirname(target) === dirname(file));
        if (ok) visit(target);
        else bad.push(`${relative(CLI, file)}: ${spec}`);
      }
    };
    visit(LAUNCHER);
    expect(bad).toEqual([]);
    expect(seen.size).toBeGreaterThan(1);
  });

  it('has camelCase module names', () => {
    for (const file of sources(CLI)) expect(relative(CLI, file)).toMatch(/^([a-z][a-zA-Z]*\/)*[a-z][a-zA-Z]*\.ts$/);
  });
});
