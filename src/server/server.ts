/**
 * The language server: every handler is bound here, in one place. It owns one FolderIndex per
 * workspace folder, re-analyses on edits (debounced, open buffers as overlays) and on file changes,
 * and answers from the last complete snapshot while indexing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeWorkspaceFoldersNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { absolute } from '../core/path';
import { URI } from 'vscode-uri';
import { broadWorkspaceReason, decodeText, ignoreRuleEdits, CONFIG_FILE_NAME, isSourceFile, renderMarkdown, workspaceTarget, type Logger } from '../core';
import { gapsRequest, ignoreEndpointRequest, indexChangedNotification, reindexRequest, reportRequest, statusNotification, type GapsResult, type IgnoreEndpointParams, type StatusParams } from '../shared/protocol';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { DiagnosticsPublisher } from './features/diagnostics';
import { definition, hover, references } from './features/hover';
import { fileUri, relPath } from './convert';
import { SettingsCache } from './settings';
import { FolderIndex, type IndexHost } from './workspaceIndex';

/** The package version, injected by esbuild (`dev` when running from source). */
const SERVER_VERSION = process.env.API_PARITY_VERSION ?? 'dev';

/** Changes under these folders never matter (dependency installs, builds, caches). */
const IGNORED_DIRS = /(^|\/)(node_modules|\.git|dist|build|out|\.next|\.nuxt|\.venv|venv|__pycache__|target|coverage|\.vscode-test)\//;

const WATCHED = /(^|\/)(package\.json|requirements[^/]*\.txt|pyproject\.toml|Pipfile|setup\.py|Cargo\.toml|go\.mod|tsconfig\.json|jsconfig\.json|\.gitignore|api-parity\.config\.json)$/;

export class Server implements IndexHost {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly folders = new Map<string, FolderIndex>();
  private readonly settings: SettingsCache;
  private readonly diagnostics: DiagnosticsPublisher;
  private generation = 0;
  private canPullConfig = false;
  private canProgress = false;
  private canRefreshLenses = false;
  private canWatchFolders = false;
  readonly log: Logger;

  constructor(private readonly connection: Connection) {
    this.settings = new SettingsCache(connection, () => this.canPullConfig);
    this.diagnostics = new DiagnosticsPublisher(connection);
    this.log = {
      info: (m) => connection.console.info(m),
      warn: (m) => connection.console.warn(m),
      debug: (m) => connection.console.log(m),
    };
    this.bind();
  }

  listen(): void {
    this.documents.listen(this.connection);
    this.connection.listen();
  }

  private bind(): void {
    this.bindLifecycle();
    this.bindNavigation();
    this.bindRequests();
  }

