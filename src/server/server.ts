/**
 * The language server: every handler is bound here, in one place. Its workspace folders (and the
 * folders their configs name in `"with"`) are one system with one index (server/system.ts); it
 * re-analyses on edits (debounced, open buffers as overlays) and on file changes, and answers from the
 * last complete snapshot while indexing.
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
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { broadWorkspaceReason, decodeText, CONFIG_FILE_NAME, nodeFileSystem, renderMarkdown, routeSymbols, withOverlays, workspaceTarget, type Logger } from '../core';
import { structural, watchedFile } from './watched';
import { gapsRequest, ignoreEndpointRequest, indexChangedNotification, reindexRequest, reportRequest, statusNotification, type GapsResult } from '../shared/protocol';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { CatalogueFeature } from './features/catalogue';
import { GapTreeFeature } from './features/gapTree';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { DiagnosticsPublisher } from './features/diagnostics';
import { definition, hover, references } from './features/hover';
import { fileUri, relPath, toRouteSymbol } from './convert';
import { SettingsCache } from './settings';
import { statusOf, type StatusFolder } from './status';
import { memberConfig, memberOf, memberWriteProblem, openSystem, systemLayout, type FolderInfo, type OpenedSystem, type SystemLayout } from './system';
import { FolderIndex, type IndexHost } from './workspaceIndex';
import { ignoreEndpointEdit } from './features/ignoreEdit';

/** The package version, injected by esbuild (`dev` when running from source). */
const SERVER_VERSION = process.env.API_PARITY_VERSION ?? 'dev';


