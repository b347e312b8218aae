/**
 * Starting the language server (dist/server.js over IPC) and the client options: which documents it
 * sees, which file events it gets, where its log goes, and never a popup for what the user cannot fix.
 */
import * as vscode from 'vscode';
import { DOCS_ENV_GLOB, DOCUMENT_FILTERS, MANIFEST_GLOB, SOURCE_GLOB } from '../shared/documents';
import { CloseAction, ErrorAction, LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';


export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  let restarts = 0;
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_FILTERS.map((f) => ({ ...f })),
    synchronize: {
      fileEvents: [SOURCE_GLOB, MANIFEST_GLOB, DOCS_ENV_GLOB].map((g) => vscode.workspace.createFileSystemWatcher(g)),
    },
    outputChannel: log,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationFailedHandler: (error) => {
      log.error(`API Parity server failed to initialize: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return false;
    },
    errorHandler: {
      error: (error, _message, count) => {
        log.error(`connection error (${count ?? 0}): ${error.message}`);
        return { action: (count ?? 0) < 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
      },
      closed: () => {
        restarts++;
        if (restarts <= 4) {
          log.warn(`the API Parity server stopped; restarting (${restarts}/4)`);
          return { action: CloseAction.Restart };
        }
        log.error('the API Parity server stopped 5 times; not restarting. Use "API Parity: Restart Server".');
        return { action: CloseAction.DoNotRestart, message: 'The API Parity server stopped repeatedly. See the "API Parity" output for details.' };
      },
    },
  };
  return new LanguageClient('apiParity', 'API Parity', serverOptions, clientOptions);
}
