/**
 * Publishes each folder's gaps as diagnostics, plus configuration problems on the config file, and
 * clears diagnostics of files that no longer have any (tracked per folder).
 */
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../../core';
import type { Settings } from '../../shared/settings';
import { fileUri, toDiagnostic, toPosition } from '../convert';
import type { FolderIndex } from '../workspaceIndex';

export class DiagnosticsPublisher {
  private readonly published = new Map<string, Set<string>>();

  constructor(private readonly connection: Connection) {}

  publish(folder: FolderIndex, settings: Settings): void {
    const byUri = new Map<string, Diagnostic[]>();
    const add = (uri: string, d: Diagnostic) => {
      const list = byUri.get(uri) ?? [];
      list.push(d);
      byUri.set(uri, list);
    };
    if (folder.enabled && folder.snapshot) {
      for (const gap of folder.snapshot.gaps) {
        if (gap.kind === 'unused-endpoint' && !settings.diagnostics.unusedEndpoints) continue;
        add(fileUri(folder.root, gap.file), toDiagnostic(folder.root, folder.uri, gap));
      }
    }
    if (folder.configError) {
      // The server reads the config file at the folder root (the CLI's --config has no editor counterpart).
      for (const p of folder.configError.problems) {
        add(fileUri(folder.root, CONFIG_FILE_NAME), {
          range: { start: toPosition(p.line, p.column), end: toPosition(p.line, p.column + 1) },
          severity: DiagnosticSeverity.Error,
          source: 'API Parity',
          code: 'config',
          message: `${p.message} (API Parity uses its defaults until this is fixed)`,
        });
      }
    }
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
