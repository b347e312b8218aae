/**
 * Hand-written argument parsing for `api-parity [check|diff] [dir] [options]` and
 * `api-parity export openapi [dir] [options]`. Never throws: every mistake
 * becomes a `{ kind: 'error' }` command with a message that says what to type instead. `--help` and
 * `--version` win over mistakes elsewhere on the line.
 */
import { FAIL_ON_VALUES, type FailOn } from './exitCodes';

export type Format = 'text' | 'json' | 'markdown' | 'sarif' | 'github';
export const FORMATS: readonly Format[] = ['text', 'json', 'markdown', 'sarif', 'github'];

export interface CheckOptions {
  /** The folder to analyse, as typed (relative to the working directory). */
  readonly dir: string;
  readonly format: Format;
  readonly failOn: FailOn;
  readonly config: string | null;
  /** Report file, or null for stdout (`-` also means stdout). */
  readonly output: string | null;
  readonly verbose: boolean;
  readonly color: boolean;
  readonly quiet: boolean;
  /** Analyse the home folder or the root of the file system (refused without it). */
  readonly allowHomeOrRoot: boolean;
  /** Use the on-disk facts cache (`--no-cache`: parse everything, read and write no cache). */
  readonly cache: boolean;
  /** Baseline file: findings in it are not reported (check), or null (the config's `baseline`, if any). */
  readonly baseline: string | null;
  /** Write the current findings to the baseline file instead of failing on them (check). */
  readonly updateBaseline: boolean;
  /** The revision to compare with (diff); null: the merge base with the default branch. */
  readonly base: string | null;
  /** Other folders analysed with dir as one system (`--with ../api`, repeatable; check and export). */
  readonly with: readonly string[];
}

export type HelpTopic = 'main' | 'check' | 'diff' | 'export';

export type Command =
  | { readonly kind: 'help'; readonly topic: HelpTopic }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly options: CheckOptions }
  | { readonly kind: 'diff'; readonly options: CheckOptions }
  | { readonly kind: 'export'; readonly what: 'openapi'; readonly options: CheckOptions }
  | { readonly kind: 'error'; readonly message: string; readonly topic: HelpTopic };

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  dir: '.',
  format: 'text',
  failOn: 'warning',
  config: null,
  output: null,
  verbose: false,
  color: true,
  quiet: false,
  allowHomeOrRoot: false,
  cache: true,
  baseline: null,
  updateBaseline: false,
  base: null,
  with: [],
};

type ValueKey = 'format' | 'failOn' | 'config' | 'output' | 'baseline' | 'base' | 'with';
type FlagKey = 'verbose' | 'noColor' | 'quiet' | 'allowHomeOrRoot' | 'noCache' | 'updateBaseline' | 'help' | 'version';

interface OptionSpec {
  readonly name: string;
  readonly short?: string;
  readonly key: ValueKey | FlagKey;
  readonly value: boolean;
  /** Allowed values, for validation and the "needs a value" message. */
  readonly choices?: readonly string[];
}

const OPTIONS: readonly OptionSpec[] = [
  { name: '--format', short: '-f', key: 'format', value: true, choices: FORMATS },
  { name: '--fail-on', key: 'failOn', value: true, choices: FAIL_ON_VALUES },
  { name: '--config', short: '-c', key: 'config', value: true },
  { name: '--output', short: '-o', key: 'output', value: true },
  { name: '--verbose', key: 'verbose', value: false },
  { name: '--no-color', key: 'noColor', value: false },
  { name: '--quiet', short: '-q', key: 'quiet', value: false },
  { name: '--allow-home-or-root', key: 'allowHomeOrRoot', value: false },
  { name: '--no-cache', key: 'noCache', value: false },
  { name: '--baseline', key: 'baseline', value: true },
  { name: '--update-baseline', key: 'updateBaseline', value: false },
  { name: '--base', key: 'base', value: true },
  { name: '--with', key: 'with', value: true },
  { name: '--help', short: '-h', key: 'help', value: false },
  { name: '--version', key: 'version', value: false },
];

/** The command an argument list asks for; never throws (a mistake becomes an `error` command). */
const TOPICS: readonly HelpTopic[] = ['check', 'diff', 'export'];

/** Options that only one command takes. */
const ONLY: Partial<Record<ValueKey | FlagKey, HelpTopic>> = { base: 'diff', updateBaseline: 'check' };
/** Options that some commands refuse. */
const NOT_FOR: Partial<Record<ValueKey | FlagKey, HelpTopic>> = { with: 'diff' };

