/**
 * Hover text: on a call, where it goes and how its URL was built; on a route, who calls it; on a real-time
 * event (a handler or an emit, either side), its contract findings. Markdown, with links made by the
 * caller's `linkFor` (the core knows files and lines, not URIs).
 */
import { methodLabel } from '../report/gapKinds';
import { threeWayStatus } from '../report/labels';
import type { AnalysisResult, Call, Endpoint, Gap, Span } from '../types';
import { callAt, callersOf, endpointsAt, spanContains, spanOf, targetOf, testCallersOf, type Position } from './locate';

export interface HoverInfo {
  readonly markdown: string;
  /** What the hover is about: the call, or the first route at the position. */
  readonly span: Span;
}

/** The link target for a root-relative file and 1-based line (the server makes a `file://…#L12` URI). */
export type LinkFor = (file: string, line: number) => string;

/** The hover at `pos` in `file`: a call first, else the routes there; null when there is neither. */
export function hoverAt(result: AnalysisResult, file: string, pos: Position, linkFor: LinkFor): HoverInfo | null {
  const call = callAt(result, file, pos);
  if (call) return { markdown: callHover(result, call, linkFor), span: spanOf(call) };
  const eps = endpointsAt(result, file, pos);
  if (eps.length) return { markdown: endpointsHover(result, eps, linkFor), span: spanOf(eps[0]!) };
  // An emit or handler that is no endpoint (a client's): its event findings.
  const gaps = eventGapsAt(result, file, pos);
  if (gaps.length) return { markdown: [`**API Parity** · event \`${gaps[0]!.event}\``, '', ...gaps.map((g) => `⚠ ${g.message}`)].join('\n'), span: spanOf(gaps[0]!) };
  return null;
}

/** Event findings (event-mismatch, a payload-mismatch of an event) whose span holds `pos`. */
function eventGapsAt(result: AnalysisResult, file: string, pos: Position): Gap[] {
  return result.gaps.filter((g) => g.event != null && g.file === file && spanContains(g, pos));
}

function callHover(result: AnalysisResult, call: Call, linkFor: LinkFor): string {
  const ep = targetOf(result, call);
  const lines = [`**API Parity** · \`${methodLabel(call.method)} ${call.path ?? call.url ?? '?'}\``, ''];
  if (ep) lines.push(`→ \`${methodLabel(ep.method)} ${ep.path}\` in service \`${ep.service}\` — ${ep.handler ? `\`${ep.handler}\` ` : ''}[${ep.file}:${ep.line}](${linkFor(ep.file, ep.line)})`);
  else lines.push(statusLine(call));
  lines.push('', `URL as built: \`${call.url ?? '(unknown)'}\``);
  if (call.via.length) lines.push('', `Built through: ${call.via.map((v) => `\`${v}\``).join(' → ')}`);
  lines.push('', `Client: \`${call.client}\``);
  const m = call.clientMethod;
  if (m) lines.push('', `In \`${m.name}\`, which ${m.calledFrom === 'tests' ? 'only tests call' : 'nothing calls'}: not counted as a caller of its route.`);
  // Payload contract findings about this call (field names read or sent that the other side does not use).
  for (const g of result.gaps) if (g.subject === call.id && g.kind === 'payload-mismatch') lines.push('', `⚠ ${g.file}:${g.line} — ${g.message}`);
  return lines.join('\n');
}

/** One caller of a route: its file and line (a link to it) and the client it goes through. */
const callerLine = (c: Call, linkFor: LinkFor) => `- [${c.file}:${c.line}](${linkFor(c.file, c.line)}) via \`${c.client}\``;

function endpointsHover(result: AnalysisResult, eps: readonly Endpoint[], linkFor: LinkFor): string {
  const lines: string[] = [];
  for (const e of eps) {
    const head = e.event !== undefined ? `${e.side === 'send' ? 'emit' : 'on'} ${e.event}\` in namespace \`${e.path}` : `${methodLabel(e.method, e.kind)} ${e.path}`;
    lines.push(`**API Parity** · \`${head}\` (service \`${e.service}\`, ${e.framework})`, '');
    if (e.event === undefined) lines.push(threeWayStatus(e, callersOf(result, e).length), '');
    if (e.confidence === 'partial') lines.push(`⚠ ${e.notes.join('; ')}`, '');
    if (e.ignored) lines.push(`Ignored: ${e.ignored}`, '');
    if (e.event !== undefined) {
      // Events are paired by name with the other side's, not through callers: their findings say what is unpaired.
      lines.push(...eventGapsAt(result, e.file, e).map((g) => `⚠ ${g.message}`), '');
      continue;
    }
    const callers = callersOf(result, e);
    const tests = testCallersOf(result, e);
    if (e.callers.length === 0) lines.push('No callers in this workspace.', '');
    else lines.push(`${callers.length} caller${callers.length === 1 ? '' : 's'}:`, '');
    for (const c of callers) lines.push(callerLine(c, linkFor));
    if (tests.length) lines.push('', `${tests.length} test${tests.length === 1 ? '' : 's'}:`, '', ...tests.map((c) => callerLine(c, linkFor)));
    lines.push('');
  }
  return lines.join('\n').trim();
}

/** Why an unmatched call goes nowhere. */
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
