/**
 * The config's file globs (`include`, `exclude`, `testFiles`, `apiDocs`) and folders (`services[].root`), checked
 * before anything touches the disk. The file comes from whatever repository is open (the extension runs
 * in untrusted workspaces), so each list is bounded (patterns, length, patterns after brace expansion),
 * patterns that make the matcher backtrack are refused, and everything stays inside the workspace root:
 * no absolute path, no `..` segment (with `/` or `\`, escaped or not, before or after expansion).
 */
import { expandBraces } from './braces';
import { absolute, relativeToRoot, resolveNative } from './path';

export const GLOB_LIMITS = {
  /** Patterns in one list, as written. */
  patterns: 100,
  /** Characters in one pattern. */
  length: 1000,
  /** Patterns in one list after brace expansion: fast-glob tests every entry against each of them. */
  expanded: 256,
  /** `*` wildcards in one path segment (`*.test.*` has 2): each more multiplies the matcher's backtracking by a name's length. */
  starsPerSegment: 2,
  /** `**` segments in one pattern (`**\/tests/**` has 2): each more multiplies it by a path's depth. */
  globstars: 2,
} as const;

/** Records a problem at a JSON path of the config. */
export type Report = (path: (string | number)[], message: string) => void;

/** An array of non-empty glob strings, checked and brace-expanded; undefined when absent or wrong. */
export function readGlobList(obj: Record<string, unknown>, key: string, problem: Report): string[] | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === '')) {
    problem([key], 'expected an array of non-empty glob strings');
    return undefined;
  }
  if (v.length > GLOB_LIMITS.patterns) {
    problem([key], `has ${v.length} patterns; at most ${GLOB_LIMITS.patterns} are allowed`);
    return undefined;
  }
  const out: string[] = [];
  let ok = true;
  (v as string[]).forEach((pattern, i) => {
    const expanded = expandPattern(pattern, GLOB_LIMITS.expanded);
    if ('problem' in expanded) {
      problem([key, i], expanded.problem);
      ok = false;
    } else out.push(...expanded.patterns);
  });
  if (ok && out.length > GLOB_LIMITS.expanded) {
    problem([key], `expands to ${out.length} patterns; at most ${GLOB_LIMITS.expanded} are allowed`);
    return undefined;
  }
  return ok ? out : undefined;
}

/** One pattern's expansions, each checked, or the first problem. */
function expandPattern(pattern: string, limit: number): { patterns: readonly string[] } | { problem: string } {
  if (pattern.length > GLOB_LIMITS.length) return { problem: `is ${pattern.length} characters long; at most ${GLOB_LIMITS.length} are allowed` };
  const e = expandBraces(pattern, limit);
  if ('range' in e) return { problem: `brace ranges such as ${e.range} are not supported; list the alternatives ({a,b,c})` };
  if ('count' in e) return { problem: `expands to more than ${limit} patterns (braces multiply: {a,b}{c,d} is 4 patterns)` };
  for (const p of e.patterns) {
    const problem = globProblem(p);
    if (problem) return { problem: e.patterns.length > 1 ? `${problem} (in its expansion "${p}")` : problem };
  }
  return { patterns: e.patterns };
}

/** What is wrong with one expanded pattern, or null. */
function globProblem(pattern: string): string | null {
  const outside = outsideProblem(pattern, 'pattern');
  if (outside) return outside;
  // Escapes are read as the characters they escape; `\` never separates here.
  const plain = pattern.replace(/\\(.)/g, (_, c: string) => (c === '*' || c === '(' ? '_' : c));
  if (/[@!+*?]\(/.test(plain)) return 'extended globs such as +(…), @(…) or !(…) are not supported';
  const segments = plain.split('/');
  const globstars = segments.filter((s) => s === '**').length;
  if (globstars > GLOB_LIMITS.globstars) return `has ${globstars} "**" segments; at most ${GLOB_LIMITS.globstars} are allowed`;
  for (const s of segments) {
    const stars = s === '**' ? 1 : (s.match(/\*+/g) ?? []).length;
    if (stars > GLOB_LIMITS.starsPerSegment) return `has ${stars} "*" wildcards in the segment "${s}"; at most ${GLOB_LIMITS.starsPerSegment} are allowed in one segment`;
  }
  return null;
}

/**
 * Why a pattern or folder would reach outside the workspace root, or null: holding a `..` segment, read
 * with `/` and `\` as separators, and again with escapes (`\.\.`) read as the characters they escape;
 * or absolute (`/x`, `C:x`, `\\host\share`, and for a folder `\x`). Checked on every brace expansion.
 */
export function outsideProblem(path: string, what: 'pattern' | 'folder'): string | null {
  // A pattern's leading `!` negates it (fast-glob); what follows is the path.
  const p = what === 'pattern' ? path.replace(/^!+/, '') : path;
  const unescaped = p.replace(/\\(.)/g, '$1');
  if ([p, unescaped].some((f) => f.split(/[\\/]/).includes('..'))) return `leads out of the workspace root (a ".." segment); a ${what} stays inside the workspace`;
  const absolute = p.startsWith('/') || (what === 'folder' && p.startsWith('\\')) || /^[\\/]/.test(unescaped) || /^[a-zA-Z]:/.test(p) || /^[a-zA-Z]:/.test(unescaped);
  return absolute ? `is an absolute path; a ${what} is relative to the workspace root and stays inside it` : null;
}

// ------------------------------------------------------------------ the workspace root itself

/**
 * Why a folder is too broad to be a workspace, or null: the root of the file system, the home folder,
 * or a folder holding it (`/home`, `/Users`). Each holds far more than one project; analysing one
 * lists the whole disk. `home` is the user's home folder, or null when unknown.
 */
export function broadWorkspaceReason(root: string, home: string | null): string | null {
  const abs = resolveNative(root);
  if (absolute(abs, '..') === abs) return `${abs} (the root of the file system)`;
  if (home === null) return null;
  const inside = relativeToRoot(abs, home);
  if (inside === '.') return `${abs} (your home folder)`;
  return inside === null ? null : `${abs} (it holds your home folder)`;
}
