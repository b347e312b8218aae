/**
 * Architecture invariants, enforced: layering between core/server/client/cli, frameworks doing no I/O,
 * every framework, language pack and gap rule registered (one folder each), every indexed framework
 * with a fixture, settings declared once, and size limits on files and functions.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '@typescript-eslint/typescript-estree';
import { frameworks, indexedFrameworks } from '../../src/core/frameworks/registry';
import { languages } from '../../src/core/lang/registry';
import { rules } from '../../src/core/rules/registry';
import { SOURCE_EXTENSIONS } from '../../src/shared/documents';
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

  it('only core/fs.ts, core/fsCache.ts and core/path.ts use node:fs / node:path in the core', () => {
    const allowed = new Set(['src/core/fs.ts', 'src/core/fsCache.ts', 'src/core/path.ts']);
    const offenders = files(join(SRC, 'core')).flatMap((f) =>
      allowed.has(rel(f)) ? [] : imports(f).filter((i) => /^(node:)?(fs|path|fs\/promises)$/.test(i)).map((i) => `${rel(f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('frameworks and rules do no file I/O and do not walk directories', () => {
    const offenders = [...files(join(SRC, 'core/frameworks')), ...files(join(SRC, 'core/rules'))].flatMap((f) =>
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
        .filter((i) => /\/core\/(analyze|engine|frameworks|relations|lang|resolve|link|rules)\b/.test(i))
        .map((i) => `${rel(f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only server/convert.ts builds LSP positions from core data', () => {
    const offenders = files(join(SRC, 'server')).filter((f) => rel(f) !== 'src/server/convert.ts' && /\.(line|column|endLine|endColumn) - 1\b/.test(readFileSync(f, 'utf8')));
    expect(offenders.map(rel)).toEqual([]);
  });
});

/** `<dir>/<group>/<name>/index.ts` folders (or `<dir>/<name>/index.ts` when `grouped` is false). */
function pluginFolders(dir: string, grouped: boolean): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (n.startsWith('_') || !statSync(p).isDirectory()) continue;
      if (depth > 0) walk(p, depth - 1);
      else if (existsSync(join(p, 'index.ts'))) out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir, grouped ? 1 : 0);
  return out;
}

describe('framework registry', () => {
  const onDisk = pluginFolders(join(SRC, 'core/frameworks'), true);

  it('registers every framework folder, under its language, with its folder name as id', () => {
    const registered = frameworks.map((f) => `${f.language}/${f.id}`);
    expect(onDisk.filter((f) => !registered.includes(f))).toEqual([]);
    expect(registered.filter((f) => !onDisk.includes(f))).toEqual([]);
  });

  it('ids are unique and kebab-case', () => {
    const ids = frameworks.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('every indexed framework has a basic fixture with a golden', () => {
    const missing = indexedFrameworks.filter((f) => !existsSync(join(ROOT, 'test/fixtures', f.id, 'basic', 'expected.txt'))).map((f) => `test/fixtures/${f.id}/basic/expected.txt`);
    expect(missing).toEqual([]);
  });

  it('every fixture folder belongs to a registered framework (or is a cross-stack workspace)', () => {
    const ids = new Set(frameworks.map((f) => f.id));
    const stray = readdirSync(join(ROOT, 'test/fixtures')).filter((n) => !n.startsWith('_') && !ids.has(n));
    expect(stray).toEqual([]);
  });
});

describe('language and rule registries', () => {
  it('registers every language pack folder (lang/<id>/index.ts), with its folder name as id', () => {
    const onDisk = pluginFolders(join(SRC, 'core/lang'), false);
    expect(languages.map((l) => l.id).sort()).toEqual(onDisk.sort());
  });

  it("the client's document selector and file watcher cover exactly the packs' extensions", () => {
    const exts = languages.flatMap((l) => l.extensions.map((e) => e.slice(1))).sort();
    expect([...SOURCE_EXTENSIONS].sort()).toEqual(exts);
  });

  it('registers every gap rule folder (rules/<kind>/index.ts), with its folder name as kind', () => {
    const onDisk = pluginFolders(join(SRC, 'core/rules'), false);
    expect(rules.map((r) => r.meta.kind).sort()).toEqual(onDisk.sort());
  });

  it('the GapKind type lists exactly the registered rules', () => {
    const types = readFileSync(join(SRC, 'core/types.ts'), 'utf8');
    const union = /export type GapKind = ([^;]+);/.exec(types)![1]!;
    expect([...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]).sort()).toEqual(rules.map((r) => r.meta.kind).sort());
  });

  it('the config schema offers a severity for exactly the configurable rules, with their defaults', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/api-parity.config.schema.json'), 'utf8')) as { properties: { severity: { properties: Record<string, { default: string }> } } };
    const declared = Object.fromEntries(Object.entries(schema.properties.severity.properties).map(([k, v]) => [k, v.default]));
    expect(declared).toEqual(Object.fromEntries(rules.filter((r) => r.meta.configurable).map((r) => [r.meta.kind, r.meta.defaultSeverity])));
  });
});

describe('size limits', () => {
  const MAX_FILE_LINES = 400;
  const MAX_FUNCTION_LINES = 80;

  it(`no file under src/ is over ${MAX_FILE_LINES} lines`, () => {
    const long = files(SRC)
      .map((f) => ({ f: rel(f), n: readFileSync(f, 'utf8').split('\n').length }))
      .filter((x) => x.n > MAX_FILE_LINES)
      .map((x) => `${x.f}: ${x.n}`);
    expect(long).toEqual([]);
  });

  it(`no function under src/ is over ${MAX_FUNCTION_LINES} lines`, () => {
    const long: string[] = [];
    for (const f of files(SRC)) {
      const ast = parse(readFileSync(f, 'utf8'), { loc: true, jsx: false });
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        const n = node as { type?: string; loc?: { start: { line: number }; end: { line: number } }; id?: { name?: string } | null };
        if ((n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') && n.loc) {
          const lines = n.loc.end.line - n.loc.start.line + 1;
          if (lines > MAX_FUNCTION_LINES) long.push(`${rel(f)}:${n.loc.start.line} ${n.id?.name ?? '(anonymous)'}: ${lines} lines`);
        }
        for (const [k, v] of Object.entries(node)) {
          if (k === 'parent' || k === 'loc' || k === 'range') continue;
          if (Array.isArray(v)) v.forEach(visit);
          else if (v && typeof v === 'object') visit(v);
        }
      };
      visit(ast);
    }
    expect(long).toEqual([]);
  });
});

describe('settings declared once', () => {
  it('package.json contributes.configuration matches shared/settings.ts defaults', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } };
    const declared = Object.fromEntries(Object.entries(pkg.contributes.configuration.properties).map(([k, v]) => [k, v.default]));
    expect(declared).toEqual(flattenSettings(DEFAULT_SETTINGS));
  });
});
