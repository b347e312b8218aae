/**
 * "Change the URL to the closest route": rewrites the string or template literal of a call's URL in place.
 * The origin or base expression in front of the path, the query string and a trailing slash are kept, and
 * so are the call's own expressions for parameters (`${id}` stays `${id}`). Anything that is not one plain
 * literal (a concatenation, a parameter inside a segment, an escape in the path) is refused.
 */
import { templateChunk, unsafeSegmentReason } from './codeText';

const MARK = 0xe000;
const isMark = (c: string | undefined) => c !== undefined && c.charCodeAt(0) >= MARK && c.charCodeAt(0) < MARK + 256;

/** The literal's quote and its content as a shape (expressions as private-use marks), or why not. */
function shapeOf(src: string): { q: string; shape: string; exprs: string[] } | { reason: string } {
  const q = src[0];
  if ((q !== "'" && q !== '"' && q !== '`') || src.length < 2 || src[src.length - 1] !== q) return { reason: 'the URL is not one string or template literal' };
  const body = src.slice(1, -1);
  if (/[\uE000-\uE0FF\\]/.test(body)) return { reason: 'the URL literal holds escapes' };
  if (q !== '`') return body.includes(q) ? { reason: 'the URL is not one string literal' } : { q, shape: body, exprs: [] };
  if (body.includes('`')) return { reason: 'the URL is not one template literal' };
  const exprs: string[] = [];
  let shape = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '$' && body[i + 1] === '{') {
      let depth = 0;
      let j = i + 1;
      for (; j < body.length; j++) {
        if (body[j] === '{') depth++;
        else if (body[j] === '}' && --depth === 0) break;
      }
      if (j >= body.length || exprs.length >= 255) return { reason: 'the URL template is not balanced' };
      shape += String.fromCharCode(MARK + exprs.length);
      exprs.push(body.slice(i, j + 1));
      i = j;
    } else shape += body[i];
  }
  return { q, shape, exprs };
}

const isDyn = (s: string) => s === '{}' || s.startsWith('{');

