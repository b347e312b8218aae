/** ANSI colour helpers; with colours off every helper returns its text unchanged. */

export type Paint = (text: string) => string;

export interface Colors {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly yellow: Paint;
  readonly blue: Paint;
  readonly cyan: Paint;
  readonly green: Paint;
}

const sgr =
  (open: number, close: number): Paint =>
  (text) =>
    text === '' ? '' : `\u001b[${open}m${text}\u001b[${close}m`;

const ON: Colors = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  cyan: sgr(36, 39),
  green: sgr(32, 39),
};

const same: Paint = (text) => text;
const OFF: Colors = { bold: same, dim: same, red: same, yellow: same, blue: same, cyan: same, green: same };

export function colors(enabled: boolean): Colors {
  return enabled ? ON : OFF;
}

/** Text with ANSI escapes removed (for measuring and for tests). */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
