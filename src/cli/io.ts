/**
 * What the CLI needs from its process, passed in so `run()` can be driven in-process by tests:
 * two text sinks, a working directory, the environment and an optional cancellation signal.
 */

export interface TextSink {
  write(text: string): void;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C by the process entry point; the analysis stops and `run()` returns 130. */
  readonly signal?: AbortSignal;
}

/** Colour and live progress are for people at a terminal: a TTY, no `NO_COLOR`, no `--no-color`, not `TERM=dumb`. */
export function wantsDecoration(sink: TextSink, env: CliIo['env'], noColorFlag: boolean): boolean {
  if (noColorFlag || sink.isTTY !== true) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return env['TERM'] !== 'dumb';
}
