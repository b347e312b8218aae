/**
 * `api-parity diff [--base REF] [dir]`: analyse the base revision straight from git objects and the
 * working tree, and report what the change does to the contract (core/review/diff.ts). The facts cache
 * is shared by both runs, so a file whose content is the same in both is parsed once.
 */
import type { CheckOptions } from './args';
import { analyseOpened, emitReport, openWorkspace } from './check';
import { formatDiff } from './format/diff';
import { gitFileSystem, gitWorkspace, resolveBase } from './gitFs';
import type { CliIo } from './io';
import { diffResults } from '../core';

export async function runDiff(options: CheckOptions, io: CliIo): Promise<number> {
  const started = Date.now();
  const head = await openWorkspace(options, io);
  if (typeof head === 'number') return head;
  const { top, prefix } = await gitWorkspace(head.root);
  const base = await resolveBase(top, options.base);
  const baseFs = await gitFileSystem(top, prefix, base.commit);
  try {
    // The base revision's own configuration (an explicit --config applies to both).
    const opened = await openWorkspace(options, io, baseFs);
    if (typeof opened === 'number') return opened;
    const baseResult = await analyseOpened(opened, options, io, 'base: ');
    if (typeof baseResult === 'number') return baseResult;
    const headResult = await analyseOpened(head, options, io, 'working tree: ');
    if (typeof headResult === 'number') return headResult;
    const diff = diffResults(baseResult, headResult);
    const info = { label: base.label, commit: base.commit, summary: baseResult.summary };
    return await emitReport({ ...headResult, gaps: [...diff.added] }, options, io, started, (f) => f, (ctx) => formatDiff(options.format, headResult, diff, info, ctx));
  } finally {
    baseFs.close();
  }
}
