/**
 * Safe text for generated code. Every value that comes from the workspace (a route path, a service name,
 * a file path, an env var name, a configured base URL) is untrusted: it is either checked against what its
 * place allows, or escaped for the exact context it is pasted into.
 */

/** RFC 3986 `pchar` without `%` (checked apart): what a URL path segment may hold literally. */
const PCHAR_RE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]*$/;
/** Percent-encoded `.`, `/` and `\`, which would turn into traversal once decoded. */
const ENCODED_SEPARATOR_RE = /%(2e|2f|5c)/i;

/**
 * Why a literal route-path segment cannot be turned into a file-system folder or pasted into code, or null
 * when it can: empty, `.`, `..`, backslashes, percent-encoded dots or slashes, malformed percent escapes,
 * and any character a URL path cannot hold (quotes aside from `'`, backticks, spaces, braces, controls).
 */
export function unsafeSegmentReason(segment: string): string | null {
  if (segment === '') return 'an empty path segment';
  if (segment === '.' || segment === '..') return `a \`${segment}\` path segment`;
  if (segment.includes('\\')) return 'a backslash in the path';
  if (ENCODED_SEPARATOR_RE.test(segment)) return 'a percent-encoded dot, slash or backslash in the path';
  const withoutEscapes = segment.replace(/%[0-9A-Fa-f]{2}/g, '');
  if (withoutEscapes.includes('%')) return 'a malformed percent escape in the path';
  if (!PCHAR_RE.test(withoutEscapes)) return `characters a URL path cannot hold (${JSON.stringify(segment.slice(0, 40))})`;
  return null;
}

/** A JavaScript identifier we are willing to paste as one (ASCII only). */
export const isPlainIdentifier = (s: string): boolean => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s);

/** An environment variable name we are willing to paste after `process.env.`. */
export const isEnvName = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);

/** A single-quoted JavaScript string literal holding exactly `s`. */
export function jsString(s: string): string {
  return `'${s.replace(/[\\'\n\r\u2028\u2029]|[\u0000-\u001f\u007f]/g, (c) => (c === '\\' || c === "'" ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}'`;
}

/** Text placed between the backticks of a template literal, standing for exactly `s`. */
export function templateChunk(s: string): string {
  return s.replace(/[\\`$]/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text safe inside a `/** … *\/` comment on one line. */
export function commentText(s: string): string {
  return s.replace(/\*\//g, '*\\/').replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}

/** A double-quoted Python (and Rust, Go, JSON) string literal holding exactly the URL path `s` (pchar only). */
export function pyString(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}
