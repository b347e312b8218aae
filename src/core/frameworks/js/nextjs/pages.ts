/**
 * Next.js Pages Router API routes: `pages/api/**` (or `src/pages/api/**`), one route per file, `index`
 * naming its folder. The methods are the ones the handler compares `req.method` with when it visibly
 * turns the others away (`if (req.method !== 'POST')`, a 405, a `switch` with its cases); otherwise any
 * method, since what a fall-through branch serves cannot be told.
 */
import { isHttpMethod } from '../../../resolve/patterns';
import type { Sym } from '../../../resolve/sym';
import type { MethodOrAny } from '../../../types';
import type { BackendDecl, LinkContext, ParsedFile } from '../../types';
import { settingDecl } from '../settings';

export const PAGES_API = /^(?:src\/)?pages\/(api(?:\/.*)?)\.(?:ts|js|tsx|jsx|mjs|cjs)$/;

/** A module outside `pages/api` that branches on a request's method: a handler a route may delegate to. */
export const METHOD_CHECKS = /\.method\s*[!=]==?\s*['"]|switch\s*\(\s*[\w.]+\.method\s*\)/;

/** Text that shows the handler rejects other methods. */
const REJECTS = /\b405\b|method not allowed/i;

/** The URL path of a `pages/` file path without extension (`api/users/index` → `/api/users`); null for private files. */
export function pagesApiPath(rel: string): string | null {
  const segs = rel.split('/');
  if (segs[segs.length - 1] === 'index') segs.pop();
  if (segs.some((s) => s.startsWith('_'))) return null;
  return '/' + segs.join('/');
}

/** The methods a Pages Router API handler serves. */
export function pagesApiMethods(file: ParsedFile): MethodOrAny[] {
  const js = file.js!;
  const seen = new Set<MethodOrAny>();
  let rejects = REJECTS.test(file.text);
  const add = (v: string) => {
    const m = v.toUpperCase();
    if (isHttpMethod(m)) seen.add(m);
  };
  for (const c of js.comparisons) {
    if (c.subject.k !== 'member' || c.subject.prop !== 'method') continue;
    add(c.value);
    if (c.op === 'ne') rejects = true;
  }
  for (const call of js.calls) {
    // `['GET', 'POST'].includes(req.method)`
    const callee = call.callee;
    if (callee.k !== 'member' || callee.prop !== 'includes' || callee.obj.k !== 'arr') continue;
    const first = call.args[0];
    const a = first?.k === 'fallback' ? first.options[0] : first; // `req.method ?? ''`
    if (a?.k !== 'member' || a.prop !== 'method') continue;
    for (const i of callee.obj.items) if (i.k === 'str') add(i.v);
  }
  return seen.size && rejects ? [...seen] : ['*'];
}

/**
 * What the default export hands the request to: `return handleRoute(req, res)` (or `export default
 * handleRoute`), or the module of `export { default } from '…'` as `import:<specifier>`; null when none.
 */
export function delegateOf(file: ParsedFile): Sym | null {
  const mod = file.js!.module;
  const reexport = mod.reexports.find((r) => r.names !== null && 'default' in r.names);
  if (reexport) return { k: 'str', v: `import:${reexport.specifier}:${reexport.names!['default']}` };
  const local = mod.exports?.['default'];
  const b = local ? (mod.bindings[local] ?? { k: 'ref' as const, name: local }) : null;
  if (!b) return null;
  if (b.k === 'ref') return mod.imports[b.name] ? b : null;
  const fn = b.k === 'func' ? mod.functions[b.id] : undefined;
  const ret = fn?.returns.length === 1 ? fn.returns[0]! : null;
  // Only a call that is given the request itself (the first parameter).
  if (ret?.k !== 'call' || ret.args[0]?.k !== 'param' || ret.args[0].index !== 0) return null;
  return ret.callee;
}

/** The methods a delegating route serves, from the method checks of the module it delegates to (null: unknown). */
export function delegatedMethods(ctx: LinkContext, file: string, delegate: Sym, checks: ReadonlyMap<string, readonly MethodOrAny[]>): readonly MethodOrAny[] | null {
  let v;
  if (delegate.k === 'str' && delegate.v.startsWith('import:')) {
    const [, spec, name] = /^import:(.*):([^:]*)$/.exec(delegate.v) ?? [];
    if (spec === undefined || name === undefined) return null;
    v = ctx.evaluator.wholeModule(ctx.evaluator.importValue(file, spec, name));
  } else v = ctx.value(delegate, file, null);
  return v.t === 'fn' ? (checks.get(v.file) ?? null) : null;
}

/** The method checks of a module handlers delegate to, as a setting its routes can read. */
export function methodChecksDecl(file: ParsedFile): BackendDecl | null {
  const methods = pagesApiMethods(file);
  if (methods.includes('*')) return null;
  return settingDecl({ file: file.ref.path, fn: null, name: 'method-checks', owner: null, args: methods.map((m) => ({ k: 'str', v: m })), span: { line: 1, column: 1, endLine: 1, endColumn: 1 } });
}