export class Server implements IndexHost {
  private readonly documents = new TextDocuments(TextDocument);
  /** The workspace folders (file URIs only). */
  private readonly workspace = new Map<string, FolderInfo>();
  /** The system's index and layout; null when no folder is analysed. */
  private index: FolderIndex | null = null;
  private layout: SystemLayout | null = null;
  /** Folders left out of the system: disabled, or too broad (with the reason). */
  private excluded: Array<StatusFolder & { uri: string; root: string }> = [];
  private rebuilding: Promise<void> = Promise.resolve();
  private readonly settings: SettingsCache;
  private readonly diagnostics: DiagnosticsPublisher;
  private generation = 0;
  private canPullConfig = false;
  private canProgress = false;
  private canRefreshLenses = false;
  private canWatchFolders = false;
  /** The client previews annotated edits (`needsConfirmation`) before it applies them. */
  private canPreview = false;
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
    c.onInitialize((params) => {
      const result = this.initialize(params);
      // Folder changes are followed from here, not from `initialized`: VS Code's client sends the folders
      // that appeared since it filled in the initialize params (a multi-root workspace still loading) right
      // after this answer and before `initialized`, and an event fired before anyone listens is lost.
      if (this.canWatchFolders) {
        c.onNotification(DidChangeWorkspaceFoldersNotification.type, ({ event }) => {
          for (const f of event.removed) this.workspace.delete(f.uri);
          for (const f of event.added) this.addFolder(f);
          void this.rebuild();
        });
      }
      return result;
    });
    c.onInitialized(() => void this.rebuild({ askFolders: true }));
    c.onDidChangeConfiguration(() => {
      this.settings.clear();
      void this.rebuild();
    });
    c.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) {
        const folder = this.folderOf(change.uri);
        const rel = folder ? relPath(folder.root, change.uri) : null;
        if (!folder || !rel || !watchedFile(rel)) continue;
        // A file created or deleted changes the file list; a changed source file only its own content.
        if (change.type === FileChangeType.Changed && !structural(rel)) folder.contentChanged(rel);
        else folder.structureChanged();
        // A config file may name other folders (`with`): the system is laid out again.
        if (rel.endsWith(CONFIG_FILE_NAME)) void this.rebuild();
        else void this.reschedule(folder);
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
          writeProblem: (rel) => this.writeProblem(f, rel),
          log: (m) => this.connection.console.warn(m),
          documentUri: params.textDocument.uri,
          preview: this.canPreview,
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
    // Routes as workspace symbols: Ctrl+T `GET /api/users` jumps to the handler's registration.
    c.onWorkspaceSymbol((params) => this.indexes().flatMap((f) => (f.snapshot ? routeSymbols(f.snapshot, params.query).map((s) => toRouteSymbol(f.root, s)) : [])));
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
      indexing: this.indexes().some((f) => f.running),
      folders: [
        ...this.indexes().map((f) => ({ uri: f.uri, name: f.name, root: f.root, result: f.enabled ? f.snapshot : null, error: f.error ?? (f.configError ? f.configError.message : null) })),
        ...this.excluded.map((f) => ({ uri: f.uri, name: f.name, root: f.root, result: null, error: f.error })),
      ],
    }));
    c.onRequest(reindexRequest, async () => {
      for (const f of this.indexes()) {
        f.analyzer.clear();
        f.structureChanged();
      }
      await Promise.all(this.indexes().map((f) => (f.enabled ? f.run(true) : Promise.resolve())));
    });
    for (const f of [new CatalogueFeature(() => ({ index: this.index, layout: this.layout })), new GapTreeFeature(() => ({ indexes: this.indexes() }))]) f.bind(c);
    c.onRequest(ignoreEndpointRequest, async (params) => {
      await this.rebuilding;
      if (!this.index || !this.layout) throw new Error(`no workspace folder ${params.folderUri}`);
      const f = this.index;
      return ignoreEndpointEdit(params, { root: f.root, layout: this.layout, writeProblem: (rel) => this.writeProblem(f, rel), readFile: (rel) => this.readFile(f, rel), preview: this.canPreview });
    });
    c.onRequest(reportRequest, (params) => {
      const list = this.indexes().filter((f) => f.snapshot && (!params.folderUri || f.uri === params.folderUri));
      if (list.length === 0) return { markdown: '# API Parity\n\nNo analysis result yet.\n' };
      return { markdown: list.map((f) => renderMarkdown(f.snapshot!, { version: SERVER_VERSION })).join('\n\n---\n\n') };
    });
  }

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    this.canPullConfig = !!caps.workspace?.configuration;
    this.canProgress = !!caps.window?.workDoneProgress;
    this.canRefreshLenses = !!caps.workspace?.codeLens?.refreshSupport;
    this.canWatchFolders = !!caps.workspace?.workspaceFolders;
    this.canPreview = !!caps.workspace?.workspaceEdit?.changeAnnotationSupport;
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: URI.parse(params.rootUri).path.split('/').pop() ?? 'workspace' }] : []);
    for (const f of folders) this.addFolder(f);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'api-parity', version: SERVER_VERSION },
    };
  }

  /**
   * Ask the client for its folders once it is initialised: what it answers is the truth (a change event
   * lost on the way would otherwise leave the server analysing a folder list that no longer exists).
   */
  private async syncFolders(): Promise<void> {
    if (!this.canWatchFolders) return;
    try {
      const folders = await this.connection.workspace.getWorkspaceFolders();
      if (!folders) return;
      this.workspace.clear();
      for (const f of folders) this.addFolder(f);
    } catch (e) {
      this.log.warn(`could not ask the editor for its workspace folders: ${(e as Error).message ?? e}`);
    }
  }

  private addFolder(f: WorkspaceFolder): void {
    const u = URI.parse(f.uri);
    if (u.scheme === 'file') this.workspace.set(f.uri, { uri: f.uri, name: f.name, path: u.fsPath });
  }

  private indexes(): FolderIndex[] {
    return this.index ? [this.index] : [];
  }

  /** Lay the system out again (folders, settings or a config's `with` changed) and re-analyse. Serialised. */
  private rebuild({ askFolders = false } = {}): Promise<void> {
    this.rebuilding = this.rebuilding.then(async () => {
      if (askFolders) await this.syncFolders();
      await this.layOut();
    }).catch((e: unknown) => this.log.warn(`laying out the workspace failed: ${(e as Error).stack ?? e}`));
    return this.rebuilding;
  }

  private async layOut(): Promise<void> {
    this.log.debug(`laying out ${this.workspace.size} workspace folder(s)`);
    const included: FolderInfo[] = [];
    const excluded: typeof this.excluded = [];
    for (const f of this.workspace.values()) {
      // The root of the file system or the home folder is no project: indexing it would read the disk.
      const broad = broadWorkspaceReason(f.path, homedir() || null);
      const error = broad ? `Not indexed: ${broad} holds far more than one project. Open a project folder instead.` : null;
      if (error) this.log.warn(`${f.name}: ${error}`);
      if (error || !(await this.settings.get(f.uri)).enable) excluded.push({ uri: f.uri, name: f.name, root: f.path, running: false, snapshot: null, error, configError: null, durationMs: null });
      else included.push(f);
    }
    const extra: FolderInfo[] = [];
    for (const f of included) {
      const c = await memberConfig(withOverlays(nodeFileSystem(f.path), this.overlaysUnder(f.path)), f.path);
      for (const d of c.withDirs) extra.push({ uri: URI.file(d).toString(), name: d.split(/[\\/]/).pop() || d, path: d });
    }
    const layout = systemLayout(included, extra);
    this.excluded = excluded;
    if (layout?.key !== this.layout?.key) {
      if (this.index) {
        this.index.dispose();
        this.diagnostics.clear(this.index.uri);
      }
      this.layout = layout;
      this.index = layout ? new FolderIndex(layout.uri, layout.root, layout.name, this) : null; // enabled from the start
      if (layout && layout.members.length > 1) this.log.info(`analysing ${layout.members.map((m) => m.path).join(', ')} as one system (paths below ${layout.root})`);
    }
    const f = this.index;
    if (!f) return this.announce();
    f.structureChanged();
    f.schedule(f.snapshot ? (await this.settingsOf(f)).debounceMs : 0, !f.snapshot);
    this.announce();
  }

  /** The settings that govern the system: its first folder's. */
  private settingsOf(f: FolderIndex) {
    return this.settings.get(this.layout?.members.find((m) => m.writable)?.uri ?? f.uri);
  }

  private async reschedule(f: FolderIndex): Promise<void> {
    const s = await this.settingsOf(f);
    if (s.enable) f.schedule(s.debounceMs);
  }

  private onDocument(uri: string): void {
    const f = this.folderOf(uri);
    const rel = f ? relPath(f.root, uri) : null;
    if (!f || !rel || !watchedFile(rel)) return;
    if (structural(rel)) f.structureChanged();
    else f.contentChanged(rel);
    if (rel.endsWith(CONFIG_FILE_NAME)) void this.rebuild();
    else void this.reschedule(f);
  }

  /** The index a URI belongs to: the system's, when the URI is in one of its folders. */
  private folderOf(uri: string): FolderIndex | undefined {
    const rel = this.index ? relPath(this.index.root, uri) : null;
    return rel !== null && this.layout && memberOf(this.layout, rel) ? this.index! : undefined;
  }

  /** Why a quick fix may not write the root-relative `rel`, or null when it may. */
  private writeProblem(f: FolderIndex, rel: string): string | null {
    const outside = this.layout ? memberWriteProblem(this.layout, rel) : 'no workspace folder';
    if (outside) return outside;
    const t = workspaceTarget(f.root, rel);
    return 'reason' in t ? t.reason : null;
  }

  private readFile(f: FolderIndex, rel: string): string | null {
    // Nothing outside the workspace is read, not even through a symlink or an open editor.
    const target = workspaceTarget(f.root, rel);
    if ('reason' in target || !this.layout || !memberOf(this.layout, rel)) return null;
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

  /** Open documents below `root`: root-relative path → text. */
  private overlaysUnder(root: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const doc of this.documents.all()) {
      const rel = relPath(root, doc.uri);
      if (rel && rel !== '.' && (!this.layout || root !== this.layout.root || memberOf(this.layout, rel))) out.set(rel, doc.getText());
    }
    return out;
  }

  open(folder: FolderIndex): Promise<OpenedSystem> {
    if (!this.layout) throw new Error('no workspace folder');
    return openSystem(this.layout, this.overlaysUnder(folder.root));
  }

  async baselineMode(folder: FolderIndex): Promise<'dim' | 'hide' | 'show'> {
    return (await this.settingsOf(folder)).baseline;
  }

  published(folder: FolderIndex): void {
    void this.settingsOf(folder).then((s) => this.diagnostics.publish(folder, s ?? DEFAULT_SETTINGS));
    this.announce();
  }

  /** Tell the client the tree, the lenses and the status changed. */
  private announce(): void {
    this.generation++;
    void this.connection.sendNotification(indexChangedNotification, { generation: this.generation });
    if (this.canRefreshLenses) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    this.statusChanged();
  }

  statusChanged(): void {
    void this.connection.sendNotification(statusNotification, statusOf([...this.indexes().filter((f) => f.enabled), ...this.excluded.filter((f) => f.error)]));
  }

  async beginProgress(title: string) {
    if (!this.canProgress) return null;
    const p = await this.connection.window.createWorkDoneProgress();
    p.begin('API Parity', 0, title, false);
    return { report: (message: string, percentage?: number) => (percentage === undefined ? p.report(message) : p.report(percentage, message)), done: () => p.done() };
  }

  dispose(): void {
    for (const f of this.indexes()) f.dispose();
  }
}
