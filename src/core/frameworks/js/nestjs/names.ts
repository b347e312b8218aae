/** Names NestJS decorators are recognised by: imported from a `@nestjs/*` package, directly or through a namespace. */
import type { ModuleFacts, Sym } from '../../../resolve/sym';
import type { MethodOrAny } from '../../../types';

/** Handler decorators → method (`@All()` answers every method). */
export const ROUTE_DECORATORS: Readonly<Record<string, MethodOrAny>> = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Options: 'OPTIONS', Head: 'HEAD', All: '*' };
/** The name a decorator or callee has in `@nestjs/*` (`Get`, `common.Get` → `Get`), or null for anything else. */
export function nestName(sym: Sym, mod: ModuleFacts): string | null {
  if (sym.k === 'call') return nestName(sym.callee, mod);
  if (sym.k === 'ref') {
    const imp = mod.imports[sym.name];
    return imp && imp.specifier.startsWith('@nestjs/') && imp.name !== '*' && imp.name !== 'default' ? imp.name : null;
  }
  if (sym.k === 'member' && sym.obj.k === 'ref') {
    const imp = mod.imports[sym.obj.name];
    return imp && imp.specifier.startsWith('@nestjs/') && (imp.name === '*' || imp.name === 'default') ? sym.prop : null;
  }
  return null;
}