  /** Initialisation, settings and folder changes, file and document changes. */
  private bindLifecycle(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => {
      if (this.canWatchFolders) {
        void c.client.register(DidChangeWorkspaceFoldersNotification.type, undefined);
        c.workspace.onDidChangeWorkspaceFolders((e) => {
          for (const f of e.removed) this.removeFolder(f.uri);
          for (const f of e.added) this.addFolder(f);
        });
      }
      for (const f of this.folders.values()) void this.start(f);
    });
    c.onDidChangeConfiguration(() => {
      this.settings.clear();
      for (const f of this.folders.values()) void this.start(f);
    });
    c.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) {
        const folder = this.folderOf(change.uri);
        const rel = folder ? relPath(folder.root, change.uri) : null;
        if (!folder || !rel || IGNORED_DIRS.test(rel) || !(isSourceFile(rel) || WATCHED.test(rel))) continue;
        // A file created or deleted changes the file list; a changed source file only its own content.
        if (change.type === FileChangeType.Changed && !WATCHED.test(rel)) folder.contentChanged(rel);
        else folder.structureChanged();
        void this.reschedule(folder);
      }
    });
    this.documents.onDidChangeContent((e) => this.onDocument(e.document.uri));
    this.documents.onDidClose((e) => this.onDocument(e.document.uri));
  }

  /** Code lenses, code actions, hover, go to definition, find references: answered from the folder's snapshot. */
  private bindNavigation(): void {
    const c = this.connection;
    c.onCodeLens(async (params) => {
      const f = this.folderOf(params.textDocument.uri);
      if (!f?.snapshot || !(await this.settings.get(f.uri)).codeLens.enable) return [];
      const rel = relPath(f.root, params.textDocument.uri);
      return rel ? codeLenses(f.root, f.snapshot, rel) : [];
    });
    c.onCodeAction((params): CodeAction[] => {
      const f = this.folderOf(params.textDocument.uri);
      if (!f?.snapshot) return [];
      return codeActions(
        {
          root: f.root,
          folderUri: f.uri,
          result: f.snapshot,
          analyzer: f.analyzer,
          readFile: (rel) => this.readFile(f, rel),
          writeProblem: (rel) => writeProblem(f.root, rel),
          log: (m) => this.connection.console.warn(m),
        },
        params.context.diagnostics,
      );
    });
    c.onHover((params) => {
      const f = this.folderOf(params.textDocument.uri);
      const rel = f ? relPath(f.root, params.textDocument.uri) : null;
      return f?.snapshot && rel ? hover(f.root, f.snapshot, rel, params.position) : null;
    });
    c.onDefinition((params) => {
      const f = this.folderOf(params.textDocument.uri);
      const rel = f ? relPath(f.root, params.textDocument.uri) : null;
      return f?.snapshot && rel ? definition(f.root, f.snapshot, rel, params.position) : null;
    });
    c.onReferences((params) => {
      const f = this.folderOf(params.textDocument.uri);
      const rel = f ? relPath(f.root, params.textDocument.uri) : null;
      return f?.snapshot && rel ? references(f.root, f.snapshot, rel, params.position) : null;
    });
  }

  /** The extension's own requests: gaps, re-index, the ignore-endpoint edit, the markdown report. */
  private bindRequests(): void {
    const c = this.connection;
    c.onRequest(gapsRequest, (): GapsResult => ({
      generation: this.generation,
      indexing: [...this.folders.values()].some((f) => f.running),
      folders: [...this.folders.values()].map((f) => ({ uri: f.uri, name: f.name, root: f.root, result: f.enabled ? f.snapshot : null, error: f.error ?? (f.configError ? f.configError.message : null) })),
    }));
    c.onRequest(reindexRequest, async () => {
      for (const f of this.folders.values()) {
        f.analyzer.clear();
        f.structureChanged();
      }
      await Promise.all([...this.folders.values()].map((f) => (f.enabled ? f.run(true) : Promise.resolve())));
    });
    c.onRequest(ignoreEndpointRequest, (params) => this.ignoreEndpointEdit(params));
    c.onRequest(reportRequest, (params) => {
      const list = [...this.folders.values()].filter((f) => f.snapshot && (!params.folderUri || f.uri === params.folderUri));
      if (list.length === 0) return { markdown: '# API Parity\n\nNo analysis result yet.\n' };
      return { markdown: list.map((f) => renderMarkdown(f.snapshot!, { version: SERVER_VERSION })).join('\n\n---\n\n') };
    });
  }

  /** The workspace edit that adds an ignore rule to the folder's config file (creating the file if needed). */
  private ignoreEndpointEdit(params: IgnoreEndpointParams): WorkspaceEdit {
    const f = this.folders.get(params.folderUri) ?? this.folderOf(params.folderUri);
    if (!f) throw new Error(`no workspace folder ${params.folderUri}`);
    const uri = fileUri(f.root, CONFIG_FILE_NAME);
    const problem = writeProblem(f.root, CONFIG_FILE_NAME);
    if (problem) throw new Error(`API Parity will not edit ${CONFIG_FILE_NAME}: ${problem}`);
    const existing = this.readFile(f, CONFIG_FILE_NAME);
    if (existing === null && existsSync(absolute(f.root, CONFIG_FILE_NAME))) throw new Error(`API Parity will not edit ${CONFIG_FILE_NAME}: it is not a text file it can read`);
    const rule = { ...(params.method && params.method !== '*' ? { method: params.method } : {}), path: params.path, reason: params.reason };
    const r = ignoreRuleEdits(existing, rule);
    if ('refused' in r) throw new Error(`API Parity will not edit ${CONFIG_FILE_NAME}: ${r.refused}`);
    if (existing === null) {
      return { documentChanges: [{ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } }, { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: r.edits[0]!.content }] }] };
    }
    // Minimal edits on the decoded text (the editor keeps the file's encoding, BOM and line endings).
    const doc = TextDocument.create(uri, 'json', 0, existing);
    const edits = r.edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.content }));
    return { documentChanges: [{ textDocument: { uri, version: null }, edits }] };
  }

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    this.canPullConfig = !!caps.workspace?.configuration;
    this.canProgress = !!caps.window?.workDoneProgress;
    this.canRefreshLenses = !!caps.workspace?.codeLens?.refreshSupport;
    this.canWatchFolders = !!caps.workspace?.workspaceFolders;
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: URI.parse(params.rootUri).path.split('/').pop() ?? 'workspace' }] : []);
    for (const f of folders) this.addFolder(f, false);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'api-parity', version: SERVER_VERSION },
    };
  }

  private addFolder(f: WorkspaceFolder, start = true): void {
    const u = URI.parse(f.uri);
    if (u.scheme !== 'file' || this.folders.has(f.uri)) return;
    const index = new FolderIndex(f.uri, u.fsPath, f.name, this);
    this.folders.set(f.uri, index);
    if (start) void this.start(index);
  }

  private removeFolder(uri: string): void {
    const f = this.folders.get(uri);
    if (!f) return;
    f.dispose();
    this.folders.delete(uri);
    this.diagnostics.clear(uri);
    this.published(f);
  }

  /** (Re)start a folder according to its settings. */
  private async start(f: FolderIndex): Promise<void> {
    const s = await this.settings.get(f.uri);
    // The root of the file system or the home folder is no project: indexing it would read the disk.
    const broad = broadWorkspaceReason(f.root, homedir() || null);
    if (!s.enable || broad) {
      f.disable();
      if (broad) {
        f.error = `Not indexed: ${broad} holds far more than one project. Open a project folder instead.`;
        this.log.warn(`${f.name}: ${f.error}`);
      }
      this.diagnostics.clear(f.uri);
      this.published(f);
      return;
    }
    f.enabled = true;
    f.structureChanged();
    f.schedule(f.snapshot ? s.debounceMs : 0, !f.snapshot);
  }

  private async reschedule(f: FolderIndex): Promise<void> {
    const s = await this.settings.get(f.uri);
    if (s.enable) f.schedule(s.debounceMs);
  }

  private onDocument(uri: string): void {
    const f = this.folderOf(uri);
    const rel = f ? relPath(f.root, uri) : null;
    if (!f || !rel || IGNORED_DIRS.test(rel) || !(isSourceFile(rel) || WATCHED.test(rel))) return;
    if (WATCHED.test(rel)) f.structureChanged();
    else f.contentChanged(rel);
    void this.reschedule(f);
  }

  /** The folder a URI belongs to (the innermost, for nested folders). */
  private folderOf(uri: string): FolderIndex | undefined {
    let best: FolderIndex | undefined;
    for (const f of this.folders.values()) {
      if (relPath(f.root, uri) !== null && (!best || f.root.length > best.root.length)) best = f;
    }
    return best;
  }

  private readFile(f: FolderIndex, rel: string): string | null {
    // Nothing outside the workspace is read, not even through a symlink or an open editor.
    const target = workspaceTarget(f.root, rel);
    if ('reason' in target) return null;
    const open = this.documents.get(fileUri(f.root, rel));
    if (open) return open.getText();
    const abs = target.abs;
    try {
      if (!existsSync(abs)) return null;
      // Decoded as the analyzer reads files (UTF-16 with a BOM, UTF-8 with or without one).
      const decoded = decodeText(readFileSync(abs));
      return 'text' in decoded ? decoded.text : null;
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------- IndexHost

  overlays(folder: FolderIndex): ReadonlyMap<string, string> {
    const out = new Map<string, string>();
    for (const doc of this.documents.all()) {
      const rel = relPath(folder.root, doc.uri);
      if (rel && rel !== '.') out.set(rel, doc.getText());
    }
    return out;
  }

  async baselineMode(folder: FolderIndex): Promise<'dim' | 'hide' | 'show'> {
    return (await this.settings.get(folder.uri)).baseline;
  }

  published(folder: FolderIndex): void {
    this.generation++;
    void this.settings.get(folder.uri).then((s) => this.diagnostics.publish(folder, s ?? DEFAULT_SETTINGS));
    void this.connection.sendNotification(indexChangedNotification, { generation: this.generation });
    if (this.canRefreshLenses) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    this.statusChanged();
  }

  statusChanged(): void {
    void this.connection.sendNotification(statusNotification, this.status());
  }

  async beginProgress(title: string) {
    if (!this.canProgress) return null;
    const p = await this.connection.window.createWorkDoneProgress();
    p.begin('API Parity', 0, title, false);
    return { report: (message: string, percentage?: number) => (percentage === undefined ? p.report(message) : p.report(percentage, message)), done: () => p.done() };
  }

  private status(): StatusParams {
    const folders = [...this.folders.values()].filter((f) => f.enabled);
    const indexing = folders.some((f) => f.running);
    const results = folders.map((f) => f.snapshot).filter((r) => r !== null);
    const sum = (k: 'endpoints' | 'used' | 'missing' | 'methodMismatch' | 'ignored') => results.reduce((n, r) => n + r.summary[k], 0);
    const endpoints = sum('endpoints');
    const used = sum('used');
    const missing = sum('missing');
    const methodMismatch = sum('methodMismatch');
    const skipped = results.reduce((n, r) => n + r.skipped.length, 0);
    const errors = folders.filter((f) => f.error || f.configError);
    const durationMs = folders.reduce<number | null>((n, f) => (f.durationMs === null ? n : (n ?? 0) + f.durationMs), null);
    const calls = results.reduce((n, r) => n + r.summary.calls, 0);
    const state = errors.length && results.length === 0 ? 'error' : indexing && results.length === 0 ? 'indexing' : endpoints === 0 && calls === 0 ? (indexing ? 'indexing' : 'empty') : 'ready';
    const blind = results.reduce((n, r) => n + r.notes.filter((x) => x.level === 'warning').length, 0);
    const problems = [missing ? `${missing} missing` : '', methodMismatch ? `${methodMismatch} method mismatch${methodMismatch === 1 ? '' : 'es'}` : '', blind ? `${blind} blind spot${blind === 1 ? '' : 's'}` : ''].filter(Boolean);
    const text = state === 'empty' ? 'no routes or calls found' : `${used}/${endpoints} endpoints used${problems.length ? ` · ${problems.join(' · ')}` : ''}`;
    const detail = [
      ...folders.map((f) => {
        if (f.error) return `${f.name}: analysis failed: ${f.error}`;
        const r = f.snapshot;
        if (!r) return `${f.name}: indexing…`;
        const s = r.summary;
        return `${f.name}: ${s.endpoints} endpoints (${s.used} used, ${s.unused} unused${s.ignored ? `, ${s.ignored} ignored` : ''}), ${s.calls} calls (${s.resolvedCalls} resolved, ${s.external} external), ${s.missing} missing, ${s.methodMismatch} method mismatches; ${s.filesParsed}/${s.filesScanned} files parsed${r.skipped.length ? `, ${r.skipped.length} skipped` : ''}${f.durationMs !== null ? ` in ${f.durationMs} ms` : ''}`;
      }),
      ...errors.filter((f) => f.configError).map((f) => `${f.name}: ${f.configError!.message}`),
      ...results.flatMap((r) => r.notes.filter((n) => n.level === 'warning').map((n) => `⚠ ${n.file ? `${n.file}: ` : ''}${n.message}`)),
      ...results.flatMap((r) => r.skipped.slice(0, 20).map((s) => `skipped ${s.file}: ${s.reason}`)),
    ].join('\n');
    return { state: indexing && state !== 'error' ? (results.length ? 'ready' : 'indexing') : state, text: indexing ? `$(sync~spin) ${text}` : text, detail, endpoints, used, missing, methodMismatch, skipped, durationMs };
  }

  dispose(): void {
    for (const f of this.folders.values()) f.dispose();
  }
}

/** Why a quick fix may not write the root-relative `rel`, or null when it may. */
function writeProblem(root: string, rel: string): string | null {
  const t = workspaceTarget(root, rel);
  return 'reason' in t ? t.reason : null;
}
