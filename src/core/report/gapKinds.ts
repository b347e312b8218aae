/** Human names and descriptions of gap kinds, shared by the text, markdown and SARIF reports. */
import type { GapKind, MethodOrAny } from '../types';

export interface GapKindInfo {
  /** Section heading, plural (`Missing endpoints`). */
  readonly title: string;
  /** PascalCase rule name (SARIF `name`). */
  readonly name: string;
  readonly short: string;
  readonly full: string;
}

export const GAP_KINDS: Readonly<Record<GapKind, GapKindInfo>> = {
  'missing-endpoint': {
    title: 'Missing endpoints',
    name: 'MissingEndpoint',
    short: 'A frontend call targets a route no backend serves.',
    full: 'A frontend call resolves to a method and path that no route of the services it can reach serves, so the request would fail (typically with 404). Add the route, fix the URL, or add an ignore rule to api-parity.config.json.',
  },
  'method-mismatch': {
    title: 'Method mismatches',
    name: 'MethodMismatch',
    short: 'A frontend call uses a method the route does not accept.',
    full: 'The path of a frontend call exists on the backend, but not with the HTTP method the call uses, so the request would fail (typically with 405). Use the method the route accepts or add one to the backend.',
  },
  'payload-mismatch': {
    title: 'Payload mismatches',
    name: 'PayloadMismatch',
    short: 'A request body or its parameters do not match what the route expects.',
    full: 'The body or parameters a frontend call sends do not match what the backend route declares.',
  },
  'event-mismatch': {
    title: 'Event mismatches',
    name: 'EventMismatch',
    short: 'A realtime event has no counterpart on the other side.',
    full: 'An event emitted or listened to on one side of a realtime connection (WebSocket, Socket.IO, server-sent events) has no counterpart on the other side.',
  },
  'documented-not-implemented': {
    title: 'Documented but not implemented',
    name: 'DocumentedNotImplemented',
    short: 'An endpoint in the API documentation has no route in the code.',
    full: 'An endpoint described in the API documentation or an OpenAPI document has no matching route in the backend code.',
  },
  'undocumented-endpoint': {
    title: 'Undocumented endpoints',
    name: 'UndocumentedEndpoint',
    short: 'A route in the code is missing from the API documentation.',
    full: 'A backend route exists in the code but is not described in the API documentation or OpenAPI document.',
  },
  'unused-endpoint': {
    title: 'Unused endpoints',
    name: 'UnusedEndpoint',
    short: 'A backend route no frontend call in the workspace reaches.',
    full: 'No frontend call in the analysed workspace reaches this backend route. It may be dead code, called by another client (mobile app, webhook, other repository), or called through a URL the analyzer could not resolve. Add an ignore rule with a reason to api-parity.config.json when it is intended.',
  },
  'unused-client-method': {
    title: 'Unused client methods',
    name: 'UnusedClientMethod',
    short: 'A client function that wraps a request is never called.',
    full: 'A frontend function that wraps an API request is never called in the workspace.',
  },
};

/** The order gap groups appear in: what breaks at run time first, then what is merely unused. */
export const GAP_KIND_ORDER: readonly GapKind[] = [
  'missing-endpoint',
  'method-mismatch',
  'payload-mismatch',
  'event-mismatch',
  'documented-not-implemented',
  'undocumented-endpoint',
  'unused-endpoint',
  'unused-client-method',
];

export function kindRank(kind: GapKind): number {
  const i = GAP_KIND_ORDER.indexOf(kind);
  return i < 0 ? GAP_KIND_ORDER.length : i;
}

/** `GET`, `ANY` for a route or call that takes every method, `WS` for a WebSocket when its kind is given. */
export function methodLabel(method: MethodOrAny | null, kind?: string): string {
  if (kind === 'websocket') return 'WS';
  return method === null || method === '*' ? 'ANY' : method;
}
