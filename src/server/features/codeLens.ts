/**
 * Lenses over routes (`3 callers` → peek references, or `no callers in this workspace`) and over calls
 * (`→ GET /api/v1/users/{id} · api/routes/users.py:12` → open the handler, or why it matches nothing).
 * Served from the last complete snapshot.
 */
import type { CodeLens } from 'vscode-languageserver';
import { methodLabel, type AnalysisResult, type Call, type Endpoint } from '../../core';
import { Commands, type RevealArgs, type ShowCallersArgs } from '../../shared/protocol';
import { fileUri, location, toPosition, toRange } from '../convert';

export function codeLenses(root: string, result: AnalysisResult, rel: string): CodeLens[] {
  const lenses: CodeLens[] = [];
  const calls = new Map(result.calls.map((c) => [c.id, c]));
  const endpoints = new Map(result.endpoints.map((e) => [e.id, e]));
  // Routes: one lens per registration line, summing the methods registered there.
  const byLine = new Map<number, Endpoint[]>();
  for (const e of result.endpoints) {
    if (e.file !== rel) continue;
    const list = byLine.get(e.line) ?? [];
    list.push(e);
    byLine.set(e.line, list);
  }
  for (const [, eps] of byLine) {
    const first = eps[0]!;
    const callers = eps.flatMap((e) => e.callers.map((id) => calls.get(id)).filter((c): c is Call => !!c));
    const range = toRange(first);
    const prefix = eps.length > 1 ? `${eps.map((e) => e.method).join('/')} ` : '';
    if (callers.length === 0) {
      const ignored = eps.every((e) => e.ignored !== null) ? ` · ignored: ${first.ignored}` : '';
      lenses.push({ range, command: { title: `${prefix}no callers in this workspace${ignored}`, command: '' } });
      continue;
    }
    const args: ShowCallersArgs = {
      uri: fileUri(root, rel),
      position: toPosition(first.line, first.column),
      locations: callers.map((c) => location(root, c.file, c)),
    };
    lenses.push({ range, command: { title: `${prefix}${callers.length} caller${callers.length === 1 ? '' : 's'}`, command: Commands.showCallers, arguments: [args] } });
  }
  // Calls.
  for (const c of result.calls) {
    if (c.file !== rel) continue;
    const range = toRange(c);
    const target = c.endpoint ? endpoints.get(c.endpoint) : undefined;
    if (target) {
      const args: RevealArgs = { uri: fileUri(root, target.file), ...toPosition(target.line, target.column) };
      lenses.push({ range, command: { title: `→ ${methodLabel(target.method)} ${target.path} · ${target.file}:${target.line}`, command: Commands.revealLocation, arguments: [args] } });
      continue;
    }
    lenses.push({ range, command: { title: callLensTitle(c), command: '' } });
  }
  return lenses;
}

function callLensTitle(c: Call): string {
  switch (c.status) {
    case 'missing':
      return 'no matching route';
    case 'method-mismatch':
      return `no ${c.method} route for ${c.path}`;
    case 'external':
      return `external · ${c.origin}`;
    case 'ignored':
      return `ignored · ${c.reason?.replace(/^ignored: /, '') ?? ''}`;
    case 'unresolved':
      return `URL not resolved · ${c.reason ?? ''}`;
    case 'unchecked':
      return `not checked · ${c.reason?.replace(/^not checked: /, '') ?? ''}`;
    default:
      return c.path ?? '';
  }
}
