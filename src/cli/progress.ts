/** A live progress line on stderr, redrawn in place with `\r` and erased when the analysis ends. */
import type { Progress } from '../core';
import type { TextSink } from './io';

export interface ProgressLine {
  update(p: Progress): void;
  clear(): void;
}

const SILENT: ProgressLine = { update() {}, clear() {} };

/** `label` names what is analysed when there are several (`base: `). */
export function progressLine(sink: TextSink, enabled: boolean, label = ''): ProgressLine {
  if (!enabled) return SILENT;
  let shown = 0;
  const draw = (text: string) => {
    sink.write(`\r${text.padEnd(shown)}`);
    shown = text.length;
  };
  return {
    update(p) {
      draw(`api-parity: ${label}${describe(p)}`);
    },
    clear() {
      if (shown > 0) sink.write(`\r${' '.repeat(shown)}\r`);
      shown = 0;
    },
  };
}

function describe(p: Progress): string {
  switch (p.phase) {
    case 'listing':
      return 'listing files…';
    case 'parsing':
      return `parsing ${p.done}/${p.total} files…`;
    case 'linking':
      return 'linking routes…';
    case 'matching':
      return 'matching calls to routes…';
  }
}
