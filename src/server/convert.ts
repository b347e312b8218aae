/**
 * The only place that turns core data (1-based lines and columns, root-relative POSIX paths) into LSP
 * shapes (0-based positions, file URIs).
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Location, type Position, type Range } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { absolute, relativeToRoot } from '../core/path';
import type { Gap, Severity, Span } from '../core/types';

export function toRange(s: Span): Range {
  return { start: { line: s.line - 1, character: s.column - 1 }, end: { line: s.endLine - 1, character: s.endColumn - 1 } };
}

export function toPosition(line: number, column: number): Position {
  return { line: line - 1, character: column - 1 };
}

export function fileUri(root: string, rel: string): string {
  return URI.file(absolute(root, rel)).toString();
}

/** Root-relative path of a document URI, or null when it is outside the folder (or not a file). */
export function relPath(root: string, uri: string): string | null {
  const u = URI.parse(uri);
  if (u.scheme !== 'file') return null;
  return relativeToRoot(root, u.fsPath);
}

export function location(root: string, rel: string, span: Span): Location {
  return { uri: fileUri(root, rel), range: toRange(span) };
}

export function contains(span: Span, pos: Position): boolean {
  const line = pos.line + 1;
  const col = pos.character + 1;
  if (line < span.line || line > span.endLine) return false;
  if (line === span.line && col < span.column) return false;
  if (line === span.endLine && col > span.endColumn) return false;
  return true;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface GapData {
  readonly kind: Gap['kind'];
  readonly subject: string;
  readonly folderUri: string;
}

export function toDiagnostic(root: string, folderUri: string, gap: Gap): Diagnostic {
  const data: GapData = { kind: gap.kind, subject: gap.subject, folderUri };
  return {
    range: toRange(gap),
    severity: SEVERITY[gap.severity],
    source: 'API Parity',
    code: gap.kind,
    message: gap.message,
    ...(gap.kind === 'unused-endpoint' ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(gap.related.length ? { relatedInformation: gap.related.map((r) => ({ location: { uri: fileUri(root, r.file), range: { start: toPosition(r.line, r.column), end: toPosition(r.line, r.column) } }, message: r.message })) } : {}),
    data,
  };
}
