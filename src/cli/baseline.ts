/**
 * `check --baseline FILE` and `--update-baseline`: the findings a team has accepted for now are left
 * out of the report (a note says how many); `--update-baseline` writes the current findings instead of
 * failing on them. The config's `baseline` names the file when the option is not given.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { applyBaseline, BaselineError, makeBaseline, parseBaseline, type AnalysisResult, type Baseline } from '../core';
import type { CheckOptions } from './args';
import type { OpenedWorkspace } from './check';
import { UsageError } from './errors';
import { EXIT_OK } from './exitCodes';
import type { CliIo } from './io';

export interface BaselineFile {
  /** Absolute path. */
  readonly abs: string;
  /** As the user named it. */
  readonly shown: string;
}

/** The baseline asked for: `--baseline` (relative to the working directory), else the config's (relative to the root). */
export async function baselineFor(options: CheckOptions, w: OpenedWorkspace, io: CliIo): Promise<BaselineFile | null> {
  if (options.baseline !== null) return { abs: path.resolve(io.cwd, options.baseline), shown: options.baseline };
  const configured = w.loaded.config.baseline;
  return configured ? { abs: path.resolve(w.root, configured), shown: configured } : null;
}

export function defaultBaselinePath(w: OpenedWorkspace): BaselineFile {
  return { abs: path.join(w.root, 'api-parity.baseline.json'), shown: 'api-parity.baseline.json' };
}

/** Read the baseline; a file that is missing or is no baseline is a usage error (exit 2) naming it. */
export async function readBaseline(file: BaselineFile): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file.abs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `baseline file not found: ${file.shown} (create it with --update-baseline)` : `cannot read baseline file ${file.shown}: ${(err as Error).message}`, 'check');
  }
  try {
    return parseBaseline(text);
  } catch (err) {
    if (err instanceof BaselineError) throw new UsageError(`baseline file ${file.shown} is invalid: ${err.message}`, 'check');
    throw err;
  }
}

/** The result without the baselined findings, and a note saying how many were left out. */
export async function withBaseline(result: AnalysisResult, file: BaselineFile): Promise<AnalysisResult> {
  const { result: kept, baselined } = applyBaseline(result, await readBaseline(file));
  if (baselined.length === 0) return kept;
  const note = { level: 'info' as const, code: 'baselined', message: `${baselined.length} finding${baselined.length === 1 ? ' is' : 's are'} in the baseline ${file.shown} and not reported` };
  return { ...kept, notes: [...kept.notes, note] };
}

/** Write the current findings as the baseline; always exit 0 (the findings are accepted). */
export async function writeBaseline(file: BaselineFile, result: AnalysisResult, io: CliIo, options: CheckOptions): Promise<number> {
  const baseline = makeBaseline(result);
  try {
    await mkdir(path.dirname(file.abs), { recursive: true });
    await writeFile(file.abs, `${JSON.stringify(baseline, null, 2)}\n`, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot write the baseline to ${file.shown}: ${(err as Error).message}`, 'check');
  }
  if (!options.quiet) io.stderr.write(`api-parity: baseline written to ${file.shown} (${result.gaps.length} finding${result.gaps.length === 1 ? '' : 's'}, ${baseline.entries.length} entr${baseline.entries.length === 1 ? 'y' : 'ies'})\n`);
  return EXIT_OK;
}
