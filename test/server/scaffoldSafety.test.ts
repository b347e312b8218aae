/**
 * Quick fixes in a hostile workspace: route paths, prefixes and symlinks chosen so that a careless scaffold
 * would write outside the workspace, into another project's file, or generate code that runs a command.
 * Every such fix must be withheld (with a log line), and safe routes with unusual but legal characters
 * must produce code that says exactly their path.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, CreateFile, TextDocumentEdit } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { ignoreEndpointRequest, type ApplyFixArgs } from '../../src/shared/protocol';
import { startServer, type TestClient } from './lspClient';

const MAIN = 'api/main.py';
const ROUTES: Record<string, string> = {
  traversal: '/api/../../../../../../../../../outside/evil',
  injection: "/x`);require('child_process').execSync('touch pwned');(`",
  encoded: '/api/%2e%2e/enc',
  encodedSlash: '/api/a%2f..%2fb',
  backslash: '/api/a\\..\\b',
  linkedOut: '/api/linked/thing',
  linkedFile: '/api/other',
  fine: '/api/fine/{item_id}',
  legal: "/api/o'k/$x/{item_id}",
  existing: '/api/existing',
  // Two routes the frontend calls, so the backend's calls are recognised and unused hints are given.
  calledA: '/api/called-a',
  calledB: '/api/called-b',
};

let base: string;
let root: string;
let outside: string;
let client: TestClient;

const text0 = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : (d.message as { value: string }).value);

async function actionsFor(path: string): Promise<CodeAction[]> {
  const uri = client.uri(MAIN);
  const diag = await client.until(() => client.diagnostics.get(uri)?.find((d) => text0(d).includes(` ${path} `)), `the unused hint on ${path}`);
  return (await client.rpc.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'api-parity-hostile-'));
  root = join(base, 'ws');
  outside = join(base, 'outside');
  mkdirSync(join(outside, 'other'), { recursive: true });
  writeFileSync(join(outside, 'other', 'route.ts'), '// another project\n');
  const py = Object.entries(ROUTES).map(([name, path]) => `@app.${name === 'injection' ? 'patch' : name === 'existing' ? 'post' : 'get'}(${JSON.stringify(path)})\ndef ${name}(): ...\n`);
  const files: Record<string, string> = {
    [MAIN]: `from fastapi import FastAPI\napp = FastAPI()\n\n${py.join('\n')}`,
    'api/requirements.txt': 'fastapi\n',
    'web/package.json': JSON.stringify({ name: 'web', dependencies: { next: '15.0.0' } }),
    'web/tsconfig.json': '{}',
    'web/app/page.tsx': 'export default function Page() { return null; }\n',
    'web/lib/calls.ts': "export const a = () => fetch('http://localhost:8000/api/called-a');\nexport const b = () => fetch('http://localhost:8000/api/called-b');\n",
    // A hand-written route file: no forwardHeaders helper, no NextRequest import.
    'web/app/api/existing/route.ts': "export async function GET() {\n  return new Response('hello');\n}\n",
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  mkdirSync(join(root, 'web/app/api'), { recursive: true });
  symlinkSync(outside, join(root, 'web/app/api/linked'));
  symlinkSync(join(outside, 'other'), join(root, 'web/app/api/other'));
  writeFileSync(join(outside, 'api-parity.config.json'), '{}\n');
  symlinkSync(join(outside, 'api-parity.config.json'), join(root, 'api-parity.config.json'));
  client = await startServer(root);
}, 60_000);

afterAll(async () => {
  await client?.close();
  rmSync(base, { recursive: true, force: true });
});

describe('quick fixes in a hostile workspace', () => {
  for (const name of ['traversal', 'injection', 'encoded', 'encodedSlash', 'backslash', 'linkedOut', 'linkedFile']) {
    it(`withholds the proxy scaffold for the ${name} route, and keeps the ignore fix`, async () => {
      const titles = (await actionsFor(ROUTES[name]!)).map((a) => a.title);
      // A server action is written under app/actions/, away from the symlinked api/ folders: it may stay for those.
      expect(titles.filter((t) => /scaffold|proxy route/i.test(t) && !(name.startsWith('linked') && /^Scaffold a server action \w+ \(web\/app\/actions\/\w+\.ts\)$/.test(t)))).toEqual([]);
      expect(titles.some((t) => t.startsWith('Ignore '))).toBe(true);
    });
  }

  it('leaves the file behind a symlinked folder untouched and writes nothing outside', () => {
    expect(readFileSync(join(outside, 'other', 'route.ts'), 'utf8')).toBe('// another project\n');
    expect(existsSync(join(base, 'outside', 'evil'))).toBe(false);
  });

  it('scaffolds a safe route inside the app, and escapes legal URL characters in the generated code', async () => {
    for (const [path, folder] of [
      [ROUTES.fine!, 'web/app/api/fine/[itemId]/route.ts'],
      [ROUTES.legal!, "web/app/api/o'k/$x/[itemId]/route.ts"],
    ] as const) {
      const scaffold = (await actionsFor(path)).find((a) => a.title.startsWith('Scaffold proxy route'));
      expect(scaffold, path).toBeDefined();
      const { edit } = scaffold!.command!.arguments![0] as ApplyFixArgs;
      const [create, write] = edit.documentChanges! as [CreateFile, TextDocumentEdit];
      expect(URI.parse(create.uri).fsPath).toBe(join(root, folder));
      // A new file: previewed before it is written (the create and its text need confirmation).
      expect(edit.changeAnnotations?.['apiParity.preview']?.needsConfirmation).toBe(true);
      expect([create.annotationId, (write.edits[0] as { annotationId?: string }).annotationId]).toEqual(['apiParity.preview', 'apiParity.preview']);
      const text = (write.edits[0] as { newText: string }).newText;
      const ast = parse(text, { loc: true });
      // The fetch URL's static text, cooked: the base, exactly the backend path, the query string.
      const src = JSON.stringify(ast);
      expect(src).not.toContain('child_process');
      const cooked = [...text.matchAll(/fetch\(`(.*)`/g)].map((m) => m[1]);
      expect(cooked).toHaveLength(1);
      const literal = (0, eval)(`(x => \`${cooked[0]!.replace(/\$\{[^}]*\}/g, '{}')}\`)`)() as string;
      expect(literal).toBe(`{}${path.replace('{item_id}', '{}')}{}`);
    }
  });

  it('adds a method to a hand-written route file with everything the handler uses', async () => {
    const add = (await actionsFor(ROUTES.existing!)).find((a) => a.title.startsWith('Add POST to the proxy route'));
    expect(add).toBeDefined();
    const { edit } = add!.command!.arguments![0] as ApplyFixArgs;
    const [write] = edit.documentChanges! as [TextDocumentEdit];
    const file = join(root, 'web/app/api/existing/route.ts');
    expect(URI.parse(write.textDocument.uri).fsPath).toBe(file);
    // Another file than the route's: previewed before it is written.
    expect(edit.changeAnnotations?.['apiParity.preview']?.needsConfirmation).toBe(true);
    expect(write.edits.every((e) => (e as { annotationId?: string }).annotationId === 'apiParity.preview')).toBe(true);
    // Apply the edits (from the end) the way the editor would.
    let text = readFileSync(file, 'utf8');
    const offset = (p: { line: number; character: number }) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    for (const e of [...write.edits].sort((a, b) => b.range.start.line - a.range.start.line)) {
      text = text.slice(0, offset(e.range.start)) + (e as { newText: string }).newText + text.slice(offset(e.range.end));
    }
    parse(text, { loc: true });
    expect(text).toContain("import type { NextRequest } from 'next/server';");
    expect(text).toMatch(/function forwardHeaders\(request: NextRequest\)/);
    expect(text).toMatch(/export async function POST\(request: NextRequest\)/);
    expect(text).toContain("export async function GET() {\n  return new Response('hello');\n}");
    expect(text).toMatch(/const BACKEND_URL = process\.env\.API_BASE_URL \?\? 'http:\/\/localhost:8000';/);
  });

  it('refuses to write an ignore rule through a symlinked config file', async () => {
    await expect(
      client.rpc.sendRequest(ignoreEndpointRequest.method, { folderUri: URI.file(root).toString(), method: 'GET', path: '/api/fine/{}', reason: 'test' }),
    ).rejects.toThrow(/will not edit api-parity\.config\.json: .*symbolic link/);
    expect(readFileSync(join(outside, 'api-parity.config.json'), 'utf8')).toBe('{}\n');
  });
});
