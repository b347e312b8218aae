/**
 * Endpoint lists in Markdown and plain text: table rows (`| GET | /api/users |`, `| \`POST /x\` | … |`),
 * headings and bullets (`### GET /my/account`, `- POST /api/v5/auth/login`) and text lines
 * (`GET /jobs/{id} - fetch one job`). A method is read only in upper case and only when a path
 * starting with `/` (or a full URL) follows it, so prose ("get the /api prefix") yields nothing. Full URLs keep
 * their origin: operations on a host none of whose operations the service serves are another API's
 * (`POST https://api.stripe.com/v1/charges` in a backend's notes), see relations/docs.
 */
import { HTTP_METHODS, type HttpMethod } from '../types';
import type { ApiDocument, DocOperation } from './types';

const OP = new RegExp(String.raw`(?<![A-Za-z0-9_])(${HTTP_METHODS.join('|')})(?![A-Za-z0-9_])[\s\`*|:]*((?:https?://[^\s/\`|]+)?/[^\s\`|)*"',;]*)`, 'g');

export function parseEndpointList(file: string, text: string): ApiDocument {
  const operations: DocOperation[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    for (const m of raw.matchAll(OP)) {
      const path = normalizeDocPath(m[2]!);
      if (path === null) continue;
      const key = `${m[1]} ${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const origin = /^https?:\/\/[^/]+/i.exec(m[2]!)?.[0].toLowerCase();
      operations.push({ method: m[1] as HttpMethod, path, line: i + 1, column: m.index + 1, endColumn: m.index + m[0].length + 1, ...(origin ? { origin } : {}) });
    }
  });
  return { file, format: /\.txt$/i.test(file) ? 'text' : 'markdown', operations, prefixes: [''], generated: null };
}

/** `/users/:id/`, `/users/<int:id>`, `http://host/users/{id}?q=1` → `/users/{id}`; null when not a path. */
export function normalizeDocPath(raw: string): string | null {
  let p = raw.replace(/^https?:\/\/[^/]+/i, '').replace(/[?#].*$/, '').replace(/[.:]+$/, '');
  p = p.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}').replace(/<(?:[^:>]+:)?([^>]+)>/g, '{$1}');
  if (!p.startsWith('/') || p.startsWith('//') || /[<>\\]/.test(p)) return null;
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}
