/**
 * The command table: id → handler. Every registration is returned for `context.subscriptions`.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ignoreEndpointRequest, reindexRequest, reportRequest, type ApplyFixArgs, type IgnoreCommandArgs, type RevealArgs, type ShowCallersArgs } from '../shared/protocol';
import type { Leaf } from './views/gapExplorer';

export interface CommandHost {
  client(): LanguageClient | null;
  restart(): Promise<void>;
  log: vscode.LogOutputChannel;
}

/** Is `uri` a file inside a workspace folder, after symlinks (its deepest existing folder decides)? */
function insideWorkspace(uri: vscode.Uri): boolean {
  if (uri.scheme !== 'file') return false;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder || folder.uri.scheme !== 'file') return false;
  const real = (p: string): string | null => {
    try {
      return realpathSync(p);
    } catch {
      return null;
    }
  };
  const root = real(folder.uri.fsPath);
  if (!root) return false;
  try {
    if (lstatSync(uri.fsPath).isSymbolicLink()) return false;
  } catch {
    // not there yet
  }
  for (let p = uri.fsPath; ; p = dirname(p)) {
    const r = real(p);
    if (r !== null) {
      const rel = relative(root, r);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    }
    if (dirname(p) === p) return false;
  }
}

export function registerCommands(host: CommandHost): vscode.Disposable[] {
  const table: Record<string, (...args: never[]) => unknown> = {
    'apiParity.refresh': async () => {
      const c = host.client();
      if (!c) return;
      await vscode.window.withProgress({ location: { viewId: 'apiParity.gapExplorer' }, title: 'Re-indexing' }, () => c.sendRequest(reindexRequest));
    },
    'apiParity.restartServer': () => host.restart(),
    'apiParity.showOutput': () => host.log.show(true),
    'apiParity.collapseAll': () => vscode.commands.executeCommand('workbench.actions.treeView.apiParity.gapExplorer.collapseAll'),
    'apiParity.openReport': async () => {
      const c = host.client();
      if (!c) return;
      const { markdown } = await c.sendRequest(reportRequest, { folderUri: null });
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(doc, { preview: true });
    },
    'apiParity.applyFix': async (args: ApplyFixArgs) => {
      const c = host.client();
      if (!c || !args?.edit) return;
      const edit = await c.protocol2CodeConverter.asWorkspaceEdit(args.edit);
      const outside = edit ? edit.entries().map(([uri]) => uri).find((uri) => !insideWorkspace(uri)) : undefined;
      if (outside) {
        host.log.error(`the quick fix was refused: ${outside.toString(true)} is outside the workspace (or reached through a symbolic link)`);
        return;
      }
      // An edit whose changes need confirmation opens VS Code's Refactor Preview; "Discard" answers false.
      if (!edit || !(await vscode.workspace.applyEdit(edit))) {
        host.log.warn('the quick fix was not applied (discarded in the preview, or a file changed meanwhile)');
        return;
      }
      for (const [uri] of edit.entries()) await vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.save();
      await vscode.commands.executeCommand('apiParity.revealLocation', args.reveal);
    },
    'apiParity.revealLocation': async (args: RevealArgs) => {
      if (!args?.uri) return;
      const pos = new vscode.Position(args.line, args.character);
      await vscode.window.showTextDocument(vscode.Uri.parse(args.uri), { selection: new vscode.Range(pos, pos), preserveFocus: false });
    },
    'apiParity.showCallers': async (args: ShowCallersArgs) => {
      if (!args?.uri) return;
      const locations = args.locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character)));
      await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(args.uri), new vscode.Position(args.position.line, args.position.character), locations);
    },
    'apiParity.ignoreEndpoint': async (arg: IgnoreCommandArgs | Leaf) => {
      const c = host.client();
      const args: IgnoreCommandArgs | undefined = arg && 'ignoreArgs' in arg ? (arg.ignoreArgs as IgnoreCommandArgs | undefined) : (arg as IgnoreCommandArgs);
      if (!c || !args) return;
      const what = `${args.method && args.method !== '*' ? `${args.method} ` : ''}${args.path}`;
      const reason = await vscode.window.showInputBox({
        title: `Ignore ${what}`,
        prompt: 'Why is this ignored? The reason is written to api-parity.config.json.',
        placeHolder: args.kind === 'endpoint' ? 'e.g. called by the mobile app / internal API / webhook' : 'e.g. served by the reverse proxy',
        validateInput: (v) => (v.trim() ? undefined : 'A reason is required'),
        ignoreFocusOut: true,
      });
      if (!reason?.trim()) return;
      const edit = await c.sendRequest(ignoreEndpointRequest, { folderUri: args.folderUri, method: args.method, path: args.path, reason: reason.trim() });
      const wsEdit = await c.protocol2CodeConverter.asWorkspaceEdit(edit);
      const outside = wsEdit?.entries().map(([uri]) => uri).find((uri) => !insideWorkspace(uri));
      if (outside) {
        host.log.error(`the ignore rule was not written: ${outside.toString(true)} is outside the workspace (or reached through a symbolic link)`);
        return;
      }
      if (!wsEdit || !(await vscode.workspace.applyEdit(wsEdit))) {
        host.log.warn(`the ignore rule for ${what} was not written (discarded in the preview, or the file changed meanwhile)`);
        return;
      }
      for (const [uri] of wsEdit.entries()) {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        await doc?.save();
      }
      host.log.info(`ignored ${what}: ${reason.trim()}`);
    },
  };
  return Object.entries(table).map(([id, fn]) => vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
}
