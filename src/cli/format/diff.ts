/** The report of `api-parity diff` in each format. `--fail-on` looks at `diff.added` only. */
import { printable, renderDiffMarkdown, type AnalysisResult, type ReviewDiff } from '../../core';
import type { Format } from '../args';
import { formatGithub } from './github';
import { formatSarif } from './sarif';
import type { ReportContext } from './types';

export interface DiffBase {
  readonly label: string;
  readonly commit: string;
  readonly summary: AnalysisResult['summary'];
}

export function formatDiff(format: Format, head: AnalysisResult, diff: ReviewDiff, base: DiffBase, ctx: ReportContext): string {
  switch (format) {
    case 'json':
      return JSON.stringify({ ...head, diff: { base, ...diff } }, null, 2);
    case 'markdown':
      return renderDiffMarkdown(diff, head, { version: ctx.version, base });
    case 'sarif':
      return formatSarif({ ...head, gaps: [...diff.added] }, ctx);
    case 'github':
      return formatGithub(head, ctx, diff.added);
    case 'text':
      return diffText(head, diff, base, ctx);
  }
}

function diffText(head: AnalysisResult, diff: ReviewDiff, base: DiffBase, ctx: ReportContext): string {
  const out: string[] = [`api-parity diff: ${printable(base.label)} (${base.commit.slice(0, 12)}) → working tree`];
  const where = (file: string, line: number) => `${printable(ctx.displayPath(file))}:${line}`;
  if (diff.breaking.length) {
    out.push('', `Breaking (${diff.breaking.length}): routes removed or changed while still called`);
    for (const b of diff.breaking) {
      const now = b.now ? ` → now ${b.now.method} ${printable(b.now.path)}` : ' (removed)';
      out.push(`  ${b.route.method} ${printable(b.route.path)}  ${where(b.route.file, b.route.line)}${now}`);
      for (const c of b.callers) out.push(`      still called from ${where(c.file, c.line)}`);
    }
  }
  const list = (title: string, gaps: ReviewDiff['newMissing']) => {
    if (gaps.length === 0) return;
    out.push('', `${title} (${gaps.length})`);
    for (const g of gaps) out.push(`  ${where(g.file, g.line)}  ${g.severity}  ${printable(g.message)}`);
  };
  list('New missing or mismatched calls', diff.newMissing);
  list('New unused endpoints', diff.newUnused);
  list('Other new findings', diff.newOther);
  list('Fixed', diff.fixed);
  // Blind spots are never hidden: an empty diff over code the analyser does not understand says so.
  const blind = head.notes.filter((n) => n.level === 'warning');
  if (blind.length) {
    out.push('', `Blind spots of the working tree (${blind.length}): what is not checked here`);
    for (const n of blind) out.push(`  ${n.file ? `${printable(ctx.displayPath(n.file))}: ` : ''}${printable(n.message)}`);
  }
  const s = head.summary;
  out.push('', `${diff.added.length} new finding${diff.added.length === 1 ? '' : 's'}, ${diff.fixed.length} fixed; endpoints ${base.summary.endpoints} → ${s.endpoints}, calls ${base.summary.calls} → ${s.calls}`);
  return out.join('\n');
}
