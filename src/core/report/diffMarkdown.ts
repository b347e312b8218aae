/**
 * The markdown of a review diff, sized for a pull-request comment: what the change breaks (with the
 * callers still pointing at the old route), the new gaps, and what it fixes. Paths are root-relative.
 */
import type { BreakingChange, ReviewDiff } from '../review/diff';
import type { AnalysisResult, Gap } from '../types';
import { mdCode, mdText } from './escape';
import { label } from './labels';

export interface DiffMarkdownOptions {
  readonly version: string;
  /** How the base was chosen (`merge base with origin/main`) and its commit. */
  readonly base: { readonly label: string; readonly commit: string };
  /** At most this many items per section (the rest are counted). */
  readonly limit?: number;
}

export function renderDiffMarkdown(diff: ReviewDiff, head: AnalysisResult, o: DiffMarkdownOptions): string {
  const limit = o.limit ?? 50;
  const out: string[] = ['## API Parity: contract changes', ''];
  const total = diff.breaking.length + diff.newMissing.length + diff.newUnused.length + diff.newOther.length;
  out.push(`Compared with ${mdText(o.base.label)} (${mdCode(o.base.commit.slice(0, 12))}).`, '');
  out.push(`| | |`, `|---|---|`);
  out.push(`| Breaking changes | ${diff.breaking.length} |`, `| New missing or mismatched calls | ${diff.newMissing.length} |`, `| New unused endpoints | ${diff.newUnused.length} |`);
  if (diff.newOther.length) out.push(`| Other new findings | ${diff.newOther.length} |`);
  out.push(`| Fixed | ${diff.fixed.length} |`, `| Endpoints / calls now | ${head.summary.endpoints} / ${head.summary.calls} |`, '');
  if (total === 0 && diff.fixed.length === 0) out.push(`No change to the contract between the backend and the frontend${head.notes.some((n) => n.level === 'warning') ? ' that the analysis could check (see "Not checked")' : ''}.`, '');
  if (diff.breaking.length) {
    out.push('### Breaking: routes removed or changed while still called', '');
    for (const b of diff.breaking.slice(0, limit)) out.push(...breaking(b));
    out.push(...more(diff.breaking.length, limit), '');
  }
  section(out, 'New missing or mismatched calls', diff.newMissing, limit);
  section(out, 'New unused endpoints', diff.newUnused, limit);
  section(out, 'Other new findings', diff.newOther, limit);
  section(out, 'Fixed', diff.fixed, limit);
  // Blind spots are never hidden: an empty diff over code the analyser does not understand says so.
  const blind = head.notes.filter((n) => n.level === 'warning');
  if (blind.length) {
    out.push('### Not checked', '');
    for (const n of blind.slice(0, limit)) out.push(`- ${n.file ? `${mdCode(n.file)}: ` : ''}${mdText(n.message)}`);
    out.push(...more(blind.length, limit), '');
  }
  out.push(`<sub>API Parity ${mdText(o.version)}</sub>`);
  return out.join('\n') + '\n';
}

function breaking(b: BreakingChange): string[] {
  const was = `${mdCode(label(b.route.method, b.route.path))} (${mdCode(`${b.route.file}:${b.route.line}`)})`;
  const what = b.change === 'removed' ? `${was} was removed` : `${was} is now ${mdCode(label(b.now!.method, b.now!.path))}`;
  const callers = b.callers.map((c) => `${mdCode(`${c.file}:${c.line}`)}`).join(', ');
  return [`- ${what}; still called from ${callers}`];
}

function section(out: string[], title: string, gaps: readonly Gap[], limit: number): void {
  if (gaps.length === 0) return;
  out.push(`### ${title}`, '');
  for (const g of gaps.slice(0, limit)) out.push(`- ${mdCode(`${g.file}:${g.line}`)} ${mdText(g.message)}`);
  out.push(...more(gaps.length, limit), '');
}

function more(n: number, limit: number): string[] {
  return n > limit ? [`- … and ${n - limit} more`] : [];
}
