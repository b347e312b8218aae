/**
 * The default, human report: a header with counts, gaps grouped by kind as
 * `file:line:col  severity  message` (clickable in terminals, matched by VS Code problem matchers),
 * and a footer with the time taken. `--quiet` keeps only the gap lines.
 */
import type { AnalysisResult, Gap, GapKind, Severity } from '../../core';
import { colors, type Colors } from './colors';
import { GAP_KINDS, kindRank, printable } from '../../core';
import type { ReportContext } from './types';

const MAX_LOCATION_PAD = 48;
/** Lines shown per kind of gap unless --verbose: the rest is summed up, pointing at the full formats. */
const MAX_PER_KIND = 25;

export function formatText(result: AnalysisResult, ctx: ReportContext): string {
  const c = colors(ctx.color);
  // Every path and message is printed with control characters escaped: a file named `a\x1b[2J.ts` must
  // not clear the terminal.
  const path = (f: string) => printable(ctx.displayPath(f));
  const gaps = [...result.gaps].sort((a, b) => kindRank(a.kind) - kindRank(b.kind));
  const locations = gaps.map((g) => `${path(g.file)}:${g.line}:${g.column}`);
  // Align the severity column, but do not let one long path push every line far to the right.
  const locWidth = Math.min(MAX_LOCATION_PAD, Math.max(0, ...locations.map((l) => l.length)));
  const sevWidth = Math.max(0, ...gaps.map((g) => g.severity.length));
  const gapLine = (g: Gap, i: number) => `${locations[i]!.padEnd(locWidth)}  ${paintSeverity(c, g.severity, g.severity.padEnd(sevWidth))}  ${printable(g.message)}`;

  if (ctx.quiet) return gaps.map((g, i) => gapLine(g, i) + '\n').join('');

  const out: string[] = [];
  out.push(`${c.bold(`API Parity ${ctx.version}`)} ${c.dim('·')} ${printable(result.root)}`);
  out.push(counts(result, c));
  const shares = frontendLine(result);
  if (shares) out.push(c.dim(shares));
  if (ctx.verbose) {
    for (const s of result.services) {
      const ports = s.ports.length ? `, port${s.ports.length > 1 ? 's' : ''} ${s.ports.join(', ')}` : '';
      out.push(c.dim(printable(`Service ${s.name}: ${s.framework} in ${ctx.displayPath(s.root)}${s.baseUrl ? ` at ${s.baseUrl}` : ''}${ports}`)));
    }
  }
  // Warnings are blind spots (a backend not indexed, a framework that failed on a file): never hidden.
  const warnings = result.notes.filter((n) => n.level === 'warning');
  if (!ctx.verbose && warnings.length) {
    out.push('');
    for (const n of warnings) out.push(`${c.yellow('warning')}  ${n.file ? `${path(n.file)}: ` : ''}${printable(n.message)}`);
  }
  out.push('');

  if (gaps.length === 0) {
    out.push(c.green('No gaps found.'));
    out.push('');
  }
  let current: GapKind | null = null;
  let shown = 0;
  const more = (kind: GapKind | null) => {
    const total = gaps.filter((x) => x.kind === kind).length;
    if (total > shown) out.push(c.dim(`  … and ${total - shown} more (--verbose, --format json or --format markdown list all)`));
  };
  gaps.forEach((g, i) => {
    if (g.kind !== current) {
      if (current !== null) {
        more(current);
        out.push('');
      }
      current = g.kind;
      shown = 0;
      out.push(c.bold(`${GAP_KINDS[g.kind]?.title ?? g.kind} (${gaps.filter((x) => x.kind === g.kind).length})`));
    }
    if (!ctx.verbose && shown >= MAX_PER_KIND) return;
    shown++;
    out.push(`  ${gapLine(g, i)}`);
    // The other side of the finding (a payload mismatch's backend model) is where it must be fixed too.
    if (g.also) out.push(c.dim(`      also ${path(g.also.file)}:${g.also.line}:${g.also.column}  ${printable(g.also.message)}`));
    if (ctx.verbose) for (const r of g.related) out.push(c.dim(`      ↳ ${path(r.file)}:${r.line}:${r.column}  ${printable(r.message)}`));
  });
  if (current !== null) more(current);
  if (gaps.length) out.push('');

  if (ctx.verbose && result.skipped.length) {
    out.push(c.bold(`Skipped files (${result.skipped.length})`));
    for (const s of result.skipped) out.push(`  ${path(s.file)}: ${printable(s.reason)}${s.extractor ? ` (${printable(s.extractor)})` : ''}`);
    out.push('');
  }
  if (ctx.verbose && result.notes.length) {
    out.push(c.bold(`Notes (${result.notes.length})`));
    for (const n of result.notes) {
      const level = n.level === 'warning' ? c.yellow('warning') : c.blue('info   ');
      out.push(`  ${level}  ${n.file ? `${path(n.file)}: ` : ''}${printable(n.message)}`);
    }
    out.push('');
  }

  out.push(footer(result, ctx, c));
  return out.join('\n') + '\n';
}

function counts(result: AnalysisResult, c: Colors): string {
  const s = result.summary;
  const parts = [
    `${plural(s.endpoints, 'endpoint')}: ${s.used} used, ${s.unused} unused${s.unchecked ? `, ${s.unchecked} not checked` : ''}${s.ignored ? `, ${s.ignored} ignored` : ''}`,
    `${plural(s.calls, 'call')}: ${s.resolvedCalls} resolved, ${s.external} external`,
    `${s.missing} missing`,
    `${plural(s.methodMismatch, 'method mismatch', 'method mismatches')}`,
    `coverage ${Math.round(s.coverage * 100)}%`,
  ];
  return parts.join(c.dim(' · '));
}

/** The share of calls resolved per frontend (the projects that make calls), when there are calls. */
function frontendLine(result: AnalysisResult): string | null {
  const list = result.summary.frontends ?? [];
  if (list.length === 0) return null;
  const share = (n: number, of: number) => `${n}/${of} (${Math.round((n / of) * 100)}%)`;
  return printable(`Calls resolved per frontend: ${list.map((f) => `${f.root === '.' ? '(root)' : f.root} ${share(f.resolved, f.calls)}`).join(', ')}`);
}

function footer(result: AnalysisResult, ctx: ReportContext, c: Colors): string {
  const bySeverity: string[] = [];
  for (const sev of ['error', 'warning', 'info', 'hint'] as const) {
    const n = result.gaps.filter((g) => g.severity === sev).length;
    if (n) bySeverity.push(paintSeverity(c, sev, plural(n, sev)));
  }
  const seconds = (ctx.elapsedMs / 1000).toFixed(2);
  let line = `Analysed ${plural(result.summary.filesScanned, 'file')} in ${seconds}s${bySeverity.length ? `: ${bySeverity.join(', ')}` : ''}.`;
  if (!ctx.verbose) {
    const extra: string[] = [];
    if (result.skipped.length) extra.push(`${plural(result.skipped.length, 'file')} skipped`);
    if (result.notes.length) extra.push(plural(result.notes.length, 'note'));
    if (extra.length) line += c.dim(` ${extra.join(', ')} (--verbose lists them).`);
  }
  return line;
}

function paintSeverity(c: Colors, severity: Severity, text: string): string {
  switch (severity) {
    case 'error':
      return c.bold(c.red(text));
    case 'warning':
      return c.yellow(text);
    case 'info':
      return c.blue(text);
    case 'hint':
      return c.dim(text);
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
