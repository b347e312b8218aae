/**
 * Hover and navigation: on a call, where it goes and how its URL was built; on a route, who calls it.
 * Go-to-definition jumps from a call to its handler; find-references lists a route's callers.
 */
import type { Hover, Location, LocationLink, Position } from 'vscode-languageserver';
import { methodLabel, type AnalysisResult, type Call, type Endpoint } from '../../core';
import { contains, fileUri, location, toRange } from '../convert';

export function callAt(result: AnalysisResult, rel: string, pos: Position): Call | undefined {
  return result.calls.find((c) => c.file === rel && contains(c, pos));
}

export function endpointsAt(result: AnalysisResult, rel: string, pos: Position): Endpoint[] {
  return result.endpoints.filter((e) => e.file === rel && contains(e, pos));
}

export function hover(root: string, result: AnalysisResult, rel: string, pos: Position): Hover | null {
  const call = callAt(result, rel, pos);
  if (call) {
    const ep = call.endpoint ? result.endpoints.find((e) => e.id === call.endpoint) : undefined;
    const lines = [`**API Parity** · \`${methodLabel(call.method)} ${call.path ?? call.url ?? '?'}\``, ''];
    if (ep) lines.push(`→ \`${methodLabel(ep.method)} ${ep.path}\` in service \`${ep.service}\` — ${ep.handler ? `\`${ep.handler}\` ` : ''}[${ep.file}:${ep.line}](${fileUri(root, ep.file)}#L${ep.line})`);
    else lines.push(statusLine(call));
    lines.push('', `URL as built: \`${call.url ?? '(unknown)'}\``);
    if (call.via.length) lines.push('', `Built through: ${call.via.map((v) => `\`${v}\``).join(' → ')}`);
    lines.push('', `Client: \`${call.client}\``);
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: toRange(call) };
  }
  const eps = endpointsAt(result, rel, pos);
  if (eps.length) {
    const calls = new Map(result.calls.map((c) => [c.id, c]));
    const lines: string[] = [];
    for (const e of eps) {
      lines.push(`**API Parity** · \`${methodLabel(e.method)} ${e.path}\` (service \`${e.service}\`, ${e.framework})`, '');
      if (e.confidence === 'partial') lines.push(`⚠ ${e.notes.join('; ')}`, '');
      if (e.ignored) lines.push(`Ignored: ${e.ignored}`, '');
      if (e.callers.length === 0) lines.push('No callers in this workspace.', '');
      for (const id of e.callers) {
        const c = calls.get(id);
        if (c) lines.push(`- \`${c.file}:${c.line}\` via \`${c.client}\``);
      }
      lines.push('');
    }
    return { contents: { kind: 'markdown', value: lines.join('\n').trim() }, range: toRange(eps[0]!) };
  }
  return null;
}

function statusLine(c: Call): string {
  switch (c.status) {
    case 'missing':
      return '✗ No route in the workspace serves this path.';
    case 'method-mismatch':
      return `✗ The path exists, but not for ${methodLabel(c.method)}.`;
    case 'external':
      return `External call to ${c.origin} — not checked against workspace routes.`;
    default:
      return c.reason ?? c.status;
  }
}

export function definition(root: string, result: AnalysisResult, rel: string, pos: Position): LocationLink[] | null {
  const call = callAt(result, rel, pos);
  if (!call?.endpoint) return null;
  const ep = result.endpoints.find((e) => e.id === call.endpoint);
  if (!ep) return null;
  const target = location(root, ep.file, ep);
  return [{ originSelectionRange: toRange(call), targetUri: target.uri, targetRange: target.range, targetSelectionRange: target.range }];
}

export function references(root: string, result: AnalysisResult, rel: string, pos: Position): Location[] | null {
  const eps = endpointsAt(result, rel, pos);
  if (eps.length) {
    const calls = new Map(result.calls.map((c) => [c.id, c]));
    return eps.flatMap((e) => e.callers.map((id) => calls.get(id)).filter((c): c is Call => !!c).map((c) => location(root, c.file, c)));
  }
  const call = callAt(result, rel, pos);
  if (call?.endpoint) {
    const ep = result.endpoints.find((e) => e.id === call.endpoint);
    if (!ep) return null;
    const calls = new Map(result.calls.map((c) => [c.id, c]));
    return ep.callers.map((id) => calls.get(id)).filter((c): c is Call => !!c).map((c) => location(root, c.file, c));
  }
  return null;
}