export function parseArgs(argv: readonly string[]): Command {
  if (argv[0] === 'help') return { kind: 'help', topic: TOPICS.find((t) => t === argv[1]) ?? 'main' };
  const command = argv[0] === 'check' || argv[0] === 'diff' || argv[0] === 'export' ? argv[0] : null;
  const topic: HelpTopic = command ?? 'main';
  let rest = command ? argv.slice(1) : argv;
  if (command === 'export') {
    if (rest[0] !== 'openapi' && !rest.some((a) => a === '--help' || a === '-h')) return { kind: 'error', message: rest[0] === undefined ? 'export needs what to export: openapi' : `cannot export '${rest[0]}': the one export is openapi`, topic };
    rest = rest.slice(1);
  }
  const scan = scanArgs(rest);

  if (scan.flags.has('help')) return { kind: 'help', topic };
  if (scan.flags.has('version')) return { kind: 'version' };
  if (scan.error !== null) return { kind: 'error', message: scan.error, topic };
  const name = command ?? 'check';
  for (const [key, only] of Object.entries(ONLY)) {
    const given = key in scan.values || scan.flags.has(key as FlagKey);
    if (given && only !== name) return { kind: 'error', message: `${OPTIONS.find((o) => o.key === key)!.name} is an option of ${only}, not of ${name}`, topic };
  }
  for (const [key, not] of Object.entries(NOT_FOR)) {
    if (not === name && (key in scan.values || scan.flags.has(key as FlagKey))) return { kind: 'error', message: `${OPTIONS.find((o) => o.key === key)!.name} is not an option of ${name}`, topic };
  }
  const positionals = scan.positionals;
  // `check ""` (an unset variable in a script) must not quietly mean the current folder.
  if (positionals.includes('')) return { kind: 'error', message: "the folder argument is empty (use '.' for the current folder)", topic };
  if (positionals.length > 1) {
    const extra = positionals.slice(1).map((p) => `'${p}'`).join(', ');
    return { kind: 'error', message: `unexpected argument${positionals.length > 2 ? 's' : ''} ${extra}: ${name} takes at most one folder`, topic };
  }
  const options = checkOptions(scan);
  if (command === 'export') return { kind: 'export', what: 'openapi', options };
  return command === 'diff' ? { kind: 'diff', options } : { kind: 'check', options };
}

/** The words of a command line sorted into option values, flags and positionals, with the first mistake. */
interface Scan {
  readonly values: Partial<Record<ValueKey, string>>;
  /** Every value of the repeatable `--with`, in order. */
  readonly withDirs: string[];
  readonly flags: Set<FlagKey>;
  readonly positionals: string[];
  error: string | null;
}

function scanArgs(args: readonly string[]): Scan {
  const scan: Scan = { values: {}, withDirs: [], flags: new Set(), positionals: [], error: null };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      scan.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      scan.positionals.push(arg);
      continue;
    }
    i += readOption(scan, arg, args[i + 1]);
  }
  return scan;
}

/**
 * Read one option (`--name`, `--name=value`, `-n value`) into the scan, recording a mistake if it is
 * one. Returns how many of the following words it used as its value (0 or 1).
 */
function readOption(scan: Scan, arg: string, next: string | undefined): number {
  const fail = (message: string) => {
    scan.error ??= message;
  };
  const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
  const name = eq >= 0 ? arg.slice(0, eq) : arg;
  const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
  const spec = OPTIONS.find((o) => o.name === name || o.short === name);
  if (!spec) {
    const near = suggest(name);
    fail(`unknown option '${name}'${near ? ` (did you mean '${near}'?)` : ''}`);
    return 0;
  }
  if (!spec.value) {
    if (inline !== undefined) fail(`option '${spec.name}' does not take a value`);
    else scan.flags.add(spec.key as FlagKey);
    return 0;
  }
  let value = inline;
  let used = 0;
  if (value === undefined && next !== undefined && (!next.startsWith('-') || next === '-')) {
    value = next;
    used = 1;
  }
  const expected = spec.choices ? ` (one of ${spec.choices.join(', ')})` : '';
  if (value === undefined || value === '') fail(`option '${spec.name}' needs a value${expected}`);
  else if (spec.choices && !spec.choices.includes(value)) fail(`invalid value '${value}' for '${spec.name}'; expected one of ${spec.choices.join(', ')}`);
  else {
    scan.values[spec.key as ValueKey] = value;
    if (spec.key === 'with') scan.withDirs.push(value);
  }
  return used;
}

/** The options of a `check` command from a scan without mistakes; unset options take their defaults. */
function checkOptions(scan: Scan): CheckOptions {
  const { values, flags } = scan;
  const output = values.output === undefined || values.output === '-' ? null : values.output;
  return {
    dir: scan.positionals[0] ?? DEFAULT_CHECK_OPTIONS.dir,
    format: (values.format as Format | undefined) ?? DEFAULT_CHECK_OPTIONS.format,
    failOn: (values.failOn as FailOn | undefined) ?? DEFAULT_CHECK_OPTIONS.failOn,
    config: values.config ?? null,
    output,
    verbose: flags.has('verbose'),
    color: !flags.has('noColor'),
    quiet: flags.has('quiet'),
    allowHomeOrRoot: flags.has('allowHomeOrRoot'),
    cache: !flags.has('noCache'),
    baseline: values.baseline ?? null,
    updateBaseline: flags.has('updateBaseline'),
    base: values.base ?? null,
    with: [...scan.withDirs],
  };
}

/** The known option closest to a mistyped one (`--formt` → `--format`), if any is close. */
function suggest(name: string): string | null {
  const bare = name.replace(/^-+/, '');
  let best: { name: string; d: number } | null = null;
  for (const o of OPTIONS) {
    const d = distance(bare, o.name.slice(2));
    if (d <= 2 && (!best || d < best.d)) best = { name: o.name, d };
  }
  return best?.name ?? null;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}
