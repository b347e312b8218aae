/** Limits that must not lose data: what counts as minified, and what a skipped file says. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryFs } from '../memoryFs';
import { looksMinified } from '../../src/core/lang/js';
import { analyzeWorkspace, nodeFileSystem, withOverlays } from '../../src/core';


describe('minified files', () => {
  const dataUri = `export const logo = "data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg'.repeat(700)}";`;
  const normal = Array.from({ length: 40 }, (_, i) => `export const v${i} = ${i};`).join('\n');

  it('a normal file with one long data-URI line is source, and its calls are found', async () => {
    const text = `${dataUri}\n${normal}\nexport const load = () => fetch('http://localhost:8000/items');\n`;
    expect(text.length).toBeGreaterThan(60_000);
    expect(looksMinified(text)).toBe(false);
    const fs = memoryFs({ 'web/logo.ts': text, 'web/package.json': '{"name":"web"}', 'api/requirements.txt': 'fastapi\n', 'api/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/items")\ndef items(): ...\n' });
    const result = await analyzeWorkspace({ root: '/ws', fs: withOverlays(fs, new Map()) });
    expect(result.skipped).toEqual([]);
    expect(result.calls.map((c) => `${c.file}:${c.line} ${c.status}`)).toEqual([`web/logo.ts:${text.split('\n').findIndex((l) => l.includes('fetch(')) + 1} matched`]);
  });

  it('a bundle on a few long lines is minified, license header or not', () => {
    const bundle = Array.from({ length: 3 }, () => Array.from({ length: 2000 }, (_, i) => `a${i}=b(${i},{c:${i}});`).join('')).join('\n');
    expect(looksMinified(bundle)).toBe(true);
    expect(looksMinified(`/*! license: MIT\n * (c) someone\n */\n${bundle}`)).toBe(true);
  });

  it('short files are never minified', () => {
    expect(looksMinified('a=1;'.repeat(4000))).toBe(false);
  });
});

describe('.gitignore files', () => {
  it('each file is checked against the .gitignore files of its own folders only, with their semantics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-parity-gitignore-'));
    try {
      const files: Record<string, string> = {
        '.gitignore': '*.gen.ts\n',
        'a/.gitignore': 'secret/\n',
        'a/keep.ts': '',
        'a/x.gen.ts': '',
        'a/secret/s.ts': '',
        'b/secret/s.ts': '',
        'b/.gitignore': '!*.gen.ts\n',
        'b/y.gen.ts': '',
      };
      // Many sibling folders with their own .gitignore: none of them applies to a/ or b/.
      for (let i = 0; i < 300; i++) files[`many/d${i}/.gitignore`] = '*.ts\n';
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(join(dir, rel, '..'), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
      const listed = await nodeFileSystem(dir).list({ include: ['**/*.ts'], exclude: [], respectGitignore: true });
      expect(listed).toEqual(['a/keep.ts', 'b/secret/s.ts', 'b/y.gen.ts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('many missing calls', () => {
  it('2,000 routes and 2,000 missing calls: closest routes for each, at a bounded cost', async () => {
    const routes = Array.from({ length: 2000 }, (_, i) => `@app.get("/api/r${i}/items")\ndef r${i}(): ...\n`).join('\n');
    const calls = Array.from({ length: 2000 }, (_, i) => `export const c${i} = () => fetch('http://localhost:8000/api/r${i}/missing');`).join('\n');
    const fs = memoryFs({ 'api/requirements.txt': 'fastapi\n', 'api/main.py': `from fastapi import FastAPI\napp = FastAPI()\n${routes}`, 'web/package.json': '{"name":"web"}', 'web/calls.ts': calls });
    const result = await analyzeWorkspace({ root: '/ws', fs });
    expect(result.summary.missing).toBe(2000);
    const gap = result.gaps.find((g) => g.kind === 'missing-endpoint' && g.path === '/api/r7/missing')!;
    expect(gap.message).toContain('Closest: GET /api/r7/items');
  }, 120_000);
});
