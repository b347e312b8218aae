/**
 * The server after edits: an edit of an open document re-reads that file alone and publishes only the
 * diagnostics that changed; files created, or changed on disk, reach the index through watched-file
 * events.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestClient } from './lspClient';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
const AVATAR = 'frontend/src/components/UserAvatar.tsx';
let root: string;
let client: TestClient;

const text0 = (d: { message: string | { value: string } }) => (typeof d.message === 'string' ? d.message : d.message.value);
const messages = (rel: string) => (client.diagnostics.get(client.uri(rel)) ?? []).map(text0).join('\n');
const watched = (rel: string, type: 1 | 2 | 3) => client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(rel), type }] });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'api-parity-server-inc-'));
  cpSync(EXAMPLE, root, { recursive: true });
  client = await startServer(root);
  await client.until(() => client.diagnostics.get(client.uri(AVATAR))?.length, 'first diagnostics');
}, 60_000);

afterAll(async () => {
  await client?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('incremental server', () => {
  it('publishes only the diagnostics an edit changed', async () => {
    const original = readFileSync(join(root, AVATAR), 'utf8');
    await client.open(AVATAR, original);
    const before = client.published.length;
    await client.change(AVATAR, original.replace('/avatar', '/photo'), 2);
    await client.until(() => messages(AVATAR).includes('/photo'), 'the edited call re-checked');
    expect(new Set(client.published.slice(before))).toEqual(new Set([client.uri(AVATAR)]));
    await client.change(AVATAR, original, 3);
    await client.until(() => messages(AVATAR).includes('/avatar'), 'the original back');
  });

  it('sees a file created on disk, then its change, then its deletion', async () => {
    const rel = 'frontend/src/lib/extra.ts';
    writeFileSync(join(root, rel), "export const x = () => fetch('http://localhost:8000/api/v1/nowhere-one');\n");
    await watched(rel, 1);
    await client.until(() => messages(rel).includes('nowhere-one'), 'the created file indexed');
    writeFileSync(join(root, rel), "export const x = () => fetch('http://localhost:8000/api/v1/nowhere-two');\n");
    await watched(rel, 2);
    await client.until(() => messages(rel).includes('nowhere-two'), 'the changed file re-read');
    rmSync(join(root, rel));
    await watched(rel, 3);
    await client.until(() => client.diagnostics.get(client.uri(rel))?.length === 0, 'the deleted file cleared');
  });

  // A quick fix creates a file and the editor opens it; the watcher's "created" event may come late or not
  // at all. The open document alone makes the next run list the workspace again.
  it('indexes a created file that is opened before (or without) its watched-file event', async () => {
    const rel = 'frontend/src/lib/created.ts';
    const text = "export const y = () => fetch('http://localhost:8000/api/v1/nowhere-opened');\n";
    writeFileSync(join(root, rel), text);
    await client.open(rel, text);
    await client.until(() => messages(rel).includes('nowhere-opened'), 'the created, opened file indexed');
  });

  it('reads an API document again when it changes on disk (a full run: documents are not source files)', async () => {
    const rel = 'backend/ENDPOINTS.md';
    // Two documented routes are served: the document is the backend's (a document mostly unserved is not judged).
    const doc = (ghost: string) => `| Method | Path |\n| --- | --- |\n| GET | /api/v1/users/{user_id} |\n| PATCH | /api/v1/users/{user_id} |\n| GET | /api/v1/${ghost} |\n`;
    writeFileSync(join(root, rel), doc('ghost-one'));
    await watched(rel, 1);
    await client.until(() => messages(rel).includes('ghost-one'), 'the created document read');
    writeFileSync(join(root, rel), doc('ghost-two'));
    await watched(rel, 2);
    await client.until(() => messages(rel).includes('ghost-two') && !messages(rel).includes('ghost-one'), 'the changed document read again');
    rmSync(join(root, rel));
    await watched(rel, 3);
    await client.until(() => client.diagnostics.get(client.uri(rel))?.length === 0, 'the deleted document cleared');
  });
});
