/** The quick fixes for one gap: its rule's plans (a rule that throws is logged, never fatal). */
import { ruleOf } from '../rules/registry';
import type { FixContext, FixPlan } from './types';

export function planFixes(ctx: FixContext): FixPlan[] {
  const rule = ruleOf(ctx.gap.kind);
  if (!rule?.fixes) return [];
  try {
    return rule.fixes(ctx);
  } catch (e) {
    ctx.log(`quick fixes for ${ctx.gap.kind} failed: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
}
