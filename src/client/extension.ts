/**
 * Activation: one log channel, the language client, the Gap Explorer, the status item, commands.
 * Returns a small API (used by the end-to-end tests).
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { indexChangedNotification, statusNotification, type GapsResult } from '../shared/protocol';
import { REQUIRES_RESTART } from '../shared/settings';
import { registerCommands } from './commands';
import { createLanguageClient } from './languageClient';
import { createLog, stringify } from './log';
import { registerCatalogueCommands } from './catalogueCommands';
import { registerGapExplorerCommands } from './gapExplorerCommands';
import { SnapshotFeed } from './snapshots';
import { StatusItem } from './status';
import { EndpointCatalogue } from './views/catalogue';
import { GapExplorer } from './views/gapExplorer';

/**
 * The views never ask for the whole snapshot (`apiParity/gaps`); this API does, for the tests, and only
 * once one of its snapshot methods was called (from then on after every new index).
 */
export interface ApiParityApi {
  /** The last whole snapshot received from the server (null until one was asked for and arrived). */
  gaps(): GapsResult | null;
  /** What the Endpoints view's message says (its filter and counts). */
  catalogueSummary(): string;
  /** What the Gap Explorer's message says (its filter and counts, or "Indexing…"). */
  gapExplorerMessage(): string;
  /** Resolves with the next whole snapshot that has at least one analysed folder. */
  whenIndexed(): Promise<GapsResult>;
}

let client: LanguageClient | null = null;

export function activate(context: vscode.ExtensionContext): ApiParityApi {
  const activatedAt = performance.now();
  const log = createLog();
  context.subscriptions.push(log);
  const { explorer, status, view, catalogue } = createViews(context, () => (client?.state === State.Running ? client : null));


  const feed = new SnapshotFeed(() => (client?.state === State.Running ? client : null), log, () => scheduleRefresh());
  const refresh = async () => {
    if (!client || client.state !== State.Running) return;
    explorer.refresh();
    catalogue.refresh();
    await feed.fetch();
  };
  const scheduleRefresh = coalesced(refresh);

  const start = async () => {
    client = createLanguageClient(context, log);
    client.onNotification(statusNotification, (s) => status.update(s));
    client.onNotification(indexChangedNotification, () => scheduleRefresh());
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) {
        status.stopped();
        void vscode.commands.executeCommand('setContext', 'apiParity.state', 'stopped');
      }
    });
    await client.start();
    log.info('API Parity server started');
    scheduleRefresh();
  };
  let restarting: Promise<void> | null = null;
  const restart = async () => {
    restarting ??= (async () => {
      try {
        if (client) await client.stop().catch((e: unknown) => log.warn(`stopping the server: ${stringify(e)}`));
        await start();
      } finally {
        restarting = null;
      }
    })();
    return restarting;
  };

  context.subscriptions.push(...registerCommands({ client: () => client, restart, log }));
  const serviceChanged = (service: string | null) => {
    explorer.focus(service);
    status.focused(service);
  };
  context.subscriptions.push(...registerCatalogueCommands({ client: () => client, catalogue, serviceChanged }), ...registerGapExplorerCommands(explorer, serviceChanged));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (REQUIRES_RESTART.some((k) => e.affectsConfiguration(k))) void restart();
    }),
    { dispose: () => void client?.stop() },
  );

  // The server starts in the background: activation (what VS Code waits for) is the views and commands only.
  void start().catch((e: unknown) => {
    log.error(`API Parity could not start its server: ${stringify(e)}`);
    status.stopped();
    void vscode.commands.executeCommand('setContext', 'apiParity.state', 'stopped');
    void vscode.window.showErrorMessage('API Parity could not start its language server. See the "API Parity" output.');
  });
  log.info(`activated in ${(performance.now() - activatedAt).toFixed(1)} ms (the language server starts in the background); workspace folders: ${vscode.workspace.workspaceFolders?.length ?? 0}`);
  // What the editor says of its folders, next to what the server lays out (a window whose folders never reach
  // the extension host is then told apart from folders the server missed).
  context.subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders((e) => log.info(`workspace folders changed: ${e.added.length} added, ${e.removed.length} removed (now ${vscode.workspace.workspaceFolders?.length ?? 0})`)));

  return {
    gaps: () => feed.gaps(),
    catalogueSummary: () => catalogue.summary,
    gapExplorerMessage: () => view.message ?? '',
    whenIndexed: () => feed.whenIndexed(),
  };
}

/** The Gap Explorer, the Endpoints view and the status items. */
function createViews(context: vscode.ExtensionContext, running: () => LanguageClient | null) {
  const explorer = new GapExplorer(context, running);
  const status = new StatusItem();
  const view = vscode.window.createTreeView('apiParity.gapExplorer', { treeDataProvider: explorer, showCollapseAll: false });
  const catalogue = new EndpointCatalogue(context, running);
  const catalogueView = vscode.window.createTreeView('apiParity.endpoints', { treeDataProvider: catalogue, showCollapseAll: true });
  context.subscriptions.push(explorer, status, view, catalogue, catalogueView, ...catalogue.attach(catalogueView), ...explorer.attach(view));
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => {
      if (catalogue.state.currentFile) catalogue.refresh();
      if (explorer.state.currentFile) explorer.refresh();
    }),
  );
  void vscode.commands.executeCommand('setContext', 'apiParity.state', 'indexing');
  return { explorer, status, view, catalogue };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = null;
}

/**
 * One run of `fn` at a time; a call while it runs makes it run once more after (the views may already
 * have asked for their rows before an index change announced meanwhile).
 */
function coalesced(fn: () => Promise<void>): () => void {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await fn();
      } while (again);
    })().finally(() => (running = null));
  };
}
