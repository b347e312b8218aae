/**
 * Gap rules: one folder per kind under `rules/<kind>/`. A rule owns its metadata (every list of gap
 * kinds — the config schema's severity keys, the reports' titles, the Gap Explorer's groups — is derived
 * from the registry), its decision, and its findings.
 */
import type { CallStatus, Endpoint, Gap, Severity } from '../types';
import type { RelationOutputs } from '../relations/types';
import type { MatchOutcome } from '../relations/http/matcher';
import type { FixContext, FixPlan } from '../fixes/types';

export interface RuleMeta {
  /** kebab-case, equal to the folder name: the gap kind in every output. */
  readonly kind: string;
  /** Section heading, plural (`Missing endpoints`). */
  readonly title: string;
  /** PascalCase rule name (SARIF `name`). */
  readonly name: string;
  readonly short: string;
  readonly full: string;
  readonly defaultSeverity: Severity;
  /** Can `severity.<kind>` in api-parity.config.json set it? */
  readonly configurable: boolean;
  /** What a finding is about: a call (at the call site) or an endpoint (at the route). */
  readonly subject: 'call' | 'endpoint';
  /** The call status a finding of this rule gives its call (call rules only). */
  readonly callStatus?: CallStatus;
}

/** What the http relation knows when a rule decides a call's status. */
export interface CallVerdictInput {
  readonly outcome: MatchOutcome;
  /** Could the URL's base be evaluated? (False: `unknown-base` targets.) */
  readonly resolved: boolean;
  /** Why not, when it could not. */
  readonly unresolvedReason: string | null;
  /** Recognised backends whose routes are not indexed (`Django (backend)`). */
  readonly unindexed: readonly string[];
}

export interface CallVerdict {
  readonly status: CallStatus;
  readonly reason: string | null;
}

export interface RuleInput {
  readonly endpoints: readonly Endpoint[];
  /** Every relation's output (`relations.http.matches`: each call with its match outcome). */
  readonly relations: RelationOutputs;
  /** Services whose routes almost no recognised call reaches: their unused findings are withheld. */
  readonly lowRecognition: ReadonlySet<string>;
}

export type Finding = Omit<Gap, 'severity' | 'kind'>;

export interface GapRule {
  readonly meta: RuleMeta;
  /** For call rules: the status of a call whose match outcome this rule owns, or null when it does not. */
  decideCall?(input: CallVerdictInput): CallVerdict | null;
  /** The findings, from the matched model. */
  check(input: RuleInput): Finding[];
  /** Quick fixes for one of its findings, as plain plans (`rules/<kind>/fixes.ts`); none when absent. */
  fixes?(ctx: FixContext): FixPlan[];
}
