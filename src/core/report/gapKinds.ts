/** Human names and descriptions of gap kinds, shared by the reports: derived from the rule registry. */
import { rules } from '../rules/registry';
import type { GapKind } from '../types';

export { methodLabel } from './labels';

export interface GapKindInfo {
  /** Section heading, plural (`Missing endpoints`). */
  readonly title: string;
  /** PascalCase rule name (SARIF `name`). */
  readonly name: string;
  readonly short: string;
  readonly full: string;
}

export const GAP_KINDS: Readonly<Record<GapKind, GapKindInfo>> = Object.fromEntries(
  rules.map((r) => [r.meta.kind, { title: r.meta.title, name: r.meta.name, short: r.meta.short, full: r.meta.full }]),
) as Record<GapKind, GapKindInfo>;

/** The order gap groups appear in: the registry's. */
export const GAP_KIND_ORDER: readonly GapKind[] = rules.map((r) => r.meta.kind as GapKind);

export function kindRank(kind: GapKind): number {
  const i = GAP_KIND_ORDER.indexOf(kind);
  return i < 0 ? GAP_KIND_ORDER.length : i;
}
