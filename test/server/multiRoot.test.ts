/**
 * Workspaces that are not one folder: `frontend/` and `backend/` opened as two workspace folders are one
 * system (calls in one match routes in the other), and so is a folder whose config names its backend's
 * checkout (`"with": ["../api"]`). Diagnostics land on each folder's own files; quick fixes never write
 * into a `with` folder; a `with` folder that does not exist is a configuration error on the config file.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SymbolInformation } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { catalogueRequest, gapsRequest, routesForUrlRequest, type CatalogueResult, type GapsResult, type RouteTarget } from '../../src/shared/protocol';
import { startServer, type TestClient } from './lspClient';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
let dir = '';
let client: TestClient | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'api-parity-multiroot-'));
  cpSync(join(EXAMPLE, 'frontend'), join(dir, 'web'), { recursive: true });
  cpSync(join(EXAMPLE, 'backend'), join(dir, 'api'), { recursive: true });
});
afterEach(async () => {
  await client?.close();
  client = null;
  rmSync(dir, { recursive: true, force: true });
});

async function snapshot(c: TestClient): Promise<GapsResult> {
  let g: GapsResult | null = null;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 30))) {
    g = (await c.rpc.sendRequest(gapsRequest.method)) as GapsResult;
    if (g.folders.some((f) => f.result || f.error) && !g.indexing) return g;
  }
  throw new Error(`no snapshot: ${JSON.stringify(g)}`);
}

const fileUri = (...p: string[]) => URI.file(join(dir, ...p)).toString();

describe('multi-root workspaces', () => {
  it('analyse two workspace folders as one system, with diagnostics on each folder’s files', async () => {
    client = await startServer(join(dir, 'web'), { debounceMs: 50 }, [join(dir, 'web'), join(dir, 'api')]);
    const g = await snapshot(client);
    expect(g.folders).toHaveLength(1);
    const f = g.folders[0]!;
    expect(f.name).toBe('ws + api');
    expect(f.root).toBe(dir);
    expect(f.result!.summary).toMatchObject({ endpoints: 11, used: 10, missing: 1, methodMismatch: 1 });
    expect(f.result!.endpoints.every((e) => e.file.startsWith('api/app/'))).toBe(true);
    const avatar = fileUri('web', 'src', 'components', 'UserAvatar.tsx');
    const d = await client.until(() => (client!.diagnostics.get(avatar)?.length ? client!.diagnostics.get(avatar) : null), 'diagnostics on the frontend file');
    expect(d[0]!.message).toContain('No route for GET');
    expect(d[0]!.relatedInformation?.some((r) => r.location.uri.startsWith(fileUri('api', 'app')))).toBe(true);
    const symbols = (await client.rpc.sendRequest('workspace/symbol', { query: 'DELETE /api/v1/items' })) as SymbolInformation[];
    expect(symbols[0]!.location.uri).toBe(fileUri('api', 'app', 'api', 'routes', 'items.py'));
    // The catalogue, one level at a time, and "Go to Route" from a URL string in the other folder.
    const top = (await client.rpc.sendRequest(catalogueRequest.method, { filter: { text: 'items.py' }, parent: null })) as CatalogueResult;
    expect([top.shown, top.total]).toEqual([4, 11]);
    const files = (await client.rpc.sendRequest(catalogueRequest.method, { filter: { text: 'items.py' }, parent: top.nodes[0]!.id })) as CatalogueResult;
    expect(files.nodes.map((n) => n.resource?.file)).toEqual(['api/app/api/routes/items.py']);
    const current = (await client.rpc.sendRequest(catalogueRequest.method, { filter: {}, parent: null, documentUri: fileUri('api', 'app', 'api', 'routes', 'health.py') })) as CatalogueResult;
    expect(current.shown).toBe(1);
    const go = (await client.rpc.sendRequest(routesForUrlRequest.method, { text: '`${API}/items/${id}`' })) as { targets: RouteTarget[] };
    expect(go.targets.map((t) => `${t.label} ${t.uri === fileUri('api', 'app', 'api', 'routes', 'items.py')}`)).toEqual(['DELETE /api/v1/items/{item_id} true', 'GET /api/v1/items/{item_id} true', 'GET /api/v1/users/{user_id}/items false']);
  });

  // A multi-root workspace opened in a new window: VS Code may start the extension before its folders are
  // known, and its client then announces them between the initialize answer and `initialized`.
  it.each(['late', 'request-only'] as const)('analyses folders the editor announces after initialising (%s)', async (how) => {
    client = await startServer(join(dir, 'web'), { debounceMs: 50 }, [join(dir, 'web'), join(dir, 'api')], { folders: how });
    const g = await snapshot(client);
    expect(g.folders.map((f) => f.name)).toEqual(['ws + api']);
    expect(g.folders[0]!.result!.summary).toMatchObject({ endpoints: 11, used: 10, missing: 1, methodMismatch: 1 });
  });

  it('mounts the folders a config names in "with" (read only), as the CLI’s --with', async () => {
    writeFileSync(join(dir, 'web', 'api-parity.config.json'), '{ "with": ["../api"] }\n');
    client = await startServer(join(dir, 'web'));
    const g = await snapshot(client);
    expect(g.folders[0]!.result!.summary).toMatchObject({ endpoints: 11, used: 10, missing: 1, methodMismatch: 1 });
    expect(g.folders[0]!.name).toBe('ws + api');
  });

  it('reports a "with" folder that does not exist on the config file, and analyses the folder alone', async () => {
    writeFileSync(join(dir, 'web', 'api-parity.config.json'), '{\n  "with": ["../backend"]\n}\n');
    client = await startServer(join(dir, 'web'));
    const config = fileUri('web', 'api-parity.config.json');
    const d = await client.until(() => (client!.diagnostics.get(config)?.length ? client!.diagnostics.get(config) : null), 'the config problem');
    expect(d[0]!.message).toContain('with[0]: "../backend" names no folder');
    expect(d[0]!.range.start.line).toBe(1);
    const g = await snapshot(client);
    expect(g.folders[0]!.result!.summary.endpoints).toBe(0);
  });
});
