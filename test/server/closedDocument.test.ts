/**
 * A huge open document costs memory only while it is open: after it is closed (and the folder has been
 * analysed again from the disk), nothing the server keeps still holds its text.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestClient } from './lspClient';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
const HUGE = 'frontend/src/lib/huge.ts';
const MB = 1024 * 1024;
let root: string;
let client: TestClient;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / MB;
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'api-parity-server-huge-'));
  cpSync(EXAMPLE, root, { recursive: true });
  client = await startServer(root);
  await client.until(() => client.progress.some((p) => p.kind === 'end'), 'the first index', 60_000);
}, 90_000);

afterAll(async () => {
  await client?.close();
  rmSync(root, { recursive: true, force: true });
});

const indexing = () => client.statuses.at(-1)!.text.startsWith('$(sync~spin)');

/** Open 100 MB of code that looks real (not one line: a data table, as generated files hold); the test keeps no reference to it. */
async function openHuge(): Promise<void> {
  const line = "  { id: 'item-000000', label: 'An item of the catalogue', price: 12.5, tags: ['a', 'b'] },\n";
  await client.open(HUGE, `export const table = [\n${line.repeat(Math.ceil((100 * MB) / line.length))}];\n`);
}

describe('a huge document', () => {
  it('is released once closed', async () => {
    const before = heapMb();
    let seen = client.statuses.length;
    await openHuge();
    await client.until(() => client.statuses.length > seen && !indexing(), 'the run with the open document', 60_000);
    const open = heapMb();
    expect(open - before).toBeGreaterThan(50);

    seen = client.statuses.length;
    await client.rpc.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri(HUGE) } });
    await client.until(() => client.statuses.length > seen && !indexing(), 'the run after closing', 60_000);
    const closed = heapMb();
    expect(closed - before).toBeLessThan(20);
  }, 120_000);
});
