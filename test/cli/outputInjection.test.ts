/**
 * Output injection: file names, route paths and URLs come from the workspace. A file named with an
 * escape sequence must not reach the terminal raw, and a backtick in a URL must not break out of a
 * Markdown code span into an image or a link.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratch } from './helpers';

const ESC = '\u001b';
let ws: { dir: string; dispose: () => void };
const evilFile = `esc${ESC}[2J.ts`;

beforeAll(() => {
  ws = scratch();
  mkdirSync(join(ws.dir, 'api'));
  writeFileSync(join(ws.dir, 'api', 'requirements.txt'), 'fastapi\n');
  writeFileSync(join(ws.dir, 'api', 'main.py'), 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/items")\ndef items(): ...\n');
  mkdirSync(join(ws.dir, 'web'));
  writeFileSync(join(ws.dir, 'web', 'package.json'), '{ "name": "web" }');
  writeFileSync(join(ws.dir, 'web', evilFile), "fetch('http://localhost:8000/x`![x](https://evil.example/p.png)`/y');\nfetch('http://localhost:8000/a\\r\\nb');\n");
});

afterAll(() => ws.dispose());

describe('output injection', () => {
  it('text output escapes control characters in file names and messages', async () => {
    const r = await runCli(['check', ws.dir, '--no-color', '--verbose', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('esc\\x1b[2J.ts');
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).not.toMatch(/\r/);
  });

  it('markdown keeps a backtick in a URL inside its code span: no image, no link', async () => {
    const r = await runCli(['check', ws.dir, '--format', 'markdown', '--fail-on', 'never']);
    expect(r.stdout).not.toContain(ESC);
    // Outside code spans there is no image syntax: strip every code span (any fence length) and look.
    const withoutCode = r.stdout.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
    expect(withoutCode).not.toMatch(/!\[[^\]]*\]\(/);
    expect(r.stdout).toContain('``');
  });
});
