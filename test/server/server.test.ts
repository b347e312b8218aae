/**
 * The language server in-process, over a real JSON-RPC connection, on a copy of examples/fullstack:
 * diagnostics, lenses, hovers, navigation, quick fixes (and what happens after applying them), edits of
 * open documents, configuration errors.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CodeLens, Hover, LocationLink, Location, WorkspaceEdit, TextDocumentEdit, CreateFile } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { gapsRequest, ignoreEndpointRequest, type ApplyFixArgs, type GapsResult } from '../../src/shared/protocol';
import { startServer, type TestClient } from './lspClient';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
let root: string;
let client: TestClient;

const AVATAR = 'frontend/src/components/UserAvatar.tsx';
const ITEMS = 'backend/app/api/routes/items.py';
const API = 'frontend/src/lib/api.ts';

/** A diagnostic's message as text (LSP 3.18 also allows markup). */
const text0 = (d: { message: string | { value: string } }) => (typeof d.message === 'string' ? d.message : d.message.value);
const read = (rel: string) => readFileSync(join(root, rel), 'utf8');
const lineOf = (rel: string, needle: string) => read(rel).split('\n').findIndex((l) => l.includes(needle));

/** Apply a WorkspaceEdit to the temp workspace the way the editor would (never overwriting). */
function applyEdit(edit: WorkspaceEdit): string[] {
  const touched: string[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      const c = change as CreateFile;
      const path = URI.parse(c.uri).fsPath;
      if (existsSync(path) && c.options?.ignoreIfExists) continue;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, '');
      continue;
    }
    const e = change as TextDocumentEdit;
    const path = URI.parse(e.textDocument.uri).fsPath;
    let lines = readFileSync(path, 'utf8').split('\n');
    // Apply from the end so earlier positions stay valid.
    const edits = [...e.edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    for (const te of edits) {
      const text = lines.join('\n');
      const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      const next = text.slice(0, offset(te.range.start)) + (te as { newText: string }).newText + text.slice(offset(te.range.end));
      lines = next.split('\n');
    }
    writeFileSync(path, lines.join('\n'));
    touched.push(path);
  }
  return touched;
}

async function lenses(rel: string): Promise<string[]> {
  const ls = (await client.rpc.sendRequest('textDocument/codeLens', { textDocument: { uri: client.uri(rel) } })) as CodeLens[];
  return ls.map((l) => `${l.range.start.line + 1}: ${l.command?.title}`);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'api-parity-server-'));
  cpSync(EXAMPLE, root, { recursive: true });
  client = await startServer(root);
  await client.until(() => client.diagnostics.get(client.uri(AVATAR))?.length, 'diagnostics on UserAvatar.tsx');
}, 60_000);

