/** One entry point for the report formats. */
import { renderMarkdown, type AnalysisResult } from '../../core';
import type { Format } from '../args';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';
import type { ReportContext } from './types';

export type { ReportContext } from './types';

export function formatReport(format: Format, result: AnalysisResult, ctx: ReportContext): string {
  switch (format) {
    case 'text':
      return formatText(result, ctx);
    case 'json':
      return formatJson(result);
    case 'markdown':
      return renderMarkdown(result, { version: ctx.version });
    case 'sarif':
      return formatSarif(result, ctx);
    case 'github':
      return formatGithub(result, ctx);
  }
}
