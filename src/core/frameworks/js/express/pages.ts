/**
 * Express routes that serve pages rather than API: static folders (`express.static(dir)`, `serve-static`),
 * handlers that `res.render` a view or `res.sendFile` an `.html` file; and regex routes, kept under their
 * literal prefix.
 */
import type { ModuleFacts, Sym } from '../../../resolve/sym';
import type { BackendDecl, LinkContext, RouteDecl } from '../../types';
import type { JsCall } from '../../../lang/js/calls';
import { functionsCallingOnParam, importedFrom, isPackageMember, localFunction, stringsIn } from '../../../lang/js/requires';

/**
 * The functions of a module that answer with a page: `res.render(…)`, `res.sendFile(<…>.html)`, and never
 * with data (`res.json`, `res.send`: an API handler that renders a fragment for htmx is still API).
 */
export function pageHandlers(calls: readonly JsCall[]): Set<string> {
  const pages = functionsCallingOnParam(calls, 1, (name, args) => name === 'render' || (name === 'sendFile' && args[0] !== undefined && stringsIn(args[0]).some((s) => /\.html?$/i.test(s))));
  const data = functionsCallingOnParam(calls, 1, (name) => name === 'json' || name === 'send' || name === 'jsonp');
  return new Set([...pages].filter((fn) => !data.has(fn)));
}

/** Does the route's handler (its last argument) answer with a page? */
export function rendersPage(m: ModuleFacts, handler: Sym | undefined, pages: ReadonlySet<string>): boolean {
  const id = localFunction(m, handler);
  return id !== null && pages.has(id);
}

/** `express.static(dir)`, `serveStatic(dir)`: a name for the handler (`express.static(public)`), or null. */
export function staticFolder(m: ModuleFacts, sym: Sym): string | null {
  if (sym.k !== 'call') return null;
  const c = sym.callee;
  // `serve-static`, `express-static-gzip`, …: a package named for serving static files.
  const pkg = c.k === 'ref' ? importedFrom(m, c.name) : null;
  const isStatic = isPackageMember(m, c, 'express', 'static') || (pkg !== null && /(^|[-/])static([-/]|$)/.test(pkg));
  if (!isStatic) return null;
  const dir = sym.args[0] ? stringsIn(sym.args[0]).filter((s) => s !== '..' && s !== '.') : [];
  return `${c.k === 'member' ? 'express.static' : pkg}${dir.length ? `(${dir.join('/')})` : ''}`;
}

/** A regex literal's source (`/^\/api\/.*$/i` → `^\/api\/.*$`), or null when the symbol is not one. */
export function regexSource(sym: Sym): string | null {
  if (sym.k !== 'dyn') return null;
  const m = /^\/(.+)\/[a-z]*$/s.exec(sym.text);
  return m ? m[1]! : null;
}

/** The literal path a regex route starts with, up to its last `/` (`^\/api\/legacy\/.*$` → `/api/legacy/`). */
export function regexPrefix(source: string): string {
  let out = '';
  let i = source.startsWith('^') ? 1 : 0;
  for (; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length && /[/.\-_~]/.test(source[i + 1]!)) {
      out += source[++i];
    } else if (/[\w/\-~]/.test(ch)) out += ch;
    else break;
  }
  // A quantifier applies to the character before it, which then is not certain.
  if (i < source.length && /[?*+{]/.test(source[i]!)) out = out.slice(0, -1);
  const cut = out.lastIndexOf('/');
  return cut >= 0 ? out.slice(0, cut + 1) : '/';
}

/**
 * A handler that may be another module's function (`renders.homepage`, `asyncHandler(renders.homepage)`):
 * the expression to evaluate at link time, through one-argument wrappers.
 */
export function viewCandidate(sym: Sym | undefined): Sym | undefined {
  let cur = sym;
  for (let i = 0; i < 3 && cur?.k === 'call' && cur.args.length === 1; i++) cur = cur.args[0];
  return cur && (cur.k === 'ref' || cur.k === 'member') ? cur : undefined;
}

/** Routes whose handler evaluates to a function some module declared a view ({@link ViewDecl}) become pages. */
export function markViews(decls: readonly BackendDecl[], ctx: LinkContext): BackendDecl[] {
  const views = new Set(decls.flatMap((d) => (d.t === 'view' ? [`${d.file}#${d.fn}`] : [])));
  if (views.size === 0) return [...decls];
  return decls.map((d) => {
    if (d.t !== 'route' || d.kind !== 'http' || !d.view) return d;
    const v = ctx.value(d.view, d.file, d.fn);
    return v.t === 'fn' && views.has(`${v.file}#${v.id}`) ? ({ ...d, kind: 'page' } satisfies RouteDecl) : d;
  });
}