afterAll(async () => {
  await client?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('language server', () => {
  it('publishes a missing-endpoint warning that names the closest routes', () => {
    const d = client.diagnostics.get(client.uri(AVATAR))!;
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe(2);
    expect(d[0]!.code).toBe('missing-endpoint');
    expect(text0(d[0]!)).toMatch(/^No route for GET \/api\/v1\/users\/\{\}\/avatar in service `backend`\. Closest: GET, PATCH \/api\/v1\/users\/\{user_id\}/);
    expect(d[0]!.relatedInformation?.map((r) => r.location.uri.split('/').pop())).toContain('users.py');
    expect(d[0]!.range.start.line).toBe(lineOf(AVATAR, '/avatar'));
  });

  it('marks the unused route as an unnecessary hint on its decorator line', () => {
    const d = client.diagnostics.get(client.uri(ITEMS))!;
    expect(d.map((x) => [x.code, x.severity, x.tags, x.range.start.line])).toEqual([['unused-endpoint', 4, [1], lineOf(ITEMS, '@router.delete')]]);
  });

  it('reports status with coverage', () => {
    const last = client.statuses[client.statuses.length - 1]!;
    expect(last.text).toBe('10/11 endpoints used · 1 missing · 1 method mismatch');
  });

  it('shows lenses over routes and calls', async () => {
    const items = await lenses(ITEMS);
    expect(items).toContain(`${lineOf(ITEMS, '@router.delete') + 1}: no callers in this workspace`);
    expect(items.some((l) => /^\d+: 1 caller$/.test(l))).toBe(true);
    const api = await lenses(API);
    expect(api.some((l) => l.includes('→ GET /api/v1/users · backend/app/api/routes/users.py:'))).toBe(true);
    expect(await lenses(AVATAR)).toEqual([`${lineOf(AVATAR, '/avatar') + 1}: no matching route`]);
  });

  it('hovers a call with its target and how the URL was built, and jumps to the handler', async () => {
    const line = lineOf(API, "'/users/'");
    const col = read(API).split('\n')[line]!.indexOf("'/users/'") + 2;
    const h = (await client.rpc.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(API) }, position: { line, character: col } })) as Hover;
    const text = (h.contents as { value: string }).value;
    expect(text).toContain('→ `GET /api/v1/users`');
    expect(text).toContain('Built through: `apiFetch` → `env NEXT_PUBLIC_API_URL`');
    const def = (await client.rpc.sendRequest('textDocument/definition', { textDocument: { uri: client.uri(API) }, position: { line, character: col } })) as LocationLink[];
    expect(def[0]!.targetUri.endsWith('backend/app/api/routes/users.py')).toBe(true);
  });

  it('finds routes as workspace symbols (Ctrl+T)', async () => {
    const symbols = (await client.rpc.sendRequest('workspace/symbol', { query: 'GET users' })) as Array<{ name: string; containerName: string; location: Location }>;
    expect(symbols[0]).toMatchObject({ name: 'GET /api/v1/users', containerName: 'list_users · backend' });
    expect(symbols[0]!.location.uri.endsWith('backend/app/api/routes/users.py')).toBe(true);
  });

  it('lists a route’s callers as references', async () => {
    const line = lineOf('backend/app/api/routes/users.py', '@router.get("/{user_id}"');
    const refs = (await client.rpc.sendRequest('textDocument/references', { textDocument: { uri: client.uri('backend/app/api/routes/users.py') }, position: { line, character: 2 }, context: { includeDeclaration: false } })) as Location[];
    expect(refs.map((r) => r.uri.split('/').pop())).toContain('api.ts');
  });

  it('serves the gap tree', async () => {
    const g = (await client.rpc.sendRequest(gapsRequest.method)) as GapsResult;
    expect(g.folders).toHaveLength(1);
    expect(g.folders[0]!.result!.summary).toMatchObject({ endpoints: 11, used: 10, missing: 1, methodMismatch: 1, external: 1 });
  });

  it('re-analyses an edited open document before it is saved', async () => {
    const text = read(AVATAR).replace('/avatar', '/photo');
    await client.open(AVATAR, read(AVATAR));
    await client.change(AVATAR, text, 2);
    await client.until(() => client.diagnostics.get(client.uri(AVATAR))?.[0] && text0(client.diagnostics.get(client.uri(AVATAR))![0]!).includes('/photo'), 'the edited call to be re-checked');
    // Rapid edits: only the last one counts.
    await client.change(AVATAR, text.replace('/photo', '/a'), 3);
    await client.change(AVATAR, text.replace('/photo', '/b'), 4);
    await client.until(() => client.diagnostics.get(client.uri(AVATAR))?.[0] && text0(client.diagnostics.get(client.uri(AVATAR))![0]!).includes('/users/{}/b '), 'the last edit to win');
    await client.change(AVATAR, read(AVATAR), 5);
    await client.until(() => client.diagnostics.get(client.uri(AVATAR))?.[0] && text0(client.diagnostics.get(client.uri(AVATAR))![0]!).includes('/avatar'), 'the original text back');
  });

  it('scaffolds a Next.js proxy route for the unused endpoint, reusing the project base URL', async () => {
    const diag = client.diagnostics.get(client.uri(ITEMS))![0]!;
    const actions = (await client.rpc.sendRequest('textDocument/codeAction', { textDocument: { uri: client.uri(ITEMS) }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual([
      'Scaffold proxy route /api/items/[itemId] (frontend/src/app/api/items/[itemId]/route.ts)',
      'Scaffold a server action deleteItemsItemId (frontend/src/app/actions/items.ts)',
      'Ignore DELETE /api/v1/items/{item_id} in api-parity.config.json…',
    ]);
    const scaffold = actions[0]!;
    // A command carrying the edit: the client applies it, saves the new file and opens it.
    expect(scaffold.edit).toBeUndefined();
    expect(scaffold.command?.command).toBe('apiParity.applyFix');
    const fix = scaffold.command!.arguments![0] as ApplyFixArgs;
    const created = fix.edit.documentChanges![0] as CreateFile;
    expect(created).toMatchObject({ kind: 'create', options: { overwrite: false, ignoreIfExists: true } });
    applyEdit(fix.edit);
    const file = 'frontend/src/app/api/items/[itemId]/route.ts';
    await expect(read(file)).toMatchFileSnapshot('./__goldens__/scaffold-items-route.ts.txt');
    expect(fix.reveal.line).toBe(lineOf(file, 'export async function DELETE'));

    // The new proxy calls the backend: once the file event arrives, the route is no longer unused.
    await client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(file), type: 1 }] });
    await client.until(() => (client.diagnostics.get(client.uri(ITEMS)) ?? []).length === 0, 'the unused hint to disappear');
    const g = (await client.rpc.sendRequest(gapsRequest.method)) as GapsResult;
    const del = g.folders[0]!.result!.endpoints.find((e) => e.method === 'DELETE')!;
    expect(del.callers).toEqual([`${file}:${lineOf(file, 'fetch(') + 1}:${read(file).split('\n')[lineOf(file, 'fetch(')]!.indexOf('fetch(') + 1}`]);
  });

  it('adds a missing method to an existing route file instead of overwriting it', async () => {
    const file = 'frontend/src/app/api/items/[itemId]/route.ts';
    const before = read(file);
    // Make the backend GET on the same path unused, so its quick fix targets the same file.
    const itemPage = 'frontend/src/lib/api.ts';
    const original = read(itemPage);
    writeFileSync(join(root, itemPage), original.replace(/apiFetch<Item>\(`\/items\/\$\{id\}`\)/, 'apiFetch<Item>(`/items/${id}/x`)'));
    await client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(itemPage), type: 2 }] });
    const diag = await client.until(() => client.diagnostics.get(client.uri(ITEMS))?.find((d) => text0(d).startsWith('GET /api/v1/items/{item_id}')), 'GET item to become unused');
    const actions = (await client.rpc.sendRequest('textDocument/codeAction', { textDocument: { uri: client.uri(ITEMS) }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    expect(actions[0]!.title).toBe(`Add GET to the proxy route /api/items/[itemId] (${file})`);
    const add = (actions[0]!.command!.arguments![0] as ApplyFixArgs).edit;
    expect(add.documentChanges!.some((c) => 'kind' in c)).toBe(false);
    applyEdit(add);
    const after = read(file);
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(after).toMatch(/export async function GET\(/);
    expect(after.match(/export async function DELETE\(/g)).toHaveLength(1);
    writeFileSync(join(root, itemPage), original);
    await client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(itemPage), type: 2 }] });
  });

  it('writes an ignore rule with its reason to the config file', async () => {
    const edit = await client.rpc.sendRequest(ignoreEndpointRequest.method, { folderUri: URI.file(root).toString(), method: 'GET', path: '/api/v1/users/{}/avatar', reason: 'served by the CDN' });
    applyEdit(edit as WorkspaceEdit);
    expect(JSON.parse(read('api-parity.config.json'))).toEqual({ ignore: [{ method: 'GET', path: '/api/v1/users/{}/avatar', reason: 'served by the CDN' }] });
    await client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('api-parity.config.json'), type: 1 }] });
    await client.until(() => (client.diagnostics.get(client.uri(AVATAR)) ?? []).length === 0, 'the ignored call to stop being reported');
  });

  it('shows configuration errors on the config file and keeps working with defaults', async () => {
    writeFileSync(join(root, 'api-parity.config.json'), '{\n  "ignore": [{ "path": "/x" }],\n  "sevrity": {}\n}\n');
    await client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('api-parity.config.json'), type: 2 }] });
    const d = await client.until(() => client.diagnostics.get(client.uri('api-parity.config.json'))?.length === 2 && client.diagnostics.get(client.uri('api-parity.config.json')), 'config diagnostics');
    expect(d.map((x) => [x.range.start.line, text0(x).split(' (API Parity')[0]]).sort()).toEqual([
      [1, 'ignore[0].reason: say why this is ignored (a non-empty "reason")'],
      [2, 'sevrity: unknown key (did you mean "severity"?)'],
    ]);
    await client.until(() => client.diagnostics.get(client.uri(AVATAR))?.length === 1, 'analysis with defaults');
  });
});
