/**
 * Applies quick-fix plans to an in-memory workspace and analyses it again, the way the editor would:
 * edits of one file are applied from the end, a create refuses an existing file.
 */
import { expect } from 'vitest';
import { memoryFs } from '../../memoryFs';
import { Analyzer, planFixes, withOverlays, type AnalysisResult, type FixPlan, type Gap } from '../../../src/core';

export type Files = Record<string, string>;

export async function analyse(files: Files): Promise<{ result: AnalysisResult; analyzer: Analyzer }> {
  const analyzer = new Analyzer();
  const result = await analyzer.analyze({ root: '/ws', fs: withOverlays(memoryFs(files), new Map()) });
  return { result, analyzer };
}

export async function fixesFor(files: Files, pick: (g: Gap) => boolean): Promise<{ plans: FixPlan[]; logs: string[]; result: AnalysisResult; gap: Gap }> {
  const { result, analyzer } = await analyse(files);
  const gap = result.gaps.find(pick);
  expect(gap, `a gap among ${JSON.stringify(result.gaps.map((g) => g.message))}; routes ${JSON.stringify(result.endpoints.map((e) => `${e.method} ${e.path} ${e.service}`))}; calls ${JSON.stringify(result.calls.map((c) => `${c.method} ${c.path} ${c.status} ${c.reason}`))}`).toBeDefined();
  const logs: string[] = [];
  const plans = planFixes({ gap: gap!, result, workspace: analyzer, readFile: (p) => files[p] ?? null, log: (m) => logs.push(m) });
  return { plans, logs, result, gap: gap! };
}

const offset = (text: string, line: number, column: number) => text.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;

export function applyPlan(files: Files, plan: FixPlan): Files {
  const out = { ...files };
  for (const e of plan.edits) if (e.t === 'create') {
    expect(out[e.file], `${e.file} must not exist`).toBeUndefined();
    out[e.file] = e.text;
  }
  const byFile = new Map<string, Array<{ start: number; end: number; text: string }>>();
  for (const e of plan.edits) {
    if (e.t === 'create') continue;
    const text = files[e.file];
    expect(text, `${e.file} must exist`).toBeDefined();
    const start = offset(text!, e.line, e.column);
    const end = e.t === 'replace' ? offset(text!, e.endLine, e.endColumn) : start;
    byFile.set(e.file, [...(byFile.get(e.file) ?? []), { start, end, text: e.text }]);
  }
  for (const [file, edits] of byFile) {
    let text = files[file]!;
    // Stable for equal offsets: an earlier edit's text comes first.
    const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.start - a.start || b.i - a.i);
    for (const e of sorted) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    out[file] = text;
  }
  return out;
}

const gapKey = (g: Gap) => `${g.kind} ${g.file}:${g.line} ${g.message}`;

/** Applies the plan, analyses again: the fixed gap is gone and no gap appears that was not there. */
export async function applyAndCheck(files: Files, plan: FixPlan, before: AnalysisResult, fixed: Gap, allowNew: (g: Gap) => boolean = () => false): Promise<{ files: Files; result: AnalysisResult }> {
  const after = applyPlan(files, plan);
  const { result } = await analyse(after);
  const old = new Set(before.gaps.map((g) => `${g.kind} ${g.subject}`));
  expect(result.gaps.map(gapKey)).not.toContain(gapKey(fixed));
  expect(result.gaps.filter((g) => g.subject === fixed.subject && g.kind === fixed.kind)).toEqual([]);
  const fresh = result.gaps.filter((g) => !old.has(`${g.kind} ${g.subject}`) && !allowNew(g));
  expect(fresh.map(gapKey)).toEqual([]);
  expect(result.skipped).toEqual([]);
  return { files: after, result };
}
