/**
 * Fuzz and pathology suite, with fixed seeds and small budgets in `npm test`; set
 * API_PARITY_FUZZ_ITERATIONS (e.g. 2000) for a long run, which prints what it tried. Each case asserts: no
 * crash, no hang past its budget, a result that is plain data with sane locations, and the skipped
 * record it should produce; nothing is listed from outside the workspace.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeWorkspace, nodeFileSystem, type AnalysisResult } from '../../src/core';
import { FIXTURES } from '../golden';
import { memoryFs } from '../memoryFs';

const ITERATIONS = Number(process.env.API_PARITY_FUZZ_ITERATIONS) || 80;
const CASE_BUDGET_MS = 20_000;

/** mulberry32: a small seeded PRNG, so every run tries the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = ['{', '}', '(', ')', '[', ']', "'", '"', '`', '${', '/', '\\', '<', '>', '@', ':', '*', '?', '\n', '\u0000', '\u2028', '\u001b[2J', '..', '%2e', 'fetch(', 'axios.get(', '@app.get(', 'router.use(', 'export * from "./x"', 'import x from "./y"', '/*', '*/', '#', 'f"{', '"""'];

function mutate(text: string, rnd: () => number): string {
  const at = () => Math.floor(rnd() * (text.length + 1));
  switch (Math.floor(rnd() * 7)) {
    case 0: {
      const a = at();
      return text.slice(0, a) + text.slice(a + Math.floor(rnd() * 200));
    }
    case 1: {
      const a = at();
      const b = Math.min(text.length, a + Math.floor(rnd() * 400));
      return text.slice(0, b) + text.slice(a, b) + text.slice(b);
    }
    case 2: {
      const a = at();
      return text.slice(0, a) + HOSTILE[Math.floor(rnd() * HOSTILE.length)]! + text.slice(a);
    }
    case 3:
      return text.slice(0, at());
    case 4: {
      const a = at();
      const depth = 50 + Math.floor(rnd() * 400);
      return text.slice(0, a) + '('.repeat(depth) + '1' + ')'.repeat(rnd() < 0.5 ? depth : 0) + text.slice(a);
    }
    case 5: {
      const a = at();
      return text.slice(a) + text.slice(0, a);
    }
    default: {
      const a = at();
      return text.slice(0, a) + Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => String.fromCharCode(Math.floor(rnd() * 0x3000))).join('') + text.slice(a);
    }
  }
}

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n !== 'expected.txt' && statSync(p).size < 200_000) out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}


/** The invariants every result keeps, whatever the input. */
function checkResult(result: AnalysisResult, files: ReadonlySet<string>): void {
  JSON.parse(JSON.stringify(result));
  for (const x of [...result.endpoints, ...result.calls, ...result.gaps]) {
    expect(files.has(x.file), x.file).toBe(true);
    expect(x.line).toBeGreaterThanOrEqual(1);
    expect(x.column).toBeGreaterThanOrEqual(1);
  }
  for (const s of result.skipped) expect(s.reason.length).toBeGreaterThan(0);
}

const fixtureDirs = readdirSync(FIXTURES)
  .filter((g) => !g.startsWith('_template'))
  .flatMap((g) => readdirSync(join(FIXTURES, g)).map((s) => join(FIXTURES, g, s)))
  .filter((d) => statSync(d).isDirectory());

describe('mutation fuzzing over the fixtures', () => {
  it(`${ITERATIONS} mutated workspaces: no crash, no hang, sane results`, async () => {
    const rnd = prng(20261201);
    let slowest = 0;
    let peakRss = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const files = filesOf(fixtureDirs[Math.floor(rnd() * fixtureDirs.length)]!);
      const names = Object.keys(files).filter((n) => /\.(py|ts|tsx|js|jsx|vue|html|json|rs)$/.test(n));
      for (let m = 0; m < 1 + Math.floor(rnd() * 4); m++) {
        const name = names[Math.floor(rnd() * names.length)]!;
        files[name] = mutate(files[name]!, rnd);
      }
      const started = Date.now();
      const result = await analyzeWorkspace({ root: '/ws', fs: memoryFs(files) });
      const ms = Date.now() - started;
      slowest = Math.max(slowest, ms);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      expect(ms, `case ${i}`).toBeLessThan(CASE_BUDGET_MS);
      checkResult(result, new Set(Object.keys(files)));
    }
    if (process.env.API_PARITY_FUZZ_ITERATIONS) console.log(`fuzz: ${ITERATIONS} inputs, 0 crashes, 0 hangs, slowest ${slowest} ms, peak RSS ${Math.round(peakRss / 1e6)} MB`);
    expect(peakRss).toBeLessThan(3e9);
  }, 600_000);
});

describe('pathological trees', () => {
  const root = mkdtempSync(join(tmpdir(), 'api-parity-patho-'));
  const outside = mkdtempSync(join(tmpdir(), 'api-parity-outside-'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('deep folders, hostile names, huge, minified, binary and UTF-16 files, symlink loops and escapes', async () => {
    const put = (rel: string, data: string | Buffer) => {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), data);
    };
    put('api/requirements.txt', 'fastapi\n');
    put('api/main.py', 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/items")\ndef items(): ...\n');
    put('web/package.json', '{"name":"web"}');
    put(`web/${Array.from({ length: 60 }, (_, i) => `d${i}`).join('/')}/deep.ts`, "export const a = () => fetch('http://localhost:8000/items');\n");
    for (const name of ['new\nline.ts', 'esc\u001b[2J.ts', 'spa ce.ts', 'ünï©ødé.ts', "quote'\"`.ts", '-dash.ts']) put(`web/names/${name}`, "fetch('http://localhost:8000/items');\n");
    put('web/huge.ts', `export const x = ${JSON.stringify('y'.repeat(2_000_000))};\n`);
    put('web/bundle.js', Array.from({ length: 4 }, () => 'a=b(1,{c:2});'.repeat(4000)).join('\n'));
    put('web/binary.ts', Buffer.from([0x66, 0x00, 0x01, 0x02, 0xff]));
    put('web/utf16.ts', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("fetch('http://localhost:8000/items');\n", 'utf16le')]));
    for (let i = 0; i < 2000; i++) put(`web/empty/e${i}.ts`, '');
    writeFileSync(join(outside, 'secret.ts'), "fetch('http://localhost:8000/secret');\n");
    symlinkSync(outside, join(root, 'web', 'out-link'));
    symlinkSync(join(root, 'web'), join(root, 'web', 'loop'));
    const result = await analyzeWorkspace({ root, fs: nodeFileSystem(root) });
    const files = new Set(await nodeFileSystem(root).list({ include: ['**/*'], exclude: [], respectGitignore: true }));
    checkResult(result, files);
    expect([...files].some((f) => f.includes('out-link') || f.includes('loop/'))).toBe(false);
    const skipped = Object.fromEntries(result.skipped.map((s) => [s.file, s.reason]));
    expect(skipped['web/huge.ts']).toMatch(/size cap/);
    expect(skipped['web/bundle.js']).toMatch(/minified/);
    expect(skipped['web/binary.ts']).toMatch(/binary/);
    const callers = result.calls.filter((c) => c.status === 'matched').map((c) => c.file);
    expect(callers).toContain('web/utf16.ts');
    expect(callers.filter((f) => f.startsWith('web/names/'))).toHaveLength(6);
    expect(callers.some((f) => f.endsWith('/deep.ts'))).toBe(true);
  }, 120_000);
});
