/**
 * The status item's data: counts over the system's snapshot, and per-folder lines (folders left out, a
 * configuration problem, warnings, skipped files) for its tooltip.
 */
import type { AnalysisResult, ConfigurationError } from '../core';
import type { StatusParams } from '../shared/protocol';

/** What the status reads of an index (or of a folder left out, with its reason as `error`). */
export interface StatusFolder {
  readonly name: string;
  readonly running: boolean;
  readonly snapshot: AnalysisResult | null;
  readonly error: string | null;
  readonly configError: ConfigurationError | null;
  readonly durationMs: number | null;
}

export function statusOf(folders: readonly StatusFolder[]): StatusParams {
  const indexing = folders.some((f) => f.running);
  const results = folders.map((f) => f.snapshot).filter((r) => r !== null);
  const sum = (k: 'endpoints' | 'used' | 'missing' | 'methodMismatch' | 'ignored') => results.reduce((n, r) => n + r.summary[k], 0);
  const endpoints = sum('endpoints');
  const used = sum('used');
  const missing = sum('missing');
  const methodMismatch = sum('methodMismatch');
  const skipped = results.reduce((n, r) => n + r.skipped.length, 0);
  const errors = folders.filter((f) => f.error || f.configError);
  const durationMs = folders.reduce<number | null>((n, f) => (f.durationMs === null ? n : (n ?? 0) + f.durationMs), null);
  const calls = results.reduce((n, r) => n + r.summary.calls, 0);
  const state = errors.length && results.length === 0 ? 'error' : indexing && results.length === 0 ? 'indexing' : endpoints === 0 && calls === 0 ? (indexing ? 'indexing' : 'empty') : 'ready';
  const blind = results.reduce((n, r) => n + r.notes.filter((x) => x.level === 'warning').length, 0);
  const problems = [missing ? `${missing} missing` : '', methodMismatch ? `${methodMismatch} method mismatch${methodMismatch === 1 ? '' : 'es'}` : '', blind ? `${blind} blind spot${blind === 1 ? '' : 's'}` : ''].filter(Boolean);
  const text = state === 'empty' ? 'no routes or calls found' : `${used}/${endpoints} endpoints used${problems.length ? ` · ${problems.join(' · ')}` : ''}`;
  const detail = [
    ...folders.map((f) => {
      if (f.error) return `${f.name}: analysis failed: ${f.error}`;
      const r = f.snapshot;
      if (!r) return `${f.name}: indexing…`;
      const s = r.summary;
      return `${f.name}: ${s.endpoints} endpoints (${s.used} used, ${s.unused} unused${s.ignored ? `, ${s.ignored} ignored` : ''}), ${s.calls} calls (${s.resolvedCalls} resolved, ${s.external} external), ${s.missing} missing, ${s.methodMismatch} method mismatches; ${s.filesParsed}/${s.filesScanned} files parsed${r.skipped.length ? `, ${r.skipped.length} skipped` : ''}${f.durationMs !== null ? ` in ${f.durationMs} ms` : ''}`;
    }),
    ...errors.filter((f) => f.configError).map((f) => `${f.name}: ${f.configError!.message}`),
    ...results.flatMap((r) => r.notes.filter((n) => n.level === 'warning').map((n) => `⚠ ${n.file ? `${n.file}: ` : ''}${n.message}`)),
    ...results.flatMap((r) => r.skipped.slice(0, 20).map((s) => `skipped ${s.file}: ${s.reason}`)),
  ].join('\n');
  return { state: indexing && state !== 'error' ? (results.length ? 'ready' : 'indexing') : state, text: indexing ? `$(sync~spin) ${text}` : text, detail, endpoints, used, missing, methodMismatch, skipped, durationMs };
}