/** The new literal for `src` (a call to `callPath`, `{}` for dynamic segments) sent to `target` instead, or why not. */
export function rewriteUrlLiteral(src: string, callPath: string, target: string): { text: string } | { reason: string } {
  const parsed = shapeOf(src);
  if ('reason' in parsed) return parsed;
  const { q, shape, exprs } = parsed;
  const origin = /^https?:\/\/[^/?#\uE000-\uE0FF]*/.exec(shape);
  const ps = origin ? origin[0].length : isMark(shape[0]) ? 1 : 0;
  if (ps < shape.length && shape[ps] !== '/') return { reason: 'the URL literal does not hold an absolute path' };
  let qe = shape.slice(ps).search(/[?#]/);
  qe = qe < 0 ? shape.length : ps + qe;
  const region = shape.slice(ps, qe);
  const trailing = region.length > 1 && region.endsWith('/');
  const segs = region === '' || region === '/' ? [] : region.slice(1, trailing ? -1 : undefined).split('/');
  const S = callPath.split('/').filter(Boolean);
  const T = target.split('/').filter(Boolean);
  if (segs.length > S.length) return { reason: 'the URL literal does not line up with the call path' };
  const inBase = S.length - segs.length;
  const baseOk = T.length >= inBase && S.slice(0, inBase).every((s, i) => (isDyn(s) ? isDyn(T[i]!) : s === T[i]));
  if (!baseOk) return { reason: 'the route differs in the part of the path the base URL holds' };
  const Sx = S.slice(inBase);
  const Tx = T.slice(inBase);
  const dyn: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    if (Sx[i] !== '{}') continue;
    if (segs[i]!.length !== 1 || !isMark(segs[i])) return { reason: 'a parameter shares its segment with other text' };
    dyn.push(segs[i]!);
  }
  const esc = (s: string) => (q === '`' ? templateChunk(s) : s.replace(/[\\'"]/g, (c) => (c === q ? `\\${c}` : c)));
  const why = closeness(Sx, Tx);
  if (why) return { reason: why };
  const out: string[] = [];
  if (Tx.length === Sx.length) {
    for (let i = 0; i < Tx.length; i++) out.push(isDyn(Tx[i]!) ? (Sx[i] === '{}' || !isDyn(Sx[i]!) ? segs[i]! : '') : esc(Tx[i]!));
  } else {
    if (Tx.filter(isDyn).length !== dyn.length) return { reason: 'the route has another number of parameters' };
    let k = 0;
    for (const t of Tx) out.push(isDyn(t) ? dyn[k++]! : esc(t));
  }
  for (const t of Tx) if (!isDyn(t) && unsafeSegmentReason(t)) return { reason: `the route path has ${unsafeSegmentReason(t)}` };
  if (out.some((s) => s === '')) return { reason: 'a parameter has no value in the call' };
  const newRegion = out.length ? `/${out.join('/')}${trailing ? '/' : ''}` : region === '' ? '' : '/';
  const shaped = shape.slice(0, ps) + newRegion + shape.slice(qe);
  const text = [...shaped].map((c) => (isMark(c) ? exprs[c.charCodeAt(0) - MARK]! : c)).join('');
  return { text: `${q}${text}${q}` };
}

/** Edit distance of two short strings (bounded inputs: URL path segments). */
function distance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Why `to` is not a close fix of `from` (the parts of the path the literal holds), or null: the same
 * number of segments with literal typos only (a few characters), or the same segments with a prefix
 * added or removed. Catch-alls are never a URL to change to.
 */
function closeness(from: readonly string[], to: readonly string[]): string | null {
  if (to.some((t) => t.startsWith('{...'))) return 'the route is a catch-all';
  const same = (a: string, b: string) => (isDyn(a) && isDyn(b)) || a === b;
  if (from.length === to.length) {
    for (let i = 0; i < from.length; i++) {
      const a = from[i]!;
      const b = to[i]!;
      if (same(a, b) || (isDyn(b) && !isDyn(a))) continue;
      if (isDyn(a) || isDyn(b) || distance(a, b) > Math.max(2, Math.floor(Math.max(a.length, b.length) / 4))) return `${JSON.stringify(a)} and ${JSON.stringify(b)} are not a typo apart`;
    }
    return null;
  }
  const [short, long] = from.length < to.length ? [from, to] : [to, from];
  const off = long.length - short.length;
  return short.every((s, i) => same(s, long[off + i]!)) ? null : 'the paths differ by more than a prefix';
}

/** The top-level arguments of the call `callee(a, b)` in `src` (offsets into it; `close` -1 when the text stops inside it), or null. */
export function callArguments(src: string): { callee: string; open: number; close: number; args: Array<{ start: number; end: number }> } | null {
  const open = src.indexOf('(');
  if (open < 0) return null;
  const args: Array<{ start: number; end: number }> = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < src.length && src[i] !== c; i++) {
        if (src[i] === '\\') i++;
        else if (c === '`' && src[i] === '$' && src[i + 1] === '{') {
          let d = 0;
          for (; i < src.length; i++) {
            if (src[i] === '{') d++;
            else if (src[i] === '}' && --d === 0) break;
          }
        }
      }
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        if (src.slice(start, i).trim()) args.push(trimmed(src, start, i));
        return { callee: src.slice(0, open).trim(), open, close: i, args };
      }
    } else if (c === ',' && depth === 1) {
      args.push(trimmed(src, start, i));
      start = i + 1;
    }
  }
  // A span that ends with the URL argument (the call's span as the requests pass records it).
  if (depth !== 1) return null;
  if (src.slice(start).trim()) args.push(trimmed(src, start, src.length));
  return { callee: src.slice(0, open).trim(), open, close: -1, args };
}

function trimmed(src: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(src[start]!)) start++;
  while (end > start && /\s/.test(src[end - 1]!)) end--;
  return { start, end };
}
