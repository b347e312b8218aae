/**
 * A language status item: coverage ("42/57 endpoints used · 3 missing") and indexing progress, fed by
 * the server's `apiParity/status` notification.
 */
import * as vscode from 'vscode';
import { DOCUMENT_FILTERS } from '../shared/documents';
import type { StatusParams } from '../shared/protocol';

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  /** The service picker: which service the views focus on. */
  private readonly service: vscode.LanguageStatusItem;
  last: StatusParams | null = null;

  constructor() {
    const selector: vscode.DocumentSelector = DOCUMENT_FILTERS.map((f) => ({ ...f }));
    this.item = vscode.languages.createLanguageStatusItem('apiParity.status', selector);
    this.item.name = 'API Parity';
    this.item.text = 'API Parity: starting…';
    this.item.busy = true;
    this.item.command = { title: 'Open Gap Explorer', command: 'apiParity.gapExplorer.focus' };
    this.service = vscode.languages.createLanguageStatusItem('apiParity.service', selector);
    this.service.name = 'API Parity service';
    this.focused(null);
  }

  /** Show the focused service (null: all). */
  focused(service: string | null): void {
    this.service.text = service ? `API service: ${service}` : 'API services: all';
    this.service.command = { title: 'Pick Service', command: 'apiParity.pickService' };
  }

  update(s: StatusParams): void {
    this.last = s;
    this.item.busy = s.state === 'indexing' || s.text.includes('~spin');
    this.item.text = s.text.replace('$(sync~spin) ', '');
    this.item.detail = s.state === 'indexing' ? 'indexing…' : s.durationMs !== null ? `indexed in ${s.durationMs} ms` : undefined;
    this.item.severity = s.state === 'error' ? vscode.LanguageStatusSeverity.Error : s.missing + s.methodMismatch > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.item.accessibilityInformation = { label: `API Parity: ${this.item.text}. ${s.detail}` };
  }

  stopped(): void {
    this.item.busy = false;
    this.item.text = 'API Parity: stopped';
    this.item.severity = vscode.LanguageStatusSeverity.Error;
    this.item.command = { title: 'Restart', command: 'apiParity.restartServer' };
  }

  dispose(): void {
    this.item.dispose();
    this.service.dispose();
  }
}
