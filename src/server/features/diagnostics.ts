/**
 * Publishes each folder's diagnostics (decided by the core: core/query/diagnostics.ts) and clears those
 * of files that no longer have any (tracked per folder).
 */
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { diagnosticsByFile } from '../../core';
import type { Settings } from '../../shared/settings';
import { fileUri, toDiagnostic } from '../convert';
import type { FolderIndex } from '../workspaceIndex';

export class DiagnosticsPublisher {
  private readonly published = new Map<string, Set<string>>();

  constructor(private readonly connection: Connection) {}

  publish(folder: FolderIndex, settings: Settings): void {
    const byFile = diagnosticsByFile(folder.enabled ? folder.snapshot : null, folder.configError?.problems ?? [], { unusedEndpoints: settings.diagnostics.unusedEndpoints });
    const byUri = new Map<string, Diagnostic[]>();
    for (const [file, list] of byFile) byUri.set(fileUri(folder.root, file), list.map((d) => toDiagnostic(folder.root, folder.uri, d)));
    const previous = this.published.get(folder.uri) ?? new Set<string>();
    for (const [uri, diagnostics] of byUri) void this.connection.sendDiagnostics({ uri, diagnostics });
    for (const uri of previous) if (!byUri.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.set(folder.uri, new Set(byUri.keys()));
  }

  clear(folderUri: string): void {
    for (const uri of this.published.get(folderUri) ?? []) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.delete(folderUri);
  }
}
