/**
 * Path templates: one normalised form for every route syntax we read, and for URLs rebuilt from calls.
 *
 * Each framework reads its own route syntax into this model ({@link PathSyntax}); the display form is
 * canonical: `{id}`, `{...rest}` (a catch-all), `{...rest?}` (one that also matches nothing), `{id?}` (an optional segment).
 * Call URLs carry dynamic pieces as {@link DYN} markers (from `${expr}`), which become `{}`.
 */

/** One piece of a segment: literal text or a wildcard (a parameter), which a converter may constrain. */
export type Piece = { readonly lit: string } | { readonly param: string; readonly type?: ParamType };

/**
 * What a typed parameter accepts, from its converter (Django/Flask `<int:id>`, `<uuid:id>`, Starlette
 * `{id:int}`): a literal segment outside it cannot reach the route. Other converters (`str`, `slug`,
 * `path`, custom ones) constrain nothing we can check.
 */
export type ParamType = 'int' | 'uuid';
const PARAM_TYPES: Readonly<Record<string, ParamType>> = { int: 'int', uuid: 'uuid' };
const FITS: Readonly<Record<ParamType, RegExp>> = { int: /^\d+$/, uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i };

const PLACEHOLDER = /^\{[^{}]*\}$/;

/** The converter of a parameter token (`<uuid:id>`, `{id:int}`): the name before or after the colon. */
function paramTypeOf(token: string): ParamType | undefined {
  // A `re_path` group of digits only: `(?P<id>\d+)`, `(?P<id>[0-9]+)`.
  if (/^\(\?P<[A-Za-z_]\w*>(?:\\d|\[0-9\])\+\)$/.test(token)) return 'int';
  const m = /^<([A-Za-z_]\w*):/.exec(token) ?? /^\{[A-Za-z_]\w*:([A-Za-z_]\w*)\}$/.exec(token);
  return m ? PARAM_TYPES[m[1]!] : undefined;
}

export type Segment =
  /** A segment of literal text and/or parameters (`users`, `{id}`, `{name}.json`). */
  | { readonly t: 'seg'; readonly pieces: readonly Piece[] }
  /** Matches the rest of the path: one or more segments, or zero or more when optional. */
  | { readonly t: 'splat'; readonly name: string; readonly optional: boolean }
  /** An optional single parameter segment (Express `:id?`). */
  | { readonly t: 'opt'; readonly name: string };

export interface PathTemplate {
  readonly segments: readonly Segment[];
}

/** Marker for a dynamic piece inside call URLs; never appears in real source text. */
export const DYN = '\u0000';

/**
 * A framework's route path syntax. Every syntax also reads the canonical forms (`{name}`, `{name:type}`,
 * `{...name}`, `{name?}`): they are the display form, and the engine writes unresolved prefix pieces
 * that way. Each framework plugin declares its own (`frameworks/<language>/<id>/path.ts`).
 */
export interface PathSyntax {
  readonly id: string;
  /** Rewrites applied to the whole path first (Express `:id?` → `{id?}`, Django `^…$` anchors). */
  prepare?(raw: string): string;
  /** Whole-segment forms (catch-alls, optional segments), tried before pieces. */
  segment?(text: string): Segment | null;
  /** Parameter pieces inside a segment: a global regex whose first defined group is the name. */
  readonly pieces?: RegExp;
}

/** The canonical path forms only. */
export const canonicalSyntax: PathSyntax = { id: 'canonical' };

const CANONICAL_PIECE = /\{([A-Za-z_]\w*)(?::[^}]*)?\}|\u0000([^\u0000]*)\u0000/;

const compiled = new WeakMap<PathSyntax, RegExp>();
function piecesOf(syntax: PathSyntax): RegExp {
  let re = compiled.get(syntax);
  if (!re) {
    re = new RegExp(syntax.pieces ? `${CANONICAL_PIECE.source}|${syntax.pieces.source}` : CANONICAL_PIECE.source, 'g');
    compiled.set(syntax, re);
  }
  return re;
}

