/** `--help` texts. Exit codes are listed here because they are part of the contract. */
import type { HelpTopic } from './args';
import { packageInfo } from './packageInfo';

const EXIT_CODES = `Exit codes:
  0    no gap at or above --fail-on (always, with --fail-on never)
  1    gaps at or above --fail-on
  2    usage or configuration error (bad option, folder not found, config file invalid or
       unreadable)
  3    internal error (run again with --verbose for the stack trace)
  130  interrupted (Ctrl-C)`;

export function helpText(topic: HelpTopic): string {
  const { version } = packageInfo();
  if (topic === 'check') return CHECK_HELP;
  return `API Parity ${version}: keeps backend routes and frontend calls in step.

Usage:
  api-parity check [dir] [options]   analyse a workspace and report gaps (the default command)
  api-parity --help                  show this help
  api-parity --version               print the version

Run 'api-parity check --help' for the options of check.

${EXIT_CODES}
`;
}

const CHECK_HELP = `Usage: api-parity check [dir] [options]

Analyse the workspace in dir (default: the current folder): backend routes, frontend calls and the
gaps between them (missing endpoints, method mismatches, unused endpoints).

Options:
  -f, --format <format>    text (default), json, markdown or sarif
      --fail-on <level>    exit 1 when a gap is at or above: error, warning (default), info, hint,
                           or never
  -c, --config <file>      configuration file (default: api-parity.config.json in dir)
  -o, --output <file>      write the report to a file instead of stdout (folders are created)
      --verbose            also list skipped files and analysis notes; stack traces on errors
      --no-color           no colours and no progress line (NO_COLOR is honoured too)
  -q, --quiet              print only the gaps (text format); no progress or status lines
      --allow-home-or-root analyse dir even when it is the home folder (or holds it) or the root
                           of the file system, which are refused without it
      --no-cache           parse every file; neither read nor write the facts cache (kept in
                           API_PARITY_CACHE_DIR, else ~/.cache/api-parity or the OS cache folder)
  -h, --help               show this help

Text output lists each gap as 'file:line:col  severity  message', the path relative to the analysed folder.
The json format is the analyzer's result as is (a stable contract, see schemaVersion).

${EXIT_CODES}
`;
