/** Calls that pass an app or router to a helper function, shared by the JS router frameworks. */
import type { Sym } from '../../../resolve/sym';
import type { BackendDecl, RouteDecl } from '../../types';

type At = Pick<RouteDecl, 'file' | 'fn' | 'span'>;

/** `registerRoutes(app)`: names passed to a function, whose parameter may then be that app or router. */
export function passDecls(callee: Sym, args: readonly Sym[], at: At, decls: BackendDecl[]): void {
  // `require('./routes/users')(api)` calls what the module exports.
  const required = callee.k === 'call' && callee.callee.k === 'ref' && callee.callee.name === 'require';
  if (callee.k !== 'ref' && callee.k !== 'member' && !required) return;
  if (callee.k === 'ref' && (callee.name === 'require' || callee.name === 'import')) return;
  args.forEach((arg, index) => {
    if (arg.k === 'ref' || arg.k === 'param') decls.push({ t: 'pass', file: at.file, fn: at.fn, callee, index, arg });
  });
}

