/**
 * Next.js Pages Router API routes: `pages/api/**` (or `src/pages/api/**`), one route per file, `index`
 * naming its folder. The methods are the ones the handler compares `req.method` with when it visibly
 * turns the others away (`if (req.method !== 'POST')`, a 405, a `switch` with its cases); otherwise any
 * method, since what a fall-through branch serves cannot be told.
 */
import { isHttpMethod } from '../../../resolve/patterns';
import type { MethodOrAny } from '../../../types';
import type { ParsedFile } from '../../types';

export const PAGES_API = /^(?:src\/)?pages\/(api(?:\/.*)?)\.(?:ts|js|tsx|jsx|mjs|cjs)$/;

/** Text that shows the handler rejects other methods. */
const REJECTS = /\b405\b|method not allowed/i;

/** The URL path of a `pages/` file path without extension (`api/users/index` → `/api/users`); null for private files. */
export function pagesApiPath(rel: string): string | null {
  const segs = rel.split('/');
  if (segs[segs.length - 1] === 'index') segs.pop();
  if (segs.some((s) => s.startsWith('_'))) return null;
  return '/' + segs.join('/');
}

/** The methods a Pages Router API handler serves. */
export function pagesApiMethods(file: ParsedFile): MethodOrAny[] {
  const js = file.js!;
  const seen = new Set<MethodOrAny>();
  let rejects = REJECTS.test(file.text);
  const add = (v: string) => {
    const m = v.toUpperCase();
    if (isHttpMethod(m)) seen.add(m);
  };
  for (const c of js.comparisons) {
    if (c.subject.k !== 'member' || c.subject.prop !== 'method') continue;
    add(c.value);
    if (c.op === 'ne') rejects = true;
  }
  for (const call of js.calls) {
    // `['GET', 'POST'].includes(req.method)`
    const callee = call.callee;
    if (callee.k !== 'member' || callee.prop !== 'includes' || callee.obj.k !== 'arr') continue;
    const first = call.args[0];
    const a = first?.k === 'fallback' ? first.options[0] : first; // `req.method ?? ''`
    if (a?.k !== 'member' || a.prop !== 'method') continue;
    for (const i of callee.obj.items) if (i.k === 'str') add(i.v);
  }
  return seen.size && rejects ? [...seen] : ['*'];
}
