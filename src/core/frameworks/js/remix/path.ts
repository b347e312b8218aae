/**
 * Remix flat file routes (`app/routes/`, v2 and `@remix-run/fs-routes`): the route's name, without its
 * extension or its `/route.tsx` folder file, is its URL with `.` between segments. `$id` is a parameter,
 * a lone `$` the splat, `($lang)` an optional parameter, `_index` the index route, a segment starting
 * with `_` a pathless layout, a trailing `_` only opts out of nesting, `[…]` escapes (`sitemap[.]xml`).
 */

/**
 * The canonical URL paths of a route name: the first with every optional literal segment `(en)`, then the
 * others without some of them (at most 3 such segments are spelled out); null for a form this reader does
 * not know (a `$` or parenthesis inside a segment).
 */
export function remixRoutePaths(name: string): string[] | null {
  const segments = splitName(name);
  if (segments === null) return null;
  let paths: string[][] = [[]];
  let optional = 0;
  for (const [i, raw] of segments.entries()) {
    const { text, escaped } = raw;
    if (!escaped && text === '_index' && i === segments.length - 1) continue;
    if (!escaped && text.startsWith('_')) continue; // pathless layout
    const seg = escaped ? text : text.replace(/_$/, '');
    let piece: string | null;
    if (escaped) piece = seg;
    else if (seg === '$') piece = '{...splat}';
    else if (/^\(\$[A-Za-z_][\w-]*\)$/.test(seg)) piece = `{${seg.slice(2, -1)}?}`;
    else if (/^\$[A-Za-z_][\w-]*$/.test(seg)) piece = `{${seg.slice(1)}}`;
    else if (/^\([^$()]+\)$/.test(seg) && ++optional <= 3) {
      const lit = seg.slice(1, -1);
      paths = [...paths.map((p) => [...p, lit]), ...paths];
      continue;
    } else if (/[$()]/.test(seg)) return null;
    else piece = seg === '' ? null : seg;
    if (piece !== null) paths = paths.map((p) => [...p, piece]);
  }
  return paths.map((p) => `/${p.join('/')}`);
}

/** Split at unescaped dots; a segment holding `[…]` is literal text (its brackets removed). */
function splitName(name: string): Array<{ text: string; escaped: boolean }> | null {
  const out: Array<{ text: string; escaped: boolean }> = [];
  let cur = '';
  let escaped = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    if (ch === '[') {
      const end = name.indexOf(']', i + 1);
      if (end < 0) return null;
      cur += name.slice(i + 1, end);
      escaped = true;
      i = end;
    } else if (ch === '.') {
      out.push({ text: cur, escaped });
      cur = '';
      escaped = false;
    } else cur += ch;
  }
  out.push({ text: cur, escaped });
  return out;
}
