/** The language server does not index the home folder (or the root of the file system) as a workspace folder. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gapsRequest, type GapsResult } from '../../src/shared/protocol';
import { startServer, type TestClient } from './lspClient';

const SHOP = resolve(__dirname, '../cli/fixtures/shop');

describe('a workspace folder that is the home folder', () => {
  const home = process.env['HOME'];
  let client: TestClient | null = null;
  let dir = '';
  afterEach(async () => {
    await client?.close();
    process.env['HOME'] = home;
    rmSync(dir, { recursive: true, force: true });
  });

  it('is not indexed, and the Gap Explorer says why (it was read whole)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'api-parity-home-'));
    cpSync(SHOP, dir, { recursive: true });
    process.env['HOME'] = dir;
    client = await startServer(dir);
    let folder: GapsResult['folders'][number] | undefined;
    // Poll with a deadline: the folder starts once the client said `initialized`.
    for (const deadline = Date.now() + 20_000; !folder?.error && Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      folder = ((await client.rpc.sendRequest(gapsRequest.method)) as GapsResult).folders[0];
    }
    expect(folder?.result).toBeNull();
    expect(folder?.error).toBe(`Not indexed: ${dir} (your home folder) holds far more than one project. Open a project folder instead.`);
  });
});
