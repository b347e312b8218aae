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

/** What a process stream needs to be a sink: `process.stdout` and `process.stderr`. */
export interface ProcessStream {
  write(text: string): boolean;
  on(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown;
  readonly isTTY?: boolean;
}

/**
 * A process stream as a sink. A reader that went away (`api-parity check | head`) closes it quietly:
 * later writes are dropped and the run ends with its own exit code. Any other write error is passed to
 * `onFailure` (once); nothing more is written to that stream either.
 */
export function processSink(stream: ProcessStream, onFailure: (err: NodeJS.ErrnoException) => void): TextSink {
  let open = true;
  stream.on('error', (err) => {
    if (!open) return;
    open = false;
    if (err.code !== 'EPIPE') onFailure(err);
  });
  return {
    write(text) {
      if (open) stream.write(text);
    },
    isTTY: stream.isTTY === true,
  };
}
