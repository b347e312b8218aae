/**
 * The config file as text: JSON with comments, parsed within bounds (the file comes from the repository
 * that is open), and problems located by line and column. Validation of the content is in config.ts.
 */
import { offsetPositions } from './text';
import { createScanner, findNodeAtLocation, parse as parseJsonc, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** jsonc-parser's SyntaxKind values (a const enum, which isolated modules cannot read). */
const TOKEN = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, eof: 17 } as const;

/** Characters in a config file (a real one is a few hundred). */
export const MAX_CONFIG_CHARS = 1024 * 1024;
/** Nesting of objects and arrays (a real config needs 4: the parser recurses once per level). */
export const MAX_CONFIG_DEPTH = 32;
/** Problems listed for one file; the rest are counted. */
export const MAX_PROBLEMS = 100;

export interface ConfigProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** A problem with the configuration the user can fix; carries where it is. */
export class ConfigurationError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'ConfigurationError';
  }
}

/** The config text as a JSON object (comments and trailing commas allowed); throws on anything else. */
export function parseConfigObject(text: string, file: string): Record<string, unknown> {
  const at = offsetPositions(text);
  if (text.length > MAX_CONFIG_CHARS) throw new ConfigurationError(file, [{ message: `the file is ${text.length} characters long; at most ${MAX_CONFIG_CHARS} are allowed`, line: 1, column: 1 }]);
  const deep = tooDeep(text);
  if (deep !== null) throw new ConfigurationError(file, [{ message: `the configuration is nested deeper than ${MAX_CONFIG_DEPTH} levels`, ...at(deep) }]);
  const errors: ParseError[] = [];
  const raw = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length) throw new ConfigurationError(file, errors.slice(0, MAX_PROBLEMS).map((e) => ({ message: `invalid JSON: ${printParseErrorCode(e.error)}`, ...at(e.offset) })));
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigurationError(file, [{ message: 'the configuration must be a JSON object', line: 1, column: 1 }]);
  }
  return raw as Record<string, unknown>;
}

/** Offset of the first `{` or `[` nested deeper than the limit, or null; tokens are read without recursion. */
function tooDeep(text: string): number | null {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let t: number = scanner.scan(); t !== TOKEN.eof; t = scanner.scan()) {
    if (t === TOKEN.openBrace || t === TOKEN.openBracket) {
      if (++depth > MAX_CONFIG_DEPTH) return scanner.getTokenOffset();
    } else if (t === TOKEN.closeBrace || t === TOKEN.closeBracket) depth--;
  }
  return null;
}

/** Collects problems at JSON paths of `text`, located once each, the first {@link MAX_PROBLEMS} of them. */
export function problemCollector(text: string): { report: (path: (string | number)[], message: string) => void; problems: () => ConfigProblem[] } {
  const at = offsetPositions(text);
  let tree: Node | undefined | null = null;
  const found: ConfigProblem[] = [];
  let more = 0;
  const locate = (path: (string | number)[]): { line: number; column: number } => {
    if (tree === null) tree = parseTree(text);
    if (!tree) return { line: 1, column: 1 };
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(tree, path.slice(0, n));
      if (node) return at((node.parent?.type === 'property' ? node.parent : node).offset);
    }
    return { line: 1, column: 1 };
  };
  return {
    report(path, message) {
      if (found.length < MAX_PROBLEMS) found.push({ message: `${pathText(path)}: ${message}`, ...locate(path) });
      else more++;
    },
    problems: () => (more ? [...found, { message: `… and ${more} more problem${more === 1 ? '' : 's'}`, line: 1, column: 1 }] : found),
  };
}

function pathText(path: (string | number)[]): string {
  return path.length === 0 ? '(root)' : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
