/**
 * The only place that turns core data (1-based lines and columns, root-relative POSIX paths) into LSP
 * shapes (0-based positions, file URIs), and LSP positions back into core ones.
 */
import { DiagnosticSeverity, DiagnosticTag, SymbolKind, type Diagnostic, type Location, type Position, type Range, type SymbolInformation } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { absolute, relativeToRoot } from '../core/path';
import type { DiagnosticTagName, FileDiagnostic, Position as CorePosition, RouteSymbol } from '../core/query';
import type { Endpoint, FileLocation, Gap, Severity, Span } from '../core/types';
import type { RouteTarget } from '../shared/protocol';

export function toRange(s: Span): Range {
  return { start: { line: s.line - 1, character: s.column - 1 }, end: { line: s.endLine - 1, character: s.endColumn - 1 } };
}

export function toPosition(line: number, column: number): Position {
  return { line: line - 1, character: column - 1 };
}

/** An LSP position as the core's 1-based line and column. */
export function fromPosition(pos: Position): CorePosition {
  return { line: pos.line + 1, column: pos.character + 1 };
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

export function toLocation(root: string, l: FileLocation): Location {
  return location(root, l.file, l);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const TAG: Record<DiagnosticTagName, DiagnosticTag> = {
  unnecessary: DiagnosticTag.Unnecessary,
};

/** What a gap diagnostic carries for its quick fixes. */
export interface GapData {
  readonly kind: Gap['kind'];
  readonly subject: string;
  readonly folderUri: string;
}

export function toDiagnostic(root: string, folderUri: string, d: FileDiagnostic): Diagnostic {
  const data: GapData | undefined = d.gap && { kind: d.gap.kind, subject: d.gap.subject, folderUri };
  return {
    range: toRange(d.span),
    severity: SEVERITY[d.severity],
    source: 'API Parity',
    code: d.code,
    message: d.message,
    ...(d.tags.length ? { tags: d.tags.map((t) => TAG[t]) } : {}),
    ...(d.related.length ? { relatedInformation: d.related.map((r) => ({ location: toLocation(root, r.location), message: r.message })) } : {}),
    ...(data ? { data } : {}),
  };
}

/** A route as a workspace symbol (a method, in the route's service). */
export function toRouteSymbol(root: string, s: RouteSymbol): SymbolInformation {
  return { name: s.name, kind: SymbolKind.Method, containerName: s.detail, location: toLocation(root, s.location) };
}

/** A route as a "Go to Route" target. */
export function toRouteTarget(root: string, e: Endpoint): RouteTarget {
  return { label: `${e.method === '*' ? 'ANY' : e.method} ${e.path}`, detail: `${e.handler ? `${e.handler} · ` : ''}${e.service} · ${e.file}:${e.line}`, uri: fileUri(root, e.file), ...toPosition(e.line, e.column) };
}
