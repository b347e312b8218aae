/**
 * Baselines: the findings a team has accepted for now. `check --baseline FILE` reports only what is not
 * in it; `--update-baseline` writes the current findings. Entries are keyed by what a finding is about
 * (kind, method, normalised path, service, file; see keys.ts), not by line, so moving code keeps them;
 * each key carries a count, so a second identical finding in the same file is new.
 */
import type { AnalysisResult, Gap } from '../types';
import { endpointIndex, findingKey, keyText, type FindingKey } from './keys';

export const BASELINE_VERSION = 1;

export interface BaselineEntry extends FindingKey {
  readonly count: number;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly tool: 'api-parity';
  readonly entries: readonly BaselineEntry[];
}

/** The baseline of a result's findings, sorted so that the file diffs well. */
export function makeBaseline(result: AnalysisResult): Baseline {
  const endpoints = endpointIndex(result);
  const counts = new Map<string, BaselineEntry>();
  for (const g of result.gaps) {
    const k = findingKey(g, endpoints);
    const t = keyText(k);
    const prev = counts.get(t);
    counts.set(t, { ...k, count: (prev?.count ?? 0) + 1 });
  }
  const entries = [...counts.values()].sort((a, b) => a.file.localeCompare(b.file) || a.kind.localeCompare(b.kind) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method) || a.service.localeCompare(b.service));
  return { version: BASELINE_VERSION, tool: 'api-parity', entries };
}

export class BaselineError extends Error {}

/** Read a baseline file's text; a file that is not one says what is wrong. */
export function parseBaseline(text: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new BaselineError(`not JSON (${(err as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || (raw as { tool?: unknown }).tool !== 'api-parity') throw new BaselineError('not an api-parity baseline (no "tool": "api-parity")');
  const r = raw as { version?: unknown; entries?: unknown };
  if (r.version !== BASELINE_VERSION) throw new BaselineError(`unsupported baseline version ${JSON.stringify(r.version)} (this version reads ${BASELINE_VERSION})`);
  if (!Array.isArray(r.entries)) throw new BaselineError('"entries" must be an array');
  const entries: BaselineEntry[] = [];
  r.entries.forEach((e: unknown, i) => {
    const x = e as Record<string, unknown>;
    const str = (k: string) => (typeof x?.[k] === 'string' ? (x[k] as string) : null);
    const kind = str('kind');
    const method = str('method');
    const path = str('path');
    const service = str('service');
    const file = str('file');
    const count = typeof x?.['count'] === 'number' && Number.isInteger(x['count']) && (x['count'] as number) > 0 ? (x['count'] as number) : null;
    if (kind === null || method === null || path === null || service === null || file === null || count === null) throw new BaselineError(`entry ${i + 1} needs string kind, method, path, service, file and a positive integer count`);
    entries.push({ kind, method, path, service, file, count });
  });
  return { version: BASELINE_VERSION, tool: 'api-parity', entries };
}

/** The result with baselined gaps taken out (they are returned apart, for a dimmed view or a count). */
export function applyBaseline(result: AnalysisResult, baseline: Baseline): { result: AnalysisResult; baselined: Gap[] } {
  const left = new Map<string, number>();
  for (const e of baseline.entries) left.set(keyText(e), (left.get(keyText(e)) ?? 0) + e.count);
  const endpoints = endpointIndex(result);
  const kept: Gap[] = [];
  const baselined: Gap[] = [];
  for (const g of result.gaps) {
    const t = keyText(findingKey(g, endpoints));
    const n = left.get(t) ?? 0;
    if (n > 0) {
      left.set(t, n - 1);
      baselined.push(g);
    } else kept.push(g);
  }
  return { result: { ...result, gaps: kept }, baselined };
}
