/**
 * Code lenses: over routes (`3 callers`, or `no callers in this workspace`), one per registration line;
 * over calls (`→ GET /api/v1/users/{id} · api/routes/users.py:12`, or why the call matches nothing).
 */
import { methodLabel } from '../report/gapKinds';
import type { AnalysisResult, Call, Endpoint, FileLocation, Span } from '../types';
import { callersOf, locationOf, spanOf, targetOf } from './locate';

/**
 * What clicking a lens does: `peek-callers` shows `targets` as references of the lens's position,
 * `reveal` opens `targets[0]`, `none` only informs.
 */
export interface LensAction {
  readonly kind: 'peek-callers' | 'reveal' | 'none';
  readonly targets: readonly FileLocation[];
}

export interface Lens {
  readonly span: Span;
  readonly title: string;
  readonly action: LensAction;
}

const NONE: LensAction = { kind: 'none', targets: [] };

/** Every lens in `file`: the routes' first (in registration order), then the calls'. */
export function lensesFor(result: AnalysisResult, file: string): Lens[] {
  const byLine = new Map<number, Endpoint[]>();
  for (const e of result.endpoints) {
    if (e.file !== file) continue;
    const list = byLine.get(e.line) ?? [];
    list.push(e);
    byLine.set(e.line, list);
  }
  const lenses = [...byLine.values()].map((eps) => routeLens(result, eps));
  for (const c of result.calls) if (c.file === file) lenses.push(callLens(result, c));
  return lenses;
}

/** One lens for the routes registered on one line, summing their callers. */
function routeLens(result: AnalysisResult, eps: readonly Endpoint[]): Lens {
  const first = eps[0]!;
  const callers = eps.flatMap((e) => callersOf(result, e));
  const prefix = eps.length > 1 ? `${eps.map((e) => e.method).join('/')} ` : '';
  if (callers.length === 0 && eps.every((e) => e.kind === 'socketio')) {
    // Socket.IO clients are not paired with the server's events yet: say what the line is, not "no callers".
    const what = eps.map((e) => `${e.side === 'send' ? 'emits' : 'handles'} ${e.event ?? '?'}${e.path === '/' ? '' : ` (${e.path})`}`);
    return { span: spanOf(first), title: `Socket.IO: ${[...new Set(what)].join(', ')}`, action: NONE };
  }
  if (callers.length === 0 && eps.every((e) => e.kind === 'page')) {
    return { span: spanOf(first), title: 'page (served to browsers, not part of the API)', action: NONE };
  }
  if (callers.length === 0) {
    const ignored = eps.every((e) => e.ignored !== null) ? ` · ignored: ${first.ignored}` : '';
    return { span: spanOf(first), title: `${prefix}no callers in this workspace${ignored}`, action: NONE };
  }
  const title = `${prefix}${callers.length} caller${callers.length === 1 ? '' : 's'}`;
  return { span: spanOf(first), title, action: { kind: 'peek-callers', targets: callers.map(locationOf) } };
}

function callLens(result: AnalysisResult, c: Call): Lens {
  const target = targetOf(result, c);
  if (!target) return { span: spanOf(c), title: unmatchedTitle(c), action: NONE };
  return { span: spanOf(c), title: `→ ${methodLabel(target.method)} ${target.path} · ${target.file}:${target.line}`, action: { kind: 'reveal', targets: [locationOf(target)] } };
}

/** Why a call goes nowhere, in a few words. */
function unmatchedTitle(c: Call): string {
  switch (c.status) {
    case 'missing':
      return 'no matching route';
    case 'method-mismatch':
      return `no ${c.method} route for ${c.path}`;
    case 'external':
      return `external · ${c.origin}`;
    case 'ignored':
      return `ignored · ${c.reason?.replace(/^ignored: /, '') ?? ''}`;
    case 'unresolved':
      return `URL not resolved · ${c.reason ?? ''}`;
    case 'unchecked':
      return `not checked · ${c.reason?.replace(/^not checked: /, '') ?? ''}`;
    default:
      return c.path ?? '';
  }
}
