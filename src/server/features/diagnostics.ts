/**
 * Publishes each folder's diagnostics (decided by the core: core/query/diagnostics.ts) and clears those
 * of files that no longer have any (tracked per folder). A file whose diagnostics did not change is not
 * sent again: after an edit, only the files it affects are.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { diagnosticsByFile } from '../../core';
import type { Settings } from '../../shared/settings';
import { fileUri, toDiagnostic } from '../convert';
import type { FolderIndex } from '../workspaceIndex';

export class DiagnosticsPublisher {
  /** Folder → document → the diagnostics last sent for it (as JSON). */
  private readonly published = new Map<string, Map<string, string>>();

  constructor(private readonly connection: Connection) {}

  publish(folder: FolderIndex, settings: Settings): void {
    const byFile = diagnosticsByFile(folder.enabled ? folder.snapshot : null, folder.configError?.problems ?? [], { unusedEndpoints: settings.diagnostics.unusedEndpoints, ...(settings.baseline === 'dim' ? { baselined: folder.baselined } : {}) });
    const byUri = new Map<string, Diagnostic[]>();
    for (const [file, list] of byFile) byUri.set(fileUri(folder.root, file), list.map((d) => toDiagnostic(folder.root, folder.uri, d)));
    const previous = this.published.get(folder.uri) ?? new Map<string, string>();
    const sent = new Map<string, string>();
    for (const [uri, diagnostics] of byUri) {
      const json = JSON.stringify(diagnostics);
      sent.set(uri, json);
      if (previous.get(uri) !== json) void this.connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of previous.keys()) if (!byUri.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.set(folder.uri, sent);
  }

  clear(folderUri: string): void {
    for (const uri of this.published.get(folderUri)?.keys() ?? []) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.delete(folderUri);
  }
}
