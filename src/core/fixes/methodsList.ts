/**
 * "Add the method to the route" by editing the literal list of methods a route already declares: Flask's
 * `@app.route("/x", methods=["GET"])`, FastAPI's `@app.api_route(…, methods=[…])` and `add_api_route`,
 * Django's `@api_view(["GET"])` and `@require_http_methods(["GET"])`. Text-level and conservative: the
 * list must hold only string literals; anything else (a constant, a spread, a comprehension) is left alone
 * and the reason given.
 */
import type { Endpoint } from '../types';
import { closingParen, offsetOf, positionOf, spanText } from './stubText';
import type { FixContext, FixEdit, FixPlan } from './types';

/** Decorators whose first positional argument is the list of methods (Django). */
const VIEW_DECORATOR = /@\s*(?:[A-Za-z_][\w.]*\.)?(api_view|require_http_methods)\s*\(/g;

export interface ListEdit {
  /** 0-based offset of the insertion. */
  readonly at: number;
  readonly text: string;
}

/**
 * The insertion adding `method` to the list starting at `open` (`[` or `(`), or why not. Items must all be
 * plain string literals; the new one copies the quote and case of the first.
 */
export function addToList(text: string, open: number, method: string): ListEdit | { reason: string } {
  const closeCh = text[open] === '[' ? ']' : text[open] === '(' ? ')' : null;
  if (!closeCh) return { reason: 'the methods are not a list literal' };
  const gap = /(?:\s|#[^\n]*)*/y;
  const skip = (at: number) => {
    gap.lastIndex = at;
    gap.exec(text);
    return gap.lastIndex;
  };
  const items: Array<{ q: string; v: string; end: number }> = [];
  const str = /(["'])([A-Za-z]+)\1/y;
  let i = skip(open + 1);
  while (text[i] !== closeCh) {
    str.lastIndex = i;
    const m = str.exec(text);
    if (!m) return { reason: 'the methods list holds something other than string literals' };
    items.push({ q: m[1]!, v: m[2]!, end: str.lastIndex });
    i = skip(str.lastIndex);
    if (text[i] === ',') i = skip(i + 1);
    else if (text[i] !== closeCh) return { reason: 'the methods list is not a plain list' };
  }
  if (items.some((x) => x.v.toUpperCase() === method)) return { reason: `the list already holds ${method}` };
  const first = items[0];
  if (!first) return { at: open + 1, text: closeCh === ')' ? `"${method}",` : `"${method}"` };
  const cased = first.v === first.v.toLowerCase() ? method.toLowerCase() : method;
  return { at: items[items.length - 1]!.end, text: `, ${first.q}${cased}${first.q}` };
}

/** The value of a `methods=` keyword argument (its `[` when a list) inside the call whose `(` is at `open`, or null. */
function methodsKeyword(text: string, open: number): number | null {
  const close = closingParen(text, open);
  if (close === null) return null;
  const args = text.slice(open, close);
  const m = /[(,]\s*methods\s*=\s*/.exec(args);
  return m ? open + m.index + m[0].length : null;
}

/** Where a route's methods list is, in its own file (`methods=` in its registration call), or null. */
function listAtRoute(text: string, ep: Endpoint): number | null {
  const start = offsetOf(text, ep.line, ep.column);
  const src = spanText(text, ep);
  const m = /^@?\s*[A-Za-z_][\w.]*\s*\(/.exec(src);
  if (!m) return null;
  return methodsKeyword(text, start + m[0].length - 1);
}

/** Where a Django function view's `@api_view([…])` list is: the decorator right above `def <handler>`. */
function listAtViewDecorator(text: string, handler: string): number | null {
  const def = new RegExp(`^[ \\t]*(?:async[ \\t]+)?def[ \\t]+${handler}[ \\t]*\\(`, 'gm');
  const defs = [...text.matchAll(def)];
  if (defs.length !== 1) return null;
  const before = text.slice(0, defs[0]!.index);
  let found: number | null = null;
  for (const d of before.matchAll(VIEW_DECORATOR)) {
    const open = d.index + d[0].length - 1;
    const close = closingParen(text, open);
    // Only decorators of this function: nothing but decorators and blank lines between it and the def.
    if (close === null || !/^[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:@[^\n]*)?\n)*$/.test(text.slice(close, defs[0]!.index))) continue;
    const arg = /^\s*([[(])/.exec(text.slice(open + 1));
    found = arg ? open + 1 + arg[0].length - 1 : methodsKeyword(text, open);
  }
  return found;
}

/** The files that may define a Django view function named `handler` in `root`. */
function viewFiles(ctx: FixContext, ep: Endpoint): string[] {
  const root = ctx.result.services.find((s) => s.name === ep.service)?.root ?? '.';
  return ctx.workspace
    .modulesUnder(root)
    .filter((m) => m.language === 'python' && Object.values(m.functions).some((f) => f.name === ep.handler))
    .map((m) => m.file);
}

/** Plans adding `method` to the methods list of each route (one per handler) serving the mismatched path. */
export function methodsListPlans(ctx: FixContext, routes: readonly Endpoint[], method: string): FixPlan[] {
  const plans: FixPlan[] = [];
  const seen = new Set<string>();
  for (const ep of routes) {
    const key = `${ep.file}:${ep.line}:${ep.column}`;
    if (seen.has(key) || ep.source !== 'code' || ep.kind !== 'http' || plans.length >= 2) continue;
    seen.add(key);
    let file = ep.file;
    let text = ctx.readFile(file);
    let open = text ? listAtRoute(text, ep) : null;
    if (open === null && ep.handler && /^[A-Za-z_]\w*$/.test(ep.handler) && ep.framework === 'django') {
      const hits = viewFiles(ctx, ep).flatMap((f) => {
        const t = ctx.readFile(f);
        const at = t ? listAtViewDecorator(t, ep.handler!) : null;
        return at === null ? [] : [{ f, t: t!, at }];
      });
      if (hits.length === 1) ({ f: file, t: text, at: open } = hits[0]!);
    }
    if (!text || open === null) continue;
    const edit = addToList(text, open, method);
    if ('reason' in edit) {
      ctx.log(`no methods-list edit for ${file}:${ep.line}: ${edit.reason}`);
      continue;
    }
    const p = positionOf(text, edit.at);
    const fix: FixEdit = { t: 'insert', file, line: p.line, column: p.column, text: edit.text };
    const who = ep.handler ? `\`${ep.handler}\`` : `${ep.method} ${ep.path}`;
    plans.push({ title: `Add ${method} to the methods of ${who} (${file})`, kind: 'add-method', edits: [fix], reveal: { file, line: p.line, column: p.column } });
  }
  return plans;
}
