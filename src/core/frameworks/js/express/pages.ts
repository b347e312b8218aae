/**
 * Express routes that serve pages rather than API: static folders (`express.static(dir)`, `serve-static`),
 * handlers that `res.render` a view or `res.sendFile` an `.html` file; and regex routes, kept under their
 * literal prefix.
 */
import type { ModuleFacts, Sym } from '../../../resolve/sym';
import type { JsCall } from '../../../lang/js/calls';
import { functionsCallingOnParam, importedFrom, isPackageMember, localFunction, stringsIn } from '../../../lang/js/requires';

/** The functions of a module that answer with a page: `res.render(…)`, `res.sendFile(<…>.html)`. */
export function pageHandlers(calls: readonly JsCall[]): Set<string> {
  return functionsCallingOnParam(calls, 1, (name, args) => name === 'render' || (name === 'sendFile' && args[0] !== undefined && stringsIn(args[0]).some((s) => /\.html?$/i.test(s))));
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
