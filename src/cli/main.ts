/**
 * The `api-parity` command line: `api-parity check [dir] [options]`. Bundled to `dist/cli.js`, next to
 * the WASM grammars in `dist/wasm/`. {@link run} is the whole program minus the process: tests drive
 * it in-process with fake streams.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { limitHeapGrowth, setWasmDir } from '../core';
import { parseArgs } from './args';
import { runCheck } from './check';
import { runDiff } from './diff';
import { runExport } from './export';
import { UsageError } from './errors';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from './exitCodes';
import { helpText } from './help';
import { processSink, type CliIo } from './io';
import { packageInfo } from './packageInfo';

// In the bundle the grammars sit in dist/wasm; from the sources the core finds them in node_modules.
const bundledWasm = path.join(__dirname, 'wasm');
if (existsSync(path.join(bundledWasm, 'web-tree-sitter.wasm'))) setWasmDir(bundledWasm);

export type { CliIo, TextSink } from './io';

/** Run the CLI with `argv` (without `node` and the script) and return the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const command = parseArgs(argv);
  const verbose = 'options' in command ? command.options.verbose : argv.includes('--verbose');
  try {
    switch (command.kind) {
      case 'help':
        io.stdout.write(helpText(command.topic));
        return EXIT_OK;
      case 'version':
        io.stdout.write(`${packageInfo().version}\n`);
        return EXIT_OK;
      case 'error':
        return usageError(io, new UsageError(command.message, command.topic));
      case 'check':
        return await runCheck(command.options, io);
      case 'diff':
        return await runDiff(command.options, io);
      case 'export':
        return await runExport(command.options, io);
    }
  } catch (err) {
    if (err instanceof UsageError) return usageError(io, err);
    const e = err instanceof Error ? err : new Error(String(err));
    io.stderr.write(`api-parity: internal error: ${e.message.split('\n')[0]}\n`);
    io.stderr.write(verbose && e.stack ? `${e.stack}\n` : 'Run again with --verbose for the stack trace, and please report it.\n');
    return EXIT_INTERNAL;
  }
}

function usageError(io: CliIo, err: UsageError): number {
  io.stderr.write(`api-parity: ${err.message}\n`);
  if (err.topic) io.stderr.write(`Run 'api-parity ${err.topic === 'main' ? '' : `${err.topic} `}--help' for usage.\n`);
  return EXIT_USAGE;
}

/**
 * The process entry point (launch.ts, the executable, calls it; so does running this bundle itself):
 * real streams, and Ctrl-C aborts the analysis (a second Ctrl-C kills). A closed pipe on stdout or
 * stderr ends the output quietly; the exit code stays the run's. A report that cannot be written to
 * stdout for another reason (a full disk) is exit 2, like an unwritable --output.
 */
export function main(): void {
  limitHeapGrowth();
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  let failed = false;
  const stderr = processSink(process.stderr, () => {});
  const stdout = processSink(process.stdout, (err) => {
    failed = true;
    process.exitCode = EXIT_USAGE;
    stderr.write(`api-parity: cannot write the report to stdout: ${err.message}\n`);
  });
  void run(process.argv.slice(2), { stdout, stderr, cwd: process.cwd(), env: process.env, signal: controller.signal }).then((code) => {
    process.exitCode = failed ? EXIT_USAGE : code;
  });
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) main();
