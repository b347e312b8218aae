/**
 * A small LSP client for in-process server tests: the real Server over a pair of in-memory streams,
 * answering the server's requests the way VS Code would, and recording what it publishes.
 */
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { Server } from '../../src/server/server';
import { statusNotification, type StatusParams } from '../../src/shared/protocol';

export interface TestClient {
  readonly rpc: MessageConnection;
  readonly root: string;
  readonly diagnostics: Map<string, Diagnostic[]>;
  /** Every document diagnostics were published for, in order. */
  readonly published: string[];
  readonly statuses: StatusParams[];
  /** Work-done progress as reported: `begin`, `report` (with its message) and `end`. */
  readonly progress: Array<{ kind: string; message?: string }>;
  uri(rel: string): string;
  /** Poll until `fn` returns a truthy value. */
  until<T>(fn: () => T | undefined | null | false, what: string, timeoutMs?: number): Promise<T>;
  open(rel: string, text: string, languageId?: string): Promise<void>;
  change(rel: string, text: string, version: number): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  /**
   * How the folders reach the server: `initialize` (in its params), `late` (a multi-root workspace still
   * loading: none in the params, then the change event VS Code's client sends between the initialize answer
   * and `initialized`), or `request-only` (none in the params and no event: only `workspace/workspaceFolders` knows them).
   */
  folders?: 'initialize' | 'late' | 'request-only';
  /** Whether the client declares `workspace.workspaceEdit.changeAnnotationSupport` (VS Code's does; default true). */
  annotations?: boolean;
}

/** `folders`: the workspace folders (absolute paths), when not just `root` (a multi-root workspace). */
export async function startServer(root: string, settings: Record<string, unknown> = { debounceMs: 50 }, folders: readonly string[] = [root], options: StartOptions = {}): Promise<TestClient> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const server = new Server(serverConnection);
  server.listen();
  const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const diagnostics = new Map<string, Diagnostic[]>();
  const published: string[] = [];
  const statuses: StatusParams[] = [];
  rpc.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p.diagnostics);
    published.push(p.uri);
  });
  rpc.onNotification(statusNotification.method, (p: StatusParams) => {
    statuses.push(p);
  });
  rpc.onNotification('window/logMessage', () => undefined);
  const progress: Array<{ kind: string; message?: string }> = [];
  rpc.onNotification('$/progress', (p: { value: { kind: string; message?: string } }) => {
    progress.push({ kind: p.value.kind, ...(p.value.message !== undefined ? { message: p.value.message } : {}) });
  });
  rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  rpc.onRequest('window/workDoneProgress/create', () => null);
  rpc.onRequest('client/registerCapability', () => null);
  rpc.onRequest('workspace/codeLens/refresh', () => null);
  const protocolFolders = folders.map((f) => ({ uri: URI.file(f).toString(), name: f === root ? 'ws' : f.split('/').pop()! }));
  rpc.onRequest('workspace/workspaceFolders', () => protocolFolders);
  rpc.listen();
  const rootUri = URI.file(root).toString();
  const how = options.folders ?? 'initialize';
  await rpc.sendRequest('initialize', {
    processId: process.pid,
    rootUri: how === 'initialize' ? rootUri : null,
    workspaceFolders: how === 'initialize' ? protocolFolders : null,
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, codeLens: { refreshSupport: true }, ...(options.annotations === false ? {} : { workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } }) },
      window: { workDoneProgress: true },
    },
  });
  if (how === 'late') await rpc.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: protocolFolders, removed: [] } });
  await rpc.sendNotification('initialized', {});
  const uri = (rel: string) => URI.file(`${root}/${rel}`).toString();
  return {
    rpc,
    root,
    diagnostics,
    published,
    statuses,
    progress,
    uri,
    async until(fn, what, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const v = fn();
        if (v) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async open(rel, text, languageId = rel.endsWith('.py') ? 'python' : 'typescriptreact') {
      await rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(rel), languageId, version: 1, text } });
    },
    async change(rel, text, version) {
      await rpc.sendNotification('textDocument/didChange', { textDocument: { uri: uri(rel), version }, contentChanges: [{ text }] });
    },
    async close() {
      await rpc.sendRequest('shutdown');
      server.dispose();
      rpc.dispose();
    },
  };
}
