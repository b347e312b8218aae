/**
 * Small questions about a JS/TS module's facts that framework plugins share: which package a name comes
 * from, which functions make a given member call on one of their parameters, the string literals
 * inside an expression.
 */
import type { ModuleFacts, Sym } from '../../resolve/sym';
import type { JsCall } from './calls';

/** The package (or specifier) a module-level name was imported or required from, or null. */
export function importedFrom(m: ModuleFacts, name: string): string | null {
  const imp = m.imports[name];
  if (imp) return imp.specifier;
  const b = m.bindings[name];
  if (b?.k === 'call' && b.callee.k === 'ref' && b.callee.name === 'require' && b.args[0]?.k === 'str') return b.args[0].v;
  return null;
}

/** Is `sym` `pkg.prop` (or a name bound to `require(pkg).prop` / imported `{ prop }` from pkg)? */
export function isPackageMember(m: ModuleFacts, sym: Sym, pkg: string, prop: string): boolean {
  if (sym.k === 'member') return sym.prop === prop && sym.obj.k === 'ref' && importedFrom(m, sym.obj.name) === pkg;
  if (sym.k !== 'ref') return false;
  const imp = m.imports[sym.name];
  if (imp) return imp.specifier === pkg && imp.name === prop;
  const b = m.bindings[sym.name];
  return b !== undefined && b.k === 'member' && b.prop === prop && b.obj.k === 'call' && b.obj.callee.k === 'ref' && b.obj.callee.name === 'require' && b.obj.args[0]?.k === 'str' && b.obj.args[0].v === pkg;
}

/**
 * Ids of the functions that call `<param index>.<name>(…)` on one of their own parameters (directly or
 * through a chain, `res.status(200).send(…)`), with a test on the call's name and arguments.
 */
export function functionsCallingOnParam(calls: readonly JsCall[], index: number, test: (name: string, args: readonly Sym[]) => boolean): Set<string> {
  const out = new Set<string>();
  for (const c of calls) {
    if (c.fn === null || c.callee.k !== 'member') continue;
    // `res.status(200).send(…)`: the chain's receiver is the parameter.
    let obj = c.callee.obj;
    for (let i = 0; i < 4 && obj.k === 'call' && obj.callee.k === 'member'; i++) obj = obj.callee.obj;
    if (obj.k === 'param' && obj.fn === c.fn && obj.index === index && test(c.callee.prop, c.args)) out.add(c.fn);
  }
  return out;
}

/** The function a handler expression names in this module (an inline function or a local declaration). */
export function localFunction(m: ModuleFacts, sym: Sym | undefined): string | null {
  if (!sym) return null;
  if (sym.k === 'func') return sym.id;
  if (sym.k === 'ref') {
    const b = m.bindings[sym.name];
    return b?.k === 'func' ? b.id : null;
  }
  return null;
}

/** Every string literal inside an expression (the pieces of `path.join(dir, 'index.html')`). */
export function stringsIn(sym: Sym, out: string[] = []): string[] {
  switch (sym.k) {
    case 'str':
      out.push(sym.v);
      break;
    case 'concat':
      for (const p of sym.parts) stringsIn(p, out);
      break;
    case 'call':
      for (const a of sym.args) stringsIn(a, out);
      break;
    case 'alt':
    case 'fallback':
      for (const o of sym.options) stringsIn(o, out);
      break;
    default:
      break;
  }
  return out;
}
