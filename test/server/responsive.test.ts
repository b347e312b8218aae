/**
 * The server stays responsive while it indexes: hover, code lenses and go to definition are answered
 * from the last snapshot while a long re-index is still running (the passes pause every few tens of
 * milliseconds, so a request gets in between two slices instead of waiting for the whole run).
 *
 * The assertion is about order, not time: each request is sent once the run reports progress, and its
 * answer must arrive before the run ends and come from the previous snapshot. That every pass (not
 * only parsing) pauses is checked in test/core/slicing.test.ts; the latencies are in `npm run bench`.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CodeLens, Hover, LocationLink } from 'vscode-languageserver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reindexRequest } from '../../src/shared/protocol';
import { startServer, type TestClient } from './lspClient';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
const API = 'frontend/src/lib/api.ts';
/** Enough files that a full re-index takes many slices on any machine. */
const GENERATED = 2500;
let root: string;
let client: TestClient;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'api-parity-server-busy-'));
  cpSync(EXAMPLE, root, { recursive: true });
  const dir = join(root, 'frontend/src/generated');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < GENERATED; i++) {
    const body = Array.from({ length: 8 }, (_, k) => `export async function load${i}_${k}(id: string) {\n  const res = await fetch(\`http://localhost:8000/api/v1/items/\${id}?page=${k}\`);\n  return (await res.json()) as { id: string; n: number };\n}\n`).join('\n');
    writeFileSync(join(dir, `module${i}.ts`), body);
  }
  client = await startServer(root);
  await client.until(() => client.progress.some((p) => p.kind === 'end'), 'the first index', 120_000);
}, 180_000);

afterAll(async () => {
  await client?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a busy server', () => {
  it('answers hover, lenses and definition from the last snapshot while it re-indexes', async () => {
    const line = readFileSync(join(root, API), 'utf8').split('\n').findIndex((l) => l.includes("'/users/'"));
    const character = readFileSync(join(root, API), 'utf8').split('\n')[line]!.indexOf("'/users/'") + 2;
    const at = { textDocument: { uri: client.uri(API) }, position: { line, character } };
    const seen = client.progress.length;
    // "Re-index" drops every cached parse: the run reads and parses all files again.
    const reindexed = client.rpc.sendRequest(reindexRequest.method);
    const reports = () => client.progress.slice(seen);
    await client.until(() => reports().some((p) => p.kind === 'report'), 'the re-index to report progress', 120_000);
    const stillIndexing = () => !reports().some((p) => p.kind === 'end');

    const [hover, hoverDuring] = await answered(() => client.rpc.sendRequest('textDocument/hover', at) as Promise<Hover>, stillIndexing);
    const [lenses, lensesDuring] = await answered(() => client.rpc.sendRequest('textDocument/codeLens', { textDocument: at.textDocument }) as Promise<CodeLens[]>, stillIndexing);
    const [def, defDuring] = await answered(() => client.rpc.sendRequest('textDocument/definition', at) as Promise<LocationLink[]>, stillIndexing);

    expect({ hoverDuring, lensesDuring, defDuring }).toEqual({ hoverDuring: true, lensesDuring: true, defDuring: true });
    expect((hover.contents as { value: string }).value).toContain('→ `GET /api/v1/users`');
    expect(lenses.length).toBeGreaterThan(0);
    expect(def[0]!.targetUri.endsWith('backend/app/api/routes/users.py')).toBe(true);
    await reindexed;
    expect(reports().at(-1)?.kind).toBe('end');
  }, 180_000);
});

/** Send a request; the answer, and whether `during` still held when it arrived. */
async function answered<T>(send: () => Promise<T>, during: () => boolean): Promise<[T, boolean]> {
  const value = await send();
  return [value, during()];
}
