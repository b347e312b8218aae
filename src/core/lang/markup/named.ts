/**
 * Named-route helpers written as a whole attribute value: Jinja's (Flask, Starlette) `{{ url_for('bp.view',
 * id=x) }}` and Django's `{% url 'ns:name' arg %}`. What follows the tag may only be a query or a
 * fragment (`{{ url_for('a') }}?page=2`); anything else is a URL built from more than the route.
 */
export interface NamedRoute {
  /** `url_for` or `url`, for display and the call's client. */
  readonly helper: 'url_for' | 'url';
  /** The route name as written; null when it is an expression (`url_for(endpoint)`). */
  readonly name: string | null;
  /** The helper as written, for display (`url_for('bp.view')`). */
  readonly text: string;
  /** Keyword arguments given (`url_for('a', pid=p.id)` → `pid`): the parameters the URL fills. */
  readonly args: readonly string[];
  /** Flask/Starlette's `static` route (`url_for('static', filename=…)`, `bp.static`): files, not a call. */
  readonly static: boolean;
}

const JINJA = /^\{\{-?\s*(?:[\w.]+\.)?url_for\(\s*(?:(['"])([^'"]*)\1|([A-Za-z_][\w.]*))([^}]*?)\)\s*(?:\|[^}]*)?-?\}\}(.*)$/s;
const DJANGO = /^\{%-?\s*url\s+(?:(['"])([^'"]*)\1|([A-Za-z_][\w.]*))([^%]*)-?%\}(.*)$/s;

/** The named-route helper an attribute value consists of, or null when it is none. */
export function namedRouteOf(value: string): NamedRoute | null {
  const v = value.trim();
  const j = JINJA.exec(v);
  if (j) return tail(j[5]!) ? made('url_for', j[2] ?? null, j[1] ? `url_for(${j[1]}${j[2]}${j[1]})` : `url_for(${j[3]})`, keywords(j[4]!)) : null;
  const d = DJANGO.exec(v);
  // `{% url 'x' as var %}` outputs nothing.
  if (!d || /\bas\s+\w+\s*$/.test(d[4]!) || !tail(d[5]!)) return null;
  return made('url', d[2] ?? null, d[1] ? `{% url ${d[1]}${d[2]}${d[1]} %}` : `{% url ${d[3]} %}`, keywords(d[4]!));
}

function tail(rest: string): boolean {
  const r = rest.trim();
  return r === '' || r.startsWith('?') || r.startsWith('#');
}

function made(helper: NamedRoute['helper'], name: string | null, text: string, args: readonly string[]): NamedRoute {
  const isStatic = helper === 'url_for' && name !== null && (name === 'static' || name.endsWith('.static'));
  return { helper, name, text, args, static: isStatic };
}

/** The keyword names in an argument list (`, pid=p.id, next=x` → `pid`, `next`); `==` is no keyword. */
function keywords(args: string): string[] {
  return [...args.matchAll(/(?:^|[\s,(])([A-Za-z_]\w*)\s*=(?!=)/g)].map((m) => m[1]!);
}
