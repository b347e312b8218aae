/**
 * The quick fixes each gap kind offers, through the real server: their titles (stable: the real-editor
 * suite picks actions by them), their `apiParity.applyFix` edits, and the gap gone once an edit is applied.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { ApplyFixArgs } from '../../src/shared/protocol';
import { startServer, type TestClient } from './lspClient';

const WEB = 'web/src/api.ts';
const FILES: Record<string, string> = {
  'api/requirements.txt': 'fastapi\n',
  'api/main.py': 'from fastapi import FastAPI, APIRouter\n\napp = FastAPI()\nrouter = APIRouter(prefix="/users")\n\n\n@router.get("/{user_id}")\ndef get_user(user_id: int): ...\n\n\napp.include_router(router, prefix="/api")\n\n\n@app.get("/health")\ndef health(): ...\n',
  'web/package.json': JSON.stringify({ name: 'web', dependencies: { axios: '1' } }),
  [WEB]: [
    "import axios from 'axios';",
    'export const user = (id: string) => fetch(`http://localhost:8000/api/user/${id}`);',
    'export const drop = (id: string) => axios.delete(`http://localhost:8000/api/users/${id}`);',
    'export const ok = (id: string) => fetch(`http://localhost:8000/api/users/${id}`);',
    "export const health = () => fetch('http://localhost:8000/health');",
    '',
  ].join('\n'),
};

let root: string;
let client: TestClient;
const text0 = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : (d.message as { value: string }).value);

function applyEdit(edit: WorkspaceEdit): void {
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      const path = URI.parse((change as CreateFile).uri).fsPath;
      expect(existsSync(path)).toBe(false);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, '');
      continue;
    }
    const e = change as TextDocumentEdit;
    const path = URI.parse(e.textDocument.uri).fsPath;
    let text = readFileSync(path, 'utf8');
    const offset = (p: { line: number; character: number }) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const edits = e.edits.map((x, i) => ({ x, i })).sort((a, b) => offset(b.x.range.start) - offset(a.x.range.start) || b.i - a.i);
    for (const { x } of edits) text = text.slice(0, offset(x.range.start)) + (x as { newText: string }).newText + text.slice(offset(x.range.end));
    writeFileSync(path, text);
  }
}

async function actionsOn(line: number): Promise<{ diag: Diagnostic; actions: CodeAction[] }> {
  const uri = client.uri(WEB);
  const diag = await client.until(() => client.diagnostics.get(uri)?.find((d) => d.range.start.line === line - 1 && d.code !== 'unused-client-method'), `a diagnostic on line ${line}`);
  const actions = (await client.rpc.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
  return { diag, actions };
}

const editOf = (action: CodeAction): WorkspaceEdit => (action.command!.arguments![0] as ApplyFixArgs).edit;

async function apply(action: CodeAction, changed: string): Promise<void> {
  expect(action.command?.command).toBe('apiParity.applyFix');
  applyEdit((action.command!.arguments![0] as ApplyFixArgs).edit);
  await client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(changed), type: 2 }] });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'api-parity-fixes-'));
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  client = await startServer(root);
}, 60_000);

afterAll(async () => {
  await client?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('quick fixes through the server', () => {
  it('offers the missing-endpoint fixes with stable titles', async () => {
    const { diag, actions } = await actionsOn(2);
    expect(text0(diag)).toContain('No route for GET /api/user/{}');
    expect(actions.map((a) => a.title)).toEqual(['Change the URL to /api/users/{user_id}', 'Create the route GET /api/user/{id} in api/main.py', 'Ignore calls to GET /api/user/{} in api-parity.config.json…']);
  });

  it('offers the method-mismatch fixes with stable titles', async () => {
    const { diag, actions } = await actionsOn(3);
    expect(text0(diag)).toContain('accepts only GET');
    expect(actions.map((a) => a.title)).toEqual(["Change the call's method to GET", 'Add DELETE /api/users/{user_id} to api/main.py', 'Ignore calls to DELETE /api/users/{} in api-parity.config.json…']);
  });

  it('previews a fix that writes another file; a fix on the call itself applies at once', async () => {
    const missing = await actionsOn(2);
    const create = editOf(missing.actions.find((a) => a.title.startsWith('Create the route'))!);
    expect(create.changeAnnotations).toEqual({ 'apiParity.preview': { label: 'Create the route GET /api/user/{id} in api/main.py', needsConfirmation: true, description: expect.any(String) } });
    for (const c of create.documentChanges!) {
      if ('kind' in c) expect((c as CreateFile).annotationId).toBe('apiParity.preview');
      else for (const e of (c as TextDocumentEdit).edits) expect((e as { annotationId?: string }).annotationId).toBe('apiParity.preview');
    }
    expect((create.documentChanges![0] as TextDocumentEdit).textDocument.uri).toBe(client.uri('api/main.py'));
    const changeUrl = editOf(missing.actions.find((a) => a.title.startsWith('Change the URL'))!);
    expect(changeUrl.changeAnnotations).toBeUndefined();
    expect(JSON.stringify(changeUrl)).not.toContain('annotationId');
    const mismatch = await actionsOn(3);
    expect(editOf(mismatch.actions.find((a) => a.title.startsWith('Add DELETE'))!).changeAnnotations?.['apiParity.preview']?.needsConfirmation).toBe(true);
    expect(editOf(mismatch.actions.find((a) => a.title.startsWith("Change the call's method"))!).changeAnnotations).toBeUndefined();
  });

  it('creates the backend stub: the missing call is matched once the file changes', async () => {
    const { actions } = await actionsOn(2);
    await apply(actions.find((a) => a.title.startsWith('Create the route'))!, 'api/main.py');
    expect(readFileSync(join(root, 'api/main.py'), 'utf8')).toContain('@app.get("/api/user/{id}")\ndef get_api_user_by_id(id: str):');
    await client.until(() => !client.diagnostics.get(client.uri(WEB))?.some((d) => d.range.start.line === 1 && d.code === 'missing-endpoint'), 'the missing endpoint to go');
  });

  it('changes the call method: the mismatch goes', async () => {
    const { actions } = await actionsOn(3);
    await apply(actions.find((a) => a.title === "Change the call's method to GET")!, WEB);
    expect(readFileSync(join(root, WEB), 'utf8')).toContain('axios.get(`http://localhost:8000/api/users/${id}`)');
    await client.until(() => !client.diagnostics.get(client.uri(WEB))?.some((d) => d.range.start.line === 2 && d.code === 'method-mismatch'), 'the method mismatch to go');
  });
});

describe('quick fixes for a client without change annotations', () => {
  let plainRoot: string;
  let plain: TestClient;
  beforeAll(async () => {
    plainRoot = mkdtempSync(join(tmpdir(), 'api-parity-fixes-plain-'));
    for (const [rel, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(plainRoot, rel)), { recursive: true });
      writeFileSync(join(plainRoot, rel), text);
    }
    plain = await startServer(plainRoot, { debounceMs: 50 }, [plainRoot], { annotations: false });
  }, 60_000);
  afterAll(async () => {
    await plain?.close();
    rmSync(plainRoot, { recursive: true, force: true });
  });

  it('gets the same edits, applied directly', async () => {
    const uri = plain.uri(WEB);
    const diag = await plain.until(() => plain.diagnostics.get(uri)?.find((d) => d.range.start.line === 1), 'the missing endpoint');
    const actions = (await plain.rpc.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    const create = editOf(actions.find((a) => a.title.startsWith('Create the route'))!);
    expect(create.changeAnnotations).toBeUndefined();
    expect(JSON.stringify(create)).not.toContain('annotationId');
    expect(create.documentChanges!.length).toBeGreaterThan(0);
  });
});
