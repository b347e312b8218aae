/**
 * What each gap becomes in the editor's problem list, and where configuration problems go: severity,
 * message, related locations and tags, by root-relative file.
 */
import { CONFIG_FILE_NAME, type ConfigProblem } from '../config';
import type { AnalysisResult, FileLocation, Gap, GapKind, Severity, Span } from '../types';
import { spanOf } from './locate';

/** `unnecessary`: drawn faded (a route nobody calls). */
export type DiagnosticTagName = 'unnecessary';

export interface FileDiagnostic {
  readonly span: Span;
  readonly severity: Severity;
  /** The gap kind, or `config` for a configuration problem. */
  readonly code: GapKind | 'config';
  readonly message: string;
  readonly tags: readonly DiagnosticTagName[];
  /** Zero-width locations with what they are (the closest routes, the route a call could mean). */
  readonly related: ReadonlyArray<{ readonly location: FileLocation; readonly message: string }>;
  /** The gap it reports, for quick fixes; absent on configuration problems. */
  readonly gap?: { readonly kind: GapKind; readonly subject: string };
}

export interface DiagnosticOptions {
  /** Report routes nobody calls (the `apiParity.diagnostics.unusedEndpoints` setting). */
  readonly unusedEndpoints: boolean;
  /** Findings the baseline accepts (left out of `result.gaps`): shown faded as hints when given. */
  readonly baselined?: readonly Gap[];
}

/**
 * A folder's diagnostics by root-relative file: its gaps (when it has a result), then its configuration
 * problems on the config file at its root. Files without any are absent.
 */
export function diagnosticsByFile(result: AnalysisResult | null, configProblems: readonly ConfigProblem[], options: DiagnosticOptions): Map<string, FileDiagnostic[]> {
  const byFile = new Map<string, FileDiagnostic[]>();
  const add = (file: string, d: FileDiagnostic) => {
    const list = byFile.get(file) ?? [];
    list.push(d);
    byFile.set(file, list);
  };
  const accepted = new Set(options.baselined ?? []);
  for (const gap of [...(result?.gaps ?? []), ...accepted]) {
    if (gap.kind === 'unused-endpoint' && !options.unusedEndpoints) continue;
    const inBaseline = accepted.has(gap);
    add(gap.file, {
      span: spanOf(gap),
      severity: inBaseline ? 'hint' : gap.severity,
      code: gap.kind,
      message: inBaseline ? `${gap.message} (accepted in the baseline)` : gap.message,
      tags: gap.kind === 'unused-endpoint' || inBaseline ? ['unnecessary'] : [],
      related: gap.related.map((r) => ({ location: { file: r.file, line: r.line, column: r.column, endLine: r.line, endColumn: r.column }, message: r.message })),
      gap: { kind: gap.kind, subject: gap.subject },
    });
    // The other side (a payload mismatch's backend answer or model) shows the finding too, pointing back.
    if (gap.also && !inBaseline) {
      const { file, line, column } = gap.also;
      add(file, {
        span: { line, column, endLine: line, endColumn: column + 1 },
        severity: gap.severity,
        code: gap.kind,
        message: gap.also.message,
        tags: [],
        related: [{ location: { file: gap.file, line: gap.line, column: gap.column, endLine: gap.line, endColumn: gap.column }, message: gap.message }],
        gap: { kind: gap.kind, subject: gap.subject },
      });
    }
  }
  // The editor reads the config file at the folder root (the CLI's --config has no counterpart there).
  for (const p of configProblems) {
    add(CONFIG_FILE_NAME, {
      span: { line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1 },
      severity: 'error',
      code: 'config',
      message: `${p.message} (API Parity uses its defaults until this is fixed)`,
      tags: [],
      related: [],
    });
  }
  return byFile;
}
