/** Exit codes are part of the CLI's contract (documented in `--help`). */
import type { Gap, Severity } from '../core';

export const EXIT_OK = 0;
export const EXIT_GAPS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;
export const EXIT_INTERRUPTED = 130;

export type FailOn = Severity | 'never';
export const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'info', 'hint', 'never'];

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1, hint: 0 };

/** Gaps at or above the threshold (error > warning > info > hint); none for `never`. */
export function gapsAtOrAbove(gaps: readonly Gap[], failOn: FailOn): Gap[] {
  if (failOn === 'never') return [];
  return gaps.filter((g) => RANK[g.severity] >= RANK[failOn]);
}

export function exitCodeFor(gaps: readonly Gap[], failOn: FailOn): number {
  return gapsAtOrAbove(gaps, failOn).length > 0 ? EXIT_GAPS : EXIT_OK;
}
