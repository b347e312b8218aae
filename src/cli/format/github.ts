/**
 * GitHub Actions workflow commands (`::warning file=…,line=…::message`): each finding becomes an
 * annotation on the pull request without a SARIF upload. Paths are shown as the other formats show
 * them (relative to the working directory, which in a workflow is the repository).
 */
import type { AnalysisResult, Gap, Severity } from '../../core';
import type { ReportContext } from './types';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Message data: `%`, CR and LF are escaped (GitHub's own rules). */
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Property values: also `:` and `,`, which separate properties. */
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubAnnotation(g: Gap, ctx: Pick<ReportContext, 'displayPath'>): string {
  const props = [`file=${prop(ctx.displayPath(g.file))}`, `line=${g.line}`, `endLine=${g.endLine}`, `col=${g.column}`, `title=${prop(`API Parity: ${g.kind}`)}`];
  if (g.endLine === g.line) props.push(`endColumn=${g.endColumn}`);
  return `::${LEVEL[g.severity]} ${props.join(',')}::${data(g.message)}`;
}

export function formatGithub(result: AnalysisResult, ctx: ReportContext, gaps: readonly Gap[] = result.gaps): string {
  const lines = gaps.map((g) => githubAnnotation(g, ctx));
  const s = result.summary;
  lines.push(`::notice title=API Parity::${data(`${gaps.length} finding${gaps.length === 1 ? '' : 's'}; ${s.used}/${s.endpoints} endpoints used, ${s.calls} calls (${s.resolvedCalls} resolved)`)}`);
  return lines.join('\n');
}
