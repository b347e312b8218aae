/**
 * Editing `api-parity.config.json` for the "Ignore this endpoint…" quick fix: minimal text edits that
 * keep everything else as written (comments, their places, indentation, line endings), or a refusal with
 * the reason when the file cannot be edited safely (JSON errors, an `ignore` that is not a list).
 */
import { applyEdits, modify, parseTree, type Edit, type Node, type ParseError } from 'jsonc-parser';
import type { IgnoreRule } from './config';

export type IgnoreEdit = { readonly edits: readonly Edit[] } | { readonly refused: string };

/** The edits adding `rule` to the config text (`null`: the file does not exist yet). */
export function ignoreRuleEdits(text: string | null, rule: IgnoreRule): IgnoreEdit {
  const value = { ...(rule.method ? { method: rule.method } : {}), path: rule.path, reason: rule.reason };
  if (text === null || text.trim() === '') return { edits: [{ offset: 0, length: text?.length ?? 0, content: `${JSON.stringify({ ignore: [value] }, null, 2)}\n` }] };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch {
    return { refused: 'it is nested too deeply to edit safely' };
  }
  if (!root || errors.length) return { refused: 'it has JSON errors; fix them first' };
  if (root.type !== 'object') return { refused: 'it is not a JSON object' };
  const ignore = root.children?.find((p) => p.children?.[0]?.value === 'ignore')?.children?.[1];
  const fmt = { formattingOptions: { insertSpaces: !/^\t/m.test(text), tabSize: 2, eol } };
  if (!ignore) return { edits: modify(text, ['ignore'], [value], fmt) };
  if (ignore.type !== 'array') return { refused: '"ignore" is not a list of rules; fix it first' };
  const items = ignore.children ?? [];
  if (items.length === 0) return { edits: modify(text, ['ignore', 0], value, { ...fmt, isArrayInsertion: true }) };
  return { edits: afterLast(text, items[items.length - 1]!, JSON.stringify(value), eol) };
}

/**
 * Insert after the last rule: a comma right after it, and the new rule on a line of its own after the
 * end of its line, so a comment trailing the last rule stays with it. One-line lists stay one line.
 */
function afterLast(text: string, last: Node, json: string, eol: string): Edit[] {
  const end = last.offset + last.length;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  const rest = text.slice(end, lineEnd);
  if (rest.includes(']')) return [{ offset: end, length: 0, content: `, ${json}` }];
  const lineStart = text.lastIndexOf('\n', last.offset) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return [
    { offset: end, length: 0, content: ',' },
    { offset: lineEnd, length: 0, content: `${eol}${indent}${json}` },
  ];
}

/** The config text with the rule added; throws when the file cannot be edited safely. */
export function addIgnoreRule(text: string | null, rule: IgnoreRule): string {
  const r = ignoreRuleEdits(text, rule);
  if ('refused' in r) throw new Error(`cannot add an ignore rule: ${r.refused}`);
  return applyEdits(text ?? '', [...r.edits]);
}