/** Parse a route path in the given syntax (default: the canonical forms). */
export function parseRoutePath(raw: string, syntax: PathSyntax = canonicalSyntax): PathTemplate {
  const prepared = syntax.prepare ? syntax.prepare(raw.trim()) : raw.trim();
  const path = stripQueryAndHash(prepared);
  const segments: Segment[] = [];
  for (const text of splitSegments(path)) {
    const seg = parseRouteSegment(text, syntax);
    if (seg) segments.push(seg);
  }
  return { segments };
}

function parseRouteSegment(text: string, syntax: PathSyntax): Segment | null {
  if (text === '') return null;
  let m = /^\{\.\.\.([A-Za-z_]\w*)(\?)?\}$/.exec(text);
  if (m) return { t: 'splat', name: m[1]!, optional: m[2] === '?' };
  m = /^\{([A-Za-z_]\w*)\?\}$/.exec(text);
  if (m) return { t: 'opt', name: m[1]! };
  const own = syntax.segment?.(text);
  if (own) return own;
  return { t: 'seg', pieces: parsePieces(text, piecesOf(syntax)) };
}

function parsePieces(text: string, re: RegExp): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    if (m.index > last) pieces.push({ lit: text.slice(last, m.index) });
    const type = paramTypeOf(m[0]);
    pieces.push(type ? { param: m.slice(1).find((g) => g !== undefined) ?? '', type } : { param: m.slice(1).find((g) => g !== undefined) ?? '' });
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push({ lit: text.slice(last) });
  return mergeLits(pieces);
}

function mergeLits(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if ('lit' in p && prev && 'lit' in prev) out[out.length - 1] = { lit: prev.lit + p.lit };
    else out.push(p);
  }
  return out;
}

