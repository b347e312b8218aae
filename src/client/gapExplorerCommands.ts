/**
 * Commands of the Gap Explorer's title bar: a text filter, "only the current file", and clearing both
 * (with the service focus the status item's picker sets).
 */
import * as vscode from 'vscode';
import type { GapExplorer } from './views/gapExplorer';

export function registerGapExplorerCommands(explorer: GapExplorer, serviceChanged: (service: string | null) => void): vscode.Disposable[] {
  const table: Record<string, () => unknown> = {
    'apiParity.gapExplorer.filter': async () => {
      const text = await vscode.window.showInputBox({ title: 'Filter Gap Explorer', prompt: 'Words that must all appear in a row: method, path, handler, file, service or group', value: explorer.state.text, placeHolder: 'e.g. POST users' });
      if (text !== undefined) explorer.setState({ text: text.trim() });
    },
    'apiParity.gapExplorer.currentFile': () => explorer.setState({ currentFile: !explorer.state.currentFile }),
    'apiParity.gapExplorer.clearFilter': () => {
      explorer.setState({ text: '', currentFile: false });
      serviceChanged(null);
    },
  };
  return Object.entries(table).map(([id, fn]) => vscode.commands.registerCommand(id, fn));
}
