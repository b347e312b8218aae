/**
 * Diagnostic rules, one file each. A rule reads the matched model and returns gaps; severities come
 * from configuration (`off` drops the rule).
 */
import type { MatchOutcome } from '../match/matcher';
import type { Call, Endpoint, Gap, GapKind, MethodOrAny, SeverityOrOff } from '../types';
import { methodLabel } from '../report/gapKinds';
import missingEndpoint from './missingEndpoint';
import methodMismatch from './methodMismatch';
import unusedEndpoint from './unusedEndpoint';

export interface RuleInput {
  readonly endpoints: readonly Endpoint[];
  readonly matches: ReadonlyArray<{ readonly call: Call; readonly outcome: MatchOutcome | null }>;
}

export interface Rule {
  readonly kind: GapKind;
  run(input: RuleInput): Array<Omit<Gap, 'severity' | 'kind'>>;
}

export const rules: readonly Rule[] = [missingEndpoint, methodMismatch, unusedEndpoint];

export function buildGaps(input: RuleInput & { severity(kind: GapKind): SeverityOrOff }): Gap[] {
  const gaps: Gap[] = [];
  for (const rule of rules) {
    const severity = input.severity(rule.kind);
    if (severity === 'off') continue;
    for (const g of rule.run(input)) gaps.push({ kind: rule.kind, severity, ...g });
  }
  return gaps.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.kind.localeCompare(b.kind));
}

/** `GET /users/{id}`, `WS /ws/jobs/{id}`, `ANY /files`. */
export function label(method: MethodOrAny | null, path: string | null, kind?: string): string {
  return `${methodLabel(method, kind)} ${path ?? '(unknown path)'}`;
}

/** Endpoints grouped by path for suggestions: `GET, PATCH /users/{id}`. */
export function groupByPath<T extends { ep: { method: MethodOrAny; path: string } }>(list: readonly T[]): Array<{ path: string; methods: string[]; items: T[] }> {
  const out: Array<{ path: string; methods: string[]; items: T[] }> = [];
  for (const x of list) {
    let g = out.find((o) => o.path === x.ep.path);
    if (!g) {
      g = { path: x.ep.path, methods: [], items: [] };
      out.push(g);
    }
    const m = methodLabel(x.ep.method);
    if (!g.methods.includes(m)) g.methods.push(m);
    g.items.push(x);
  }
  return out;
}