/** Parse the path part of a URL rebuilt from a call; {@link DYN}-delimited pieces are dynamic. */
export function parseCallPath(path: string): PathTemplate {
  const segments: Segment[] = [];
  for (const text of splitSegments(stripQueryAndHash(path))) {
    if (text === '') continue;
    const pieces: Piece[] = [];
    const parts = text.split(DYN);
    // Odd indexes are the dynamic pieces' labels.
    parts.forEach((part, i) => {
      if (i % 2 === 1) pieces.push({ param: '' });
      else if (part !== '') pieces.push({ lit: safeDecode(part) });
    });
    segments.push({ t: 'seg', pieces: mergeLits(pieces) });
  }
  return { segments };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Split on `/` but not inside `{...}`, `<...>`, `[...]` or `(...)` (regex groups, typed params). */
export function splitSegments(path: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  let inDyn = false;
  for (const ch of path) {
    if (ch === DYN) inDyn = !inDyn;
    if (!inDyn) {
      if (ch === '{' || ch === '<' || ch === '[' || ch === '(') depth++;
      else if ((ch === '}' || ch === '>' || ch === ']' || ch === ')') && depth > 0) depth--;
    }
    if (ch === '/' && depth === 0 && !inDyn) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Strip `?query` and `#hash`, outside of brackets and dynamic pieces. */
export function stripQueryAndHash(path: string): string {
  let depth = 0;
  let inDyn = false;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === DYN) inDyn = !inDyn;
    if (inDyn) continue;
    if (ch === '{' || ch === '<' || ch === '[' || ch === '(') depth++;
    else if ((ch === '}' || ch === '>' || ch === ']' || ch === ')') && depth > 0) depth--;
    else if ((ch === '?' || ch === '#') && depth === 0) {
      // `(?P<` is a regex group, handled by depth; a bare `?` ends the path.
      return path.slice(0, i);
    }
  }
  return path;
}

/** Display form: `/users/{id}`, `/files/{...rest}`; `{}` for unnamed (call) parameters. */
export function formatPath(t: PathTemplate): string {
  if (t.segments.length === 0) return '/';
  return (
    '/' +
    t.segments
      .map((s) =>
        s.t === 'splat'
          ? `{...${s.name}${s.optional ? '?' : ''}}`
          : s.t === 'opt'
            ? `{${s.name}?}`
            : s.pieces.map((p) => ('lit' in p ? p.lit : `{${p.param}}`)).join(''),
      )
      .join('/')
  );
}

export function joinTemplates(a: PathTemplate, b: PathTemplate): PathTemplate {
  return { segments: [...a.segments, ...b.segments] };
}

export function isCatchAll(t: PathTemplate): boolean {
  return t.segments.some((s) => s.t === 'splat');
}

/** Normalise a route path to its display form. */
export function normalizeRoutePath(raw: string, syntax: PathSyntax = canonicalSyntax): string {
  return formatPath(parseRoutePath(raw, syntax));
}

/**
 * How well a call path matches a route path; null when it does not match.
 * Higher is better: a literal segment beats a parameter segment, which beats a catch-all.
 */
export function matchScore(route: PathTemplate, call: PathTemplate): number | null {
  // Memoised on (route index, call index): with several catch-alls the plain recursion is exponential.
  return matchFrom(route.segments, 0, call.segments, 0, new Map());
}

function matchFrom(r: readonly Segment[], ri: number, c: readonly Segment[], ci: number, memo: Map<number, number | null>): number | null {
  const key = ri * (c.length + 1) + ci;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const score = matchStep(r, ri, c, ci, memo);
  memo.set(key, score);
  return score;
}

function matchStep(r: readonly Segment[], ri: number, c: readonly Segment[], ci: number, memo: Map<number, number | null>): number | null {
  if (ri === r.length) return ci === c.length ? 0 : null;
  const rs = r[ri]!;
  if (rs.t === 'splat') {
    // Try consuming as few segments as possible first; the score does not depend on how many, but an
    // optional catch-all that takes nothing scores a little below nothing: `/login` beats `/login/{...path?}`
    // (a dev-server proxy in front of the route, in the same service) for a call to `/login`. Less than the
    // caller's own service earns (see the matcher): a proxy of the caller's own dev server still comes first.
    const min = rs.optional ? 0 : 1;
    let best: number | null = null;
    for (let n = min; ci + n <= c.length; n++) {
      const rest = matchFrom(r, ri + 1, c, ci + n, memo);
      const score = rest === null ? null : rest + (n === 0 ? -0.005 : 0.1);
      if (score !== null && (best === null || score > best)) best = score;
    }
    return best;
  }
  if (rs.t === 'opt') {
    const skip = matchFrom(r, ri + 1, c, ci, memo);
    const cs = c[ci];
    const take = cs && cs.t === 'seg' ? matchFrom(r, ri + 1, c, ci + 1, memo) : null;
    const takeScore = take === null ? null : take + 1.5;
    if (skip === null) return takeScore;
    return takeScore === null ? skip : Math.max(skip, takeScore);
  }
  if (ci === c.length) return null;
  const cs = c[ci]!;
  if (cs.t !== 'seg') return null;
  const s = segmentScore(rs.pieces, cs.pieces);
  if (s === null) return null;
  const rest = matchFrom(r, ri + 1, c, ci + 1, memo);
  return rest === null ? null : rest + s;
}

/**
 * The route literal a run-time segment of the call must equal for the call to reach the route
 * (`/api/workspaces/${slug}/x` reaching `/api/workspaces/file-assets/{id}` needs `slug` to be
 * `file-assets`), or null when no segment of the call stands for one of the route's literals. Only for
 * plain segment lists of the same length (no rest or optional segments).
 */
export function guessedLiteral(route: PathTemplate, call: PathTemplate): string | null {
  const r = route.segments;
  const c = call.segments;
  if (r.length !== c.length) return null;
  for (let i = 0; i < r.length; i++) {
    const rs = r[i]!;
    const cs = c[i]!;
    if (rs.t !== 'seg' || cs.t !== 'seg') return null;
    const lit = isLit(rs.pieces);
    if (lit !== null && lit !== '' && cs.pieces.length === 1 && 'param' in cs.pieces[0]!) return lit;
  }
  return null;
}

const isLit = (p: readonly Piece[]): string | null => (p.length === 1 && 'lit' in p[0]! ? p[0].lit : p.length === 0 ? '' : null);

function segmentScore(route: readonly Piece[], call: readonly Piece[]): number | null {
  const rl = isLit(route);
  const cl = isLit(call);
  if (rl !== null && cl !== null) return rl === cl ? 3 : null;
  const routeIsParam = route.length === 1 && 'param' in route[0]!;
  const callIsDyn = call.length === 1 && 'param' in call[0]!;
  if (routeIsParam) {
    // A literal the parameter's converter rejects (`duplicate-assets` for `<uuid:asset_id>`) is a 404 there;
    // a placeholder left in the call's text (`{item_id}`, a template's own path) is no literal value.
    const type = (route[0] as { readonly type?: ParamType }).type;
    if (type && cl !== null && !PLACEHOLDER.test(cl) && !FITS[type].test(cl)) return null;
    return callIsDyn ? 2 : 1.5;
  }
  if (callIsDyn) return 1; // a runtime value that may equal the route's literal
  // Mixed segments (`{name}.json`): compare as patterns.
  return piecesMatch(route, sample(call)) || piecesMatch(call, sample(route)) ? 2 : null;
}

/**
 * Does `text` match the pieces, each parameter standing for one or more characters? Linear in the
 * text for each piece (dynamic programming over positions), so no crafted path can make it backtrack.
 */
function piecesMatch(pieces: readonly Piece[], text: string): boolean {
  // reach[i]: the pieces so far can consume exactly text[0, i).
  let reach = new Uint8Array(text.length + 1);
  reach[0] = 1;
  for (const p of pieces) {
    const next = new Uint8Array(text.length + 1);
    if ('lit' in p) {
      for (let i = 0; i + p.lit.length <= text.length; i++) if (reach[i] && text.startsWith(p.lit, i)) next[i + p.lit.length] = 1;
    } else {
      // One or more characters: every position after the first reachable one.
      let open = false;
      for (let i = 0; i <= text.length; i++) {
        if (open) next[i] = 1;
        if (reach[i]) open = true;
      }
    }
    reach = next;
  }
  return reach[text.length] === 1;
}

function sample(pieces: readonly Piece[]): string {
  return pieces.map((p) => ('lit' in p ? p.lit : 'x')).join('');
}

/** A similarity measure between two paths, for "did you mean" suggestions (0..1). */
export function pathSimilarity(a: PathTemplate, b: PathTemplate): number {
  return keySimilarity(segmentKeys(a), segmentKeys(b));
}

/** One key per segment: the literal text, or `{}` for any parameter (for similarity and indexing). */
export function segmentKeys(t: PathTemplate): string[] {
  return t.segments.map(segKey);
}

/** {@link pathSimilarity} on precomputed {@link segmentKeys}. */
export function keySimilarity(sa: readonly string[], sb: readonly string[]): number {
  // Equal segments and parameter-for-parameter cost nothing; a parameter where a literal stands costs
  // more than a near-miss literal (`user` for `users`).
  const d = editDistance(sa, sb, (x, y) => (x === y ? 0 : x === '{}' || y === '{}' ? 0.6 : 1 - charSimilarity(x, y) * 0.5));
  const n = Math.max(sa.length, sb.length, 1);
  return Math.max(0, 1 - d / n);
}

function segKey(s: Segment): string {
  if (s.t !== 'seg') return '{}';
  if (s.pieces.length === 1 && 'param' in s.pieces[0]!) return '{}';
  return s.pieces.map((p) => ('lit' in p ? p.lit : '{}')).join('');
}

function charSimilarity(a: string, b: string): number {
  const d = editDistance([...a], [...b], (x, y) => (x === y ? 0 : 1));
  return 1 - d / Math.max(a.length, b.length, 1);
}

function editDistance<T>(a: readonly T[], b: readonly T[], cost: (x: T, y: T) => number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost(a[i - 1]!, b[j - 1]!));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
