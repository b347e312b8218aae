/**
 * `apiParity/gapTree`: the Gap Explorer one level per request, over a real JSON-RPC connection — the same
 * groups as the whole snapshot, rows without children, the current-document filter, and far fewer bytes
 * than `apiParity/gaps`.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { gapTree } from '../../src/core';
import { gapsRequest, gapTreeRequest, type GapsResult, type GapTreeResult } from '../../src/shared/protocol';
import { startServer, type TestClient } from './lspClient';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
let dir = '';
let client: TestClient | null = null;

afterEach(async () => {
  await client?.close();
  client = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('the Gap Explorer served lazily', () => {
  it('answers one level per request, filters by document, and sends a fraction of the snapshot', async () => {
    dir = mkdtempSync(join(tmpdir(), 'api-parity-gaptree-'));
    cpSync(EXAMPLE, dir, { recursive: true });
    client = await startServer(dir);
    const c = client;
    const level = (parent: string | null, extra: object = {}) => c.rpc.sendRequest(gapTreeRequest.method, { parent, filter: {}, ...extra }) as Promise<GapTreeResult>;
    let top = await level(null);
    for (const deadline = Date.now() + 30_000; top.state !== 'ready' || top.indexing; top = await level(null)) {
      if (Date.now() > deadline) throw new Error(`no ready tree: ${JSON.stringify(top)}`);
      await new Promise((r) => setTimeout(r, 30));
    }
    const snapshot = (await c.rpc.sendRequest(gapsRequest.method)) as GapsResult;
    const f = snapshot.folders[0]!;
    const whole = gapTree([{ key: f.uri, name: f.name, result: f.result }], false);
    expect(top.nodes.map((n) => `${n.label} ${n.description}`)).toEqual(whole.roots.map((n) => `${n.label} ${n.description}`));
    expect(top.nodes.every((n) => n.children.length === 0)).toBe(true);
    const services = await level('group:missing');
    const files = await level(services.nodes[0]!.id);
    const leaves = await level(files.nodes[0]!.id);
    expect(leaves.nodes.map((n) => n.label)).toEqual(['GET /api/v1/users/{}/avatar']);
    expect(leaves.nodes[0]!.location!.folder).toBe(f.uri);
    // Only the rows of one document.
    const doc = URI.file(join(dir, 'backend/app/api/routes/items.py')).toString();
    const mine = await level(null, { documentUri: doc });
    expect(mine.shown).toBe(f.result!.endpoints.filter((e) => e.file.endsWith('items.py')).length);
    expect((await level(null, { documentUri: URI.file('/elsewhere/x.py').toString() })).shown).toBe(0);
    // What a first look costs: the top, plus the rows of the groups that start expanded.
    let bytes = JSON.stringify(top).length;
    for (const g of top.nodes.filter((n) => n.collapsible === 'expanded')) bytes += JSON.stringify(await level(g.id)).length;
    expect(bytes * 3).toBeLessThan(JSON.stringify(snapshot).length);
  });
});
