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
  if (topic === 'diff') return DIFF_HELP;
  if (topic === 'export') return EXPORT_HELP;
  return `API Parity ${version}: keeps backend routes and frontend calls in step.

Usage:
  api-parity check [dir] [options]   analyse a workspace and report gaps (the default command)
  api-parity diff [dir] [options]    what the working tree changes against a base revision (for
                                     pull requests): breaking changes, new gaps, fixed gaps
  api-parity export openapi [dir]    write an OpenAPI 3.1 document of the routes found
  api-parity --help                  show this help
  api-parity --version               print the version

Run 'api-parity <command> --help' for the options of a command.

${EXIT_CODES}
`;
}

const CHECK_HELP = `Usage: api-parity check [dir] [options]

Analyse the workspace in dir (default: the current folder): backend routes, frontend calls and the
gaps between them (missing endpoints, method mismatches, unused endpoints).

Options:
  -f, --format <format>    text (default), json, markdown, sarif or github (workflow-command
                           annotations for GitHub Actions)
      --fail-on <level>    exit 1 when a gap is at or above: error, warning (default), info, hint,
                           or never
  -c, --config <file>      configuration file (default: api-parity.config.json in dir)
  -o, --output <file>      write the report to a file instead of stdout (folders are created)
      --verbose            also list skipped files and analysis notes; stack traces on errors
      --no-color           no colours and no progress line (NO_COLOR is honoured too)
  -q, --quiet              print only the gaps (text format); no progress or status lines
      --allow-home-or-root analyse dir even when it is the home folder (or holds it) or the root
                           of the file system, which are refused without it
      --no-cache           parse every file; read and write no cache: neither the facts cache nor
                           the compiled CLI code (kept in API_PARITY_CACHE_DIR, else
                           ~/.cache/api-parity or the OS cache folder)
      --baseline <file>    report only findings not recorded in this baseline file (default: the
                           config's "baseline"); a note counts the ones left out
      --update-baseline    write the current findings to the baseline file (--baseline, the
                           config's, else api-parity.baseline.json) and exit 0
  -h, --help               show this help

Text output lists each gap as 'file:line:col  severity  message', the path relative to the analysed folder.
The json format is the analyzer's result as is (a stable contract, see schemaVersion).

${EXIT_CODES}
`;

const DIFF_HELP = `Usage: api-parity diff [dir] [options]

Compare the working tree of dir with a base revision, read straight from git (no checkout), and
report what the change does to the contract between backend and frontend:
  breaking      a route removed, or its path or method changed, while a call still targets it
  new missing   calls the change adds (or changes) that match no route, or use the wrong method
  new unused    routes that lost their last caller, or were added with none
  fixed         gaps of the base that the change removes
Findings are compared by what they are about (kind, method, path, service, file), not by line.

Options:
      --base <ref>         the revision to compare with (default: the merge base of HEAD with
                           origin/HEAD, main or master); a shallow clone without it is exit 2
  -f, --format <format>    text (default), json (the check result plus a "diff" section),
                           markdown (a pull-request comment), sarif (new findings only) or github
      --fail-on <level>    exit 1 when a NEW finding is at or above: error, warning (default),
                           info, hint, or never
  -c, --config <file>      configuration file for both revisions (default: each revision's own
                           api-parity.config.json)
  -o, --output <file>      write the report to a file instead of stdout
      --no-cache           parse every file of both revisions (by default a file whose content is
                           the same in both is parsed once, through the facts cache)
  -q, --quiet, --no-color, --verbose, --allow-home-or-root   as for check
  -h, --help               show this help

${EXIT_CODES}
`;

const EXPORT_HELP = `Usage: api-parity export openapi [dir] [options]

Write an OpenAPI 3.1 document of every HTTP route found in dir, one per backend service: method,
path and its parameters, the handler and its file:line (as x-api-parity-* extensions), tagged by
area. Bodies and responses are not described. The document is marked as generated from the code.

Options:
  -o, --output <file>      write the document to a file (with several services: a folder, one
                           <service>.openapi.json each); default stdout (one service only)
  -c, --config <file>      configuration file (default: api-parity.config.json in dir)
  -q, --quiet, --no-cache, --allow-home-or-root   as for check
  -h, --help               show this help

${EXIT_CODES}
`;
