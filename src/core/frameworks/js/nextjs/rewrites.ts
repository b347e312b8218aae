/**
 * `rewrites()` in `next.config.*`: each entry (an array, or `{ beforeFiles, afterFiles, fallback }`) is a
 * proxy route of the Next.js app at its source (under the basePath unless `basePath: false`), whose
 * destination the http relation follows: a call to `/api/users` through `{ source: '/api/:path*',
 * destination: `${BACKEND}/api/:path*` }` is matched against the backend's `/api/users`. Entries with
 * `has`/`missing` conditions apply only to some requests and are left out.
 */
import type { Value } from '../../../resolve/evaluate';
import { displayParts } from '../../../match/url';
import { joinUrl } from '../../../link/mounts';
import type { LinkContext, LinkedRoute } from '../../types';
import type { NextConfig } from './config';

export function rewriteRoutes(cfg: NextConfig, ctx: LinkContext): LinkedRoute[] {
  if (!cfg.value) return [];
  const fnV = ctx.evaluator.member(cfg.value, 'rewrites');
  if (fnV.t !== 'fn') return [];
  const fn = ctx.evaluator.program.module(fnV.file)?.functions[fnV.id];
  const ret = fn?.returns[fn.returns.length - 1];
  if (!fn || !ret) return [];
  const span = { line: fn.line, column: 1, endLine: fn.line, endColumn: 1 };
  const result = ctx.evaluator.evaluate(ret, { file: fnV.file, fn: fn.id, params: [] });
  const lists: Value[] = result.t === 'obj' ? ['beforeFiles', 'afterFiles', 'fallback'].map((k) => ctx.evaluator.member(result, k)) : [result];
  const out: LinkedRoute[] = [];
  for (const list of lists) {
    if (list.t !== 'arr') continue;
    for (const sym of list.items) {
      const r = rewriteRoute(ctx, ctx.evaluator.evaluate(sym, list.ctx), cfg, fnV.file, span);
      if (r) out.push(r);
    }
  }
  return out;
}

function rewriteRoute(ctx: LinkContext, entry: Value, cfg: NextConfig, file: string, span: LinkedRoute['span']): LinkedRoute | null {
  if (entry.t !== 'obj') return null;
  const field = (k: string) => ctx.evaluator.member(entry, k);
  const has = field('has');
  const missing = field('missing');
  if (!(has.t === 'unknown' && has.absent) || !(missing.t === 'unknown' && missing.absent)) return null;
  const src = field('source');
  const source = src.t === 'str' && src.parts.every((p) => 'lit' in p) ? src.parts.map((p) => (p as { lit: string }).lit).join('') : null;
  if (source === null || !source.startsWith('/')) return null;
  const dest = field('destination');
  if (dest.t === 'unknown' && dest.absent) return null;
  const parts = ctx.evaluator.partsOf(dest);
  const bp = field('basePath');
  const prefixed = bp.t === 'unknown' && bp.text === 'false' ? source : joinUrl(cfg.basePath, source);
  const destination = displayParts(parts);
  return {
    file,
    span,
    kind: 'http',
    method: '*',
    path: nextSourcePath(prefixed),
    handler: `rewrite → ${destination}`,
    confidence: cfg.notes.length ? 'partial' : 'exact',
    notes: [...cfg.notes],
    forward: { source: prefixed, destination, parts },
  };
}

/** A path-to-regexp source (`/api/:path*`, `/u/:id`) in Next.js's file-system syntax (`/api/[[...path]]`, `/u/[id]`). */
export function nextSourcePath(source: string): string {
  return source
    .split('/')
    .map((seg) => {
      const m = /^:([A-Za-z_]\w*)(?:\([^)]*\))?([*+?]?)$/.exec(seg);
      if (!m) return seg;
      return m[2] === '*' ? `[[...${m[1]}]]` : m[2] === '+' ? `[...${m[1]}]` : `[${m[1]}]`;
    })
    .join('/');
}
