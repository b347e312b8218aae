/**
 * Hover, go-to-definition and find-references: the core's answers (core/query) in LSP shapes.
 */
import type { Hover, Location, LocationLink, Position } from 'vscode-languageserver';
import { definitionAt, hoverAt, referencesAt, type AnalysisResult } from '../../core';
import { fileUri, fromPosition, toLocation, toRange } from '../convert';

export function hover(root: string, result: AnalysisResult, rel: string, pos: Position): Hover | null {
  const h = hoverAt(result, rel, fromPosition(pos), (file, line) => `${fileUri(root, file)}#L${line}`);
  return h && { contents: { kind: 'markdown', value: h.markdown }, range: toRange(h.span) };
}

export function definition(root: string, result: AnalysisResult, rel: string, pos: Position): LocationLink[] | null {
  const d = definitionAt(result, rel, fromPosition(pos));
  if (!d) return null;
  return d.targets.map((t) => {
    const target = toLocation(root, t);
    return { originSelectionRange: toRange(d.origin), targetUri: target.uri, targetRange: target.range, targetSelectionRange: target.range };
  });
}

export function references(root: string, result: AnalysisResult, rel: string, pos: Position): Location[] | null {
  return referencesAt(result, rel, fromPosition(pos))?.map((l) => toLocation(root, l)) ?? null;
}
