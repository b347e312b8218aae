/**
 * Dev-server proxies (Vite `server.proxy`, webpack `devServer.proxy`): each entry is a proxy route of
 * the frontend at its path prefix, forwarded like a Next.js rewrite — `/api` with
 * `{ target: 'http://localhost:5000', rewrite: (p) => p.replace(/^\/api/, '') }` sends `/api/users` to the
 * backend's `/users`. A `rewrite`/`pathRewrite` other than that one anchored replace cannot be followed:
 * the route is partial, with the reason, and its destination is left unknown. Regex keys are skipped.
 */
import { displayParts, joinBase } from '../../../match/url';
import type { Part, Value } from '../../../resolve/evaluate';
import type { BackendDecl, LinkContext, LinkedRoute, ParsedFile } from '../../types';
import { settingDecl, settingsOf } from '../settings';
import { configObject } from '../nextjs/config';
import { nextSourcePath } from '../nextjs/rewrites';

export interface ProxyEntry {
  /** The path prefix the entry matches (`/api`). */
  readonly context: string;
  readonly options: Value;
}

/** The setting that names a config file's default export, read in `link`. */
export function configDecl(file: ParsedFile): BackendDecl {
  const local = file.js!.module.exports?.['default'] ?? (file.js!.module.bindings['module.exports'] !== undefined ? 'module.exports' : undefined);
  const span = file.js!.exportSpans['default'] ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return settingDecl({ file: file.ref.path, fn: null, name: 'config', owner: local ? { k: 'ref', name: local } : null, args: [], span });
}

/** The config objects of the config files among the declarations. */
export function configs(decls: readonly BackendDecl[], ctx: LinkContext): Array<{ file: string; obj: Extract<Value, { t: 'obj' }>; line: number }> {
  const out = [];
  for (const s of settingsOf(decls)) {
    if (s.name !== 'config' || !s.owner) continue;
    const obj = configObject(ctx, ctx.value(s.owner, s.file, s.fn));
    if (obj) out.push({ file: s.file, obj, line: s.span.line });
  }
  return out;
}

/** An object-form proxy table (`{ '/api': 'http://…', '/ws': { target, ws: true } }`) as entries. */
export function objectEntries(ctx: LinkContext, table: Value): ProxyEntry[] {
  if (table.t !== 'obj') return [];
  return Object.keys(table.props).map((context) => ({ context, options: ctx.evaluator.member(table, context) }));
}

/** The proxy route of one entry, or null when it is no path prefix the relation can match. */
export function proxyRoute(ctx: LinkContext, entry: ProxyEntry, file: string, line: number, rewriteKey: string): LinkedRoute | null {
  const ev = ctx.evaluator;
  const context = entry.context.replace(/\/+$/, '');
  // A regular-expression key (`^/api/.*`) is no prefix the relation can capture from.
  if (!entry.context.startsWith('/')) return null;
  const notes: string[] = [];
  const options = entry.options;
  const target = options.t === 'obj' ? ev.member(options, 'target') : options;
  if (target.t === 'unknown' && target.absent) return null;
  let rest: Part[] | null = [{ lit: `${context}/:path*` }];
  const rewrite = options.t === 'obj' ? ev.member(options, rewriteKey) : null;
  if (rewrite && !(rewrite.t === 'unknown' && rewrite.absent)) {
    const r = rewritten(ctx, rewrite, context);
    if ('reason' in r) {
      notes.push(r.reason);
      rest = null;
    } else rest = [{ lit: `${r.prefix}/:path*`.replace(/^\/\//, '/') }];
  }
  const targetParts = ev.partsOf(target);
  const parts: Part[] = rest && notes.length === 0 ? joinBase(targetParts, rest) : [{ dyn: `the proxy of ${entry.context}` }];
  const source = `${context}/:path*`;
  const destination = rest ? displayParts(joinBase(targetParts, rest)) : `${displayParts(targetParts)} (rewritten)`;
  return { file, span: { line, column: 1, endLine: line, endColumn: 1 }, kind: 'http', method: '*', path: nextSourcePath(source), handler: `proxy → ${destination}`, confidence: notes.length ? 'partial' : 'exact', notes, forward: { source, destination, parts } };
}

/**
 * The path prefix a rewrite puts in place of `context`: for `(p) => p.replace(/^\/api/, '')` (or
 * webpack's `{ '^/api': '' }`), the replacement followed by what the regex leaves of the context.
 * A reason (string) when it is anything else.
 */
function rewritten(ctx: LinkContext, rewrite: Value, context: string): { prefix: string } | { reason: string } {
  const ev = ctx.evaluator;
  let pattern: string | null = null;
  let replacement: Value | null = null;
  if (rewrite.t === 'fn') {
    const fn = ev.program.module(rewrite.file)?.functions[rewrite.id];
    const ret = fn?.returns.length === 1 ? fn.returns[0]! : null;
    if (ret?.k === 'call' && ret.callee.k === 'member' && ret.callee.prop === 'replace' && ret.callee.obj.k === 'param' && ret.args[0]?.k === 'dyn' && ret.args[1]) {
      pattern = regexPrefix(ret.args[0].text);
      replacement = ev.evaluate(ret.args[1], { file: rewrite.file, fn: fn!.id, params: null });
    }
  } else if (rewrite.t === 'obj' && Object.keys(rewrite.props).length === 1) {
    const key = Object.keys(rewrite.props)[0]!;
    pattern = /^\^[\w\-/~]*$/.test(key) ? key.slice(1) : null;
    replacement = ev.member(rewrite, key);
  }
  const repl = replacement && replacement.t === 'str' && replacement.parts.every((p) => 'lit' in p) ? replacement.parts.map((p) => (p as { lit: string }).lit).join('') : null;
  if (pattern === null || repl === null) return { reason: `the proxy rewrite of ${context} cannot be followed statically` };
  if (!context.startsWith(pattern)) return { reason: `the proxy rewrite of ${context} (removing \`${pattern}\`) cannot be followed statically` };
  return { prefix: repl.replace(/\/$/, '') + context.slice(pattern.length) };
}

/** The literal prefix an anchored regex source matches (`/^\/api/` → `/api`); null for anything else. */
function regexPrefix(text: string): string | null {
  const m = /^\/\^((?:\\\/|\\\.|[\w\-~])*)\/[a-z]*$/.exec(text);
  return m ? m[1]!.replace(/\\\//g, '/').replace(/\\\./g, '.') : null;
}
