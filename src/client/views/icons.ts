/** The icon a tree row names: `method:GET` (the extension's method badges), `file`, or a theme icon id. */
import * as vscode from 'vscode';

export function rowIcon(context: vscode.ExtensionContext, id: string): vscode.Uri | vscode.ThemeIcon {
  if (id.startsWith('method:')) return vscode.Uri.joinPath(context.extensionUri, 'media', 'icons', 'methods', `${id.slice('method:'.length)}.svg`);
  return id === 'file' ? vscode.ThemeIcon.File : new vscode.ThemeIcon(id);
}
