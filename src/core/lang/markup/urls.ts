/**
 * URLs written in markup attributes as symbolic values: literal text with template expressions
 * (`/api/users/{{ id }}`, `<%= base %>/x`, `/items/{id}`) as run-time parts, for request contributions.
 */
import type { Span } from '../../types';
import { dyn, str, type Sym } from '../../resolve/sym';
import type { MarkupAttr } from './elements';
import { PUG_EXPRESSION } from './pug';
import { templateValue } from './templates';

/**
 * The attribute's value as a URL symbol: literal text, template expressions as run-time values. A value
 * with a control tag (`{% url … %}`, `{{#if}}`) or a Pug expression is one run-time value.
 */
export function attrUrl(value: string): Sym {
  if (value.startsWith(PUG_EXPRESSION)) return dyn(value.slice(PUG_EXPRESSION.length));
  const t = templateValue(value.trim());
  if (t.control) return dyn(value.trim());
  const parts = t.parts.map((p): Sym => ('lit' in p ? str(decodeEntities(p.lit)) : dyn(p.expr)));
  if (parts.length === 1) return parts[0]!;
  return parts.length === 0 ? str('') : { k: 'concat', parts };
}

/** From the attribute's name to the end of its value. */
export function attrSpan(a: MarkupAttr): Span {
  if (typeof a.value !== 'string') return { line: a.line, column: a.column, endLine: a.line, endColumn: a.column + a.name.length };
  const lines = a.value.split(/\r\n|\r|\n/);
  const endLine = a.valueLine + lines.length - 1;
  const endColumn = (lines.length === 1 ? a.valueColumn : 1) + lines[lines.length - 1]!.length;
  return { line: a.line, column: a.column, endLine, endColumn };
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#39': "'", '#34': '"' };

function decodeEntities(s: string): string {
  return s.replace(/&(amp|quot|apos|lt|gt|#39|#34);/g, (_, e: string) => ENTITIES[e]!);
}
