/**
 * Routes as workspace symbols (Ctrl+T `GET /api/users`, or `users`): every endpoint whose label
 * (`METHOD /path`), handler or service holds each word of the query, best matches first.
 */
import { methodLabel } from '../report/labels';
import type { AnalysisResult, Endpoint, FileLocation } from '../types';
import { spanOf } from './locate';

export interface RouteSymbol {
  /** `GET /api/v1/users/{user_id}`. */
  readonly name: string;
  /** `handler · service`. */
  readonly detail: string;
  readonly location: FileLocation;
}

const MAX_SYMBOLS = 500;

export function routeSymbols(result: AnalysisResult, query: string): RouteSymbol[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const scored: Array<{ ep: Endpoint; name: string; score: number }> = [];
  for (const ep of result.endpoints) {
    const name = `${methodLabel(ep.method, ep.kind)} ${ep.path}`;
    const hay = `${name} ${ep.handler ?? ''} ${ep.service}`.toLowerCase();
    if (!words.every((w) => hay.includes(w))) continue;
    // Words found in the label itself, and labels that start with the query, rank first.
    const score = words.filter((w) => name.toLowerCase().includes(w)).length * 2 + (name.toLowerCase().startsWith(query.toLowerCase().trim()) ? 1 : 0);
    scored.push({ ep, name, score });
  }
  scored.sort((a, b) => b.score - a.score || a.ep.path.localeCompare(b.ep.path) || a.ep.method.localeCompare(b.ep.method));
  return scored.slice(0, MAX_SYMBOLS).map(({ ep, name }) => ({ name, detail: [ep.handler, ep.service].filter(Boolean).join(' · '), location: { file: ep.file, ...spanOf(ep) } }));
}
