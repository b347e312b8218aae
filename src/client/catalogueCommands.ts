/**
 * Commands of the Endpoints view (filters, the current-file and changed-files modes), the service picker
 * (also reached from the status item) and "Go to Route" from a URL string in any document.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ENDPOINT_STATUSES, type EndpointStatus } from '../core/query/catalogue';
import { HTTP_METHODS, type MethodOrAny } from '../core/types';
import { catalogueRequest, routesForUrlRequest } from '../shared/protocol';
import { urlAt } from './urlAtCursor';
import type { EndpointCatalogue } from './views/catalogue';

export interface CatalogueHost {
  client(): LanguageClient | null;
  catalogue: EndpointCatalogue;
  /** The service the Gap Explorer and the catalogue focus on changed (null: all). */
  serviceChanged(service: string | null): void;
}

/** The string literal (or selection) at the cursor (see `urlAt`). */
export function urlAtCursor(editor: vscode.TextEditor): string {
  const at = editor.selection.active;
  return urlAt(editor.document.lineAt(at.line).text, at.character, editor.selection.isEmpty ? '' : editor.document.getText(editor.selection));
}

export function registerCatalogueCommands(host: CatalogueHost): vscode.Disposable[] {
  const cat = host.catalogue;
  const table: Record<string, (...args: never[]) => unknown> = {
    'apiParity.catalogue.filter': async () => {
      const text = await vscode.window.showInputBox({ title: 'Filter Endpoints', prompt: 'Words that must all appear in the method, path, handler, service or file', value: cat.state.filter.text ?? '', placeHolder: 'e.g. GET users' });
      if (text !== undefined) cat.setState({ filter: { ...cat.state.filter, text: text.trim() } });
    },
    'apiParity.catalogue.filterMethod': async () => {
      const chosen = new Set(cat.state.filter.methods ?? []);
      const picks = await vscode.window.showQuickPick(
        HTTP_METHODS.map((m) => ({ label: m, picked: chosen.has(m) })),
        { title: 'Show Endpoints with These Methods', canPickMany: true },
      );
      if (picks) cat.setState({ filter: { ...cat.state.filter, methods: picks.map((p) => p.label as MethodOrAny) } });
    },
    'apiParity.catalogue.filterStatus': async () => {
      const chosen = new Set(cat.state.filter.statuses ?? []);
      const picks = await vscode.window.showQuickPick(
        ENDPOINT_STATUSES.map((s) => ({ label: s, picked: chosen.has(s) })),
        { title: 'Show Endpoints with These Statuses', canPickMany: true },
      );
      if (picks) cat.setState({ filter: { ...cat.state.filter, statuses: picks.map((p) => p.label as EndpointStatus) } });
    },
    'apiParity.catalogue.currentFile': () => cat.setState({ currentFile: !cat.state.currentFile }),
    'apiParity.catalogue.changed': () => cat.setState({ changedOnly: !cat.state.changedOnly }),
    'apiParity.catalogue.clearFilter': () => {
      cat.setState({ filter: {}, currentFile: false, changedOnly: false });
      host.serviceChanged(null);
    },
    'apiParity.pickService': async () => {
      const c = host.client();
      if (!c) return;
      const top = await c.sendRequest(catalogueRequest, { filter: {}, parent: null });
      const all = { label: '$(list-flat) All services', service: null as string | null };
      const items = [all, ...top.nodes.map((n) => ({ label: `$(server-environment) ${n.label}`, description: n.description ?? '', service: n.label as string | null }))];
      const pick = await vscode.window.showQuickPick(items, { title: 'Focus on a Service', placeHolder: 'The Gap Explorer and the Endpoints view show only this service' });
      if (!pick) return;
      cat.setState({ filter: { ...cat.state.filter, services: pick.service ? [pick.service] : [] } });
      host.serviceChanged(pick.service);
    },
    'apiParity.goToRoute': async () => {
      const c = host.client();
      const editor = vscode.window.activeTextEditor;
      if (!c || !editor) return;
      const text = urlAtCursor(editor);
      const { targets } = await c.sendRequest(routesForUrlRequest, { text });
      if (targets.length === 0) {
        void vscode.window.setStatusBarMessage(`API Parity: no route serves ${text || 'the text at the cursor'}`, 5000);
        return;
      }
      const target = targets.length === 1 ? targets[0] : await vscode.window.showQuickPick([...targets].map((t) => ({ ...t, description: t.detail })), { title: `Routes for ${text}` });
      if (!target) return;
      const pos = new vscode.Position(target.line, target.character);
      await vscode.window.showTextDocument(vscode.Uri.parse(target.uri), { selection: new vscode.Range(pos, pos) });
    },
  };
  return Object.entries(table).map(([id, fn]) => vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
}
