/**
 * Code lenses from the core (core/query/lenses.ts), as LSP lenses whose commands the client runs.
 * Served from the last complete snapshot.
 */
import type { CodeLens, Command } from 'vscode-languageserver';
import { lensesFor, type AnalysisResult, type Lens } from '../../core';
import { Commands, type RevealArgs, type ShowCallersArgs } from '../../shared/protocol';
import { fileUri, toLocation, toPosition, toRange } from '../convert';

export function codeLenses(root: string, result: AnalysisResult, rel: string): CodeLens[] {
  return lensesFor(result, rel).map((l) => ({ range: toRange(l.span), command: lensCommand(root, rel, l) }));
}

function lensCommand(root: string, rel: string, l: Lens): Command {
  const [target] = l.action.targets;
  switch (l.action.kind) {
    case 'peek-callers': {
      const args: ShowCallersArgs = { uri: fileUri(root, rel), position: toPosition(l.span.line, l.span.column), locations: l.action.targets.map((t) => toLocation(root, t)) };
      return { title: l.title, command: Commands.showCallers, arguments: [args] };
    }
    case 'reveal':
      if (target) {
        const args: RevealArgs = { uri: fileUri(root, target.file), ...toPosition(target.line, target.column) };
        return { title: l.title, command: Commands.revealLocation, arguments: [args] };
      }
      return { title: l.title, command: '' };
    case 'none':
      return { title: l.title, command: '' };
  }
}
