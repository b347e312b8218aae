/**
 * Architecture invariants, enforced: layering between core/server/client/cli, extractors doing no I/O,
 * every extractor registered with a fixture, and settings declared once.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allExtractors } from '../../src/core/extractors/registry';
import { DEFAULT_SETTINGS, flattenSettings } from '../../src/shared/settings';

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

const rel = (f: string) => relative(ROOT, f).split('\\').join('/');

describe('layering', () => {
  it('src/core imports neither vscode nor vscode-languageserver*, nor server/client/cli code', () => {
    const offenders = files(join(SRC, 'core')).flatMap((f) =>
      imports(f)
        .filter((i) => i === 'vscode' || i.startsWith('vscode-languageserver') || i.startsWith('vscode-languageclient') || /\.\.\/(server|client|cli)\b/.test(i))
        .map((i) => `${rel(f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only core/fs.ts and core/path.ts use node:fs / node:path in the core', () => {
    const allowed = new Set(['src/core/fs.ts', 'src/core/path.ts']);
    const offenders = files(join(SRC, 'core')).flatMap((f) =>
      allowed.has(rel(f)) ? [] : imports(f).filter((i) => /^(node:)?(fs|path|fs\/promises)$/.test(i)).map((i) => `${rel(f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('extractors do no file I/O and do not walk directories', () => {
    const offenders = files(join(SRC, 'core/extractors')).flatMap((f) =>
      imports(f).filter((i) => /^(node:)?(fs|path|child_process|fs\/promises)$|fast-glob|\/fs$/.test(i)).map((i) => `${rel(f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only src/client imports vscode; only src/server imports vscode-languageserver', () => {
    const offenders: string[] = [];
    for (const f of files(SRC)) {
      const r = rel(f);
      for (const i of imports(f)) {
        if ((i === 'vscode' || i.startsWith('vscode-languageclient')) && !r.startsWith('src/client/')) offenders.push(`${r} imports ${i}`);
        if (i.startsWith('vscode-languageserver') && i !== 'vscode-languageserver-protocol' && !r.startsWith('src/server/')) offenders.push(`${r} imports ${i}`);
        if (i === 'vscode-languageserver-protocol' && !r.startsWith('src/shared/') && !r.startsWith('src/server/')) offenders.push(`${r} imports ${i}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('src/cli and src/server reach the core only through its public API or its leaf modules', () => {
    const offenders = [...files(join(SRC, 'cli')), ...files(join(SRC, 'server'))].flatMap((f) =>
      imports(f)
        .filter((i) => /\/core\/(analyze|extractors|lang|resolve|link|rules)\b/.test(i))
        .map((i) => `${rel(f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only server/convert.ts builds LSP positions from core data', () => {
    const offenders = files(join(SRC, 'server')).filter((f) => rel(f) !== 'src/server/convert.ts' && /\.(line|column|endLine|endColumn) - 1\b/.test(readFileSync(f, 'utf8')));
    expect(offenders.map(rel)).toEqual([]);
  });
});

describe('extractor registry', () => {
  const dirs = ['backend', 'frontend'];
  const onDisk = dirs.flatMap((d) =>
    readdirSync(join(SRC, 'core/extractors', d))
      .filter((n) => n.endsWith('.ts') && !n.startsWith('_'))
      .map((n) => ({ kind: d, id: n.replace(/\.ts$/, '') })),
  );

  it('registers every extractor file', () => {
    const registered = new Set(allExtractors.map((e) => e.id));
    expect(onDisk.filter((f) => !registered.has(f.id)).map((f) => `${f.kind}/${f.id}.ts`)).toEqual([]);
  });

  it('ids are unique, kebab-case, equal to the file name, and in the right folder', () => {
    const ids = allExtractors.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of allExtractors) {
      expect(e.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(existsSync(join(SRC, 'core/extractors', e.kind, `${e.id}.ts`)), `${e.kind}/${e.id}.ts`).toBe(true);
    }
  });

  it('every extractor has a basic fixture with a golden', () => {
    const missing = allExtractors.filter((e) => !existsSync(join(ROOT, 'test/fixtures', e.id, 'basic', 'expected.txt'))).map((e) => `test/fixtures/${e.id}/basic/expected.txt`);
    expect(missing).toEqual([]);
  });

  it('every fixture folder belongs to a registered extractor (or is a cross-stack workspace)', () => {
    const ids = new Set(allExtractors.map((e) => e.id));
    const stray = readdirSync(join(ROOT, 'test/fixtures')).filter((n) => !n.startsWith('_') && !ids.has(n));
    expect(stray).toEqual([]);
  });
});

describe('settings declared once', () => {
  it('package.json contributes.configuration matches shared/settings.ts defaults', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } };
    const declared = Object.fromEntries(Object.entries(pkg.contributes.configuration.properties).map(([k, v]) => [k, v.default]));
    expect(declared).toEqual(flattenSettings(DEFAULT_SETTINGS));
  });
});
