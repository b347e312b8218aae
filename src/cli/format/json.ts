/** `--format json`: the core's AnalysisResult exactly as it is. A stable public contract: do not reshape. */
import type { AnalysisResult } from '../../core';

export function formatJson(result: AnalysisResult): string {
  return JSON.stringify(result, null, 2);
}
