/**
 * Named-route helpers in markup attributes (`href="{{ url_for('bp.view') }}"`, `action="{% url 'ns:name' %}"`),
 * shared by the forms and htmx plugins: the declaration carries the helper's text and the name, and the
 * request is matched by the name (see `relations/http/named.ts`).
 */
import { namedRouteOf } from '../../lang/markup';
import type { Value } from '../../resolve/evaluate';
import { dyn, str, type Sym } from '../../resolve/sym';
import type { EndpointKind, MethodOrAny } from '../../types';
import type { RequestSpec } from '../types';

/** The arguments for a named-route helper's value: its text and name; `[]` for a static file; null when it is none. */
export function namedArgs(value: string): Sym[] | null {
  const named = namedRouteOf(value);
  if (!named) return null;
  return named.static ? [] : [str(named.text), named.name === null ? dyn(named.text) : str(named.name), { k: 'arr', items: named.args.map(str) }];
}

/** A named-route helper in markup: matched by its name; one that is an expression is unresolved. */
export function namedSpec(client: string, kind: EndpointKind, method: MethodOrAny, text: Sym, name: Sym, args?: Sym): RequestSpec {
  const url: Value = { t: 'str', parts: [{ lit: text.k === 'str' ? text.v : '?' }] };
  const base = { client, kind, method: null, defaultMethod: method, url, base: null, via: [] };
  if (name.k !== 'str') return { ...base, unresolved: `the route name in \`${name.k === 'dyn' ? name.text : '?'}\` is an expression` };
  return { ...base, routeName: name.v, ...routeArgs(args) };
}

/** The keyword arguments a named call gives (an `arr` of strings), for choosing among routes of one name. */
export function routeArgs(args: Sym | undefined): { routeArgs?: readonly string[] } {
  if (args?.k !== 'arr') return {};
  return { routeArgs: args.items.flatMap((i) => (i.k === 'str' ? [i.v] : [])) };
}

