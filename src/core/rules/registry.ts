/**
 * Every gap rule, in report order (what breaks at run time first, then what is merely unused). The
 * gap kinds, their titles and descriptions, default severities and which of them the config file can
 * set are all derived from here; `test/core/rules.test.ts` checks the config schema against it.
 * Adding a gap kind = a folder under `rules/` plus one line here.
 */
import methodMismatch from './method-mismatch';
import missingEndpoint from './missing-endpoint';
import unusedEndpoint from './unused-endpoint';
import documentedNotImplemented from './documented-not-implemented';
import undocumentedEndpoint from './undocumented-endpoint';
import eventMismatch from './event-mismatch';
import unusedClientMethod from './unused-client-method';
import payloadMismatch from './payload-mismatch';
import type { CallVerdict, CallVerdictInput, GapRule, RuleInput } from './types';
import type { Gap, Severity, SeverityOrOff } from '../types';

export const rules: readonly GapRule[] = [missingEndpoint, methodMismatch, unusedEndpoint, unusedClientMethod, documentedNotImplemented, undocumentedEndpoint, eventMismatch, payloadMismatch];

export function ruleOf(kind: string): GapRule | undefined {
  return rules.find((r) => r.meta.kind === kind);
}

/** The call rule whose findings give a call this status (`missing` → missing-endpoint). */
export function ruleForCallStatus(status: string): GapRule | undefined {
  return rules.find((r) => r.meta.subject === 'call' && r.meta.callStatus === status);
}

/** Default severity of each configurable kind. */
export function defaultSeverities(): Record<string, Severity> {
  return Object.fromEntries(rules.filter((r) => r.meta.configurable).map((r) => [r.meta.kind, r.meta.defaultSeverity]));
}

/** The first rule that claims the call's outcome decides its status. */
export function decideCall(input: CallVerdictInput): CallVerdict | null {
  for (const r of rules) {
    const v = r.decideCall?.(input);
    if (v) return v;
  }
  return null;
}

export function buildGaps(input: RuleInput & { severity(kind: string): SeverityOrOff }): Gap[] {
  const gaps: Gap[] = [];
  for (const rule of rules) {
    const severity = input.severity(rule.meta.kind);
    if (severity === 'off') continue;
    for (const g of rule.check(input)) gaps.push({ kind: rule.meta.kind as Gap['kind'], severity, ...g });
  }
  return gaps.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.kind.localeCompare(b.kind));
}
