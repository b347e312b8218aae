/**
 * The "Ignore this endpoint…" edit on config files the analyzer reads but a naive editor would break:
 * UTF-16 with a BOM (positions are on the decoded text, so the editor writes the file back in its own
 * encoding), and an `ignore` value that is not a list (refused with a message, nothing replaced).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { parseConfig } from '../../src/core/config';
import { ignoreEndpointRequest } from '../../src/shared/protocol';
import { startServer, type TestClient } from './lspClient';

let dir: string;
let client: TestClient | null = null;

afterEach(async () => {
  await client?.close();
  client = null;
  rmSync(dir, { recursive: true, force: true });
});

async function ignoreEdit(configBytes: Buffer): Promise<WorkspaceEdit> {
  dir = mkdtempSync(join(tmpdir(), 'api-parity-ignore-'));
  writeFileSync(join(dir, 'api-parity.config.json'), configBytes);
  client = await startServer(dir);
  return (await client.rpc.sendRequest(ignoreEndpointRequest.method, { folderUri: URI.file(dir).toString(), method: 'GET', path: '/b', reason: 'y' })) as WorkspaceEdit;
}

describe('ignore rule edits in the server', () => {
  it('edit a UTF-16 config on its decoded text', async () => {
    const text = '{\n  // rules\n  "ignore": [{ "path": "/a", "reason": "x" }]\n}\n';
    const edit = await ignoreEdit(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const change = edit.documentChanges![0] as TextDocumentEdit;
    const doc = TextDocument.create('x', 'json', 0, text);
    const out = TextDocument.applyEdits(doc, change.edits as TextEdit[]);
    expect(out).toContain('// rules');
    expect(parseConfig(out, 'c.json').ignore.map((r) => r.path)).toEqual(['/a', '/b']);
  });

  it('is previewed before it writes the config file', async () => {
    const edit = await ignoreEdit(Buffer.from('{ "ignore": [] }\n'));
    expect(edit.changeAnnotations?.['apiParity.preview']).toEqual({ label: 'Ignore GET /b in api-parity.config.json', needsConfirmation: true, description: 'reason: y' });
    for (const e of (edit.documentChanges![0] as TextDocumentEdit).edits) expect((e as { annotationId?: string }).annotationId).toBe('apiParity.preview');
  });

  it('refuse a config whose "ignore" is not a list', async () => {
    await expect(ignoreEdit(Buffer.from('{ "ignore": { "path": "/a", "reason": "x" } }'))).rejects.toThrow(/"ignore" is not a list of rules/);
  });
});
