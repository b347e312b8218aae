/**
 * Next.js server actions: the exported functions of a `'use server'` module and functions whose body
 * starts with `'use server'` (inline actions). Each is an endpoint of kind `action`, an entry point of the
 * web app; the components that import one (and the component an inline action is defined in) are its
 * callers, as calls of kind `action`. Actions are never reached by HTTP calls, and the unused-endpoint
 * rule does not report them: a form or a transition may use one in ways no call shows.
 */
import type { FunctionFact, ModuleFacts } from '../../../resolve/sym';
import type { BackendDecl, ClientDecl, ParsedFile, RequestSpec, ResolveContext } from '../../types';

export const USE_SERVER = /['"]use server['"]/;
/** Imports worth resolving for actions: from a module, or of a name, that says "action". */
const ACTION_IMPORT = /action/i;

/** The synthetic path that identifies an action: its module and function, outside any URL space. */
export function actionPath(file: string, fn: FunctionFact): string {
  const mod = file.replace(/\.[^./]+$/, '').replace(/[^\w./-]/g, '_');
  return `/_actions/${mod}/${fn.name === '<anonymous>' || fn.name === 'default' ? `L${fn.line}` : fn.name}`;
}

export function isAction(mod: ModuleFacts, fn: FunctionFact): boolean {
  return !!mod.directives?.includes('use server') || !!fn.directives?.includes('use server');
}

/** The action endpoints a file defines. */
export function actionDecls(file: ParsedFile): BackendDecl[] {
  const js = file.js!;
  const mod = js.module;
  const out: BackendDecl[] = [];
  const route = (fn: FunctionFact, handler: string, span: { line: number; column: number; endLine: number; endColumn: number }): BackendDecl => ({
    t: 'route', file: file.ref.path, fn: null, kind: 'action', methods: ['POST'], owner: null, path: { k: 'str', v: actionPath(file.ref.path, fn) }, handler, span,
  });
  if (mod.directives?.includes('use server')) {
    for (const [name, local] of Object.entries(mod.exports ?? {})) {
      const b = mod.bindings[local];
      const fn = b?.k === 'func' ? mod.functions[b.id] : undefined;
      if (fn) out.push(route(fn, name, js.exportSpans[name] ?? lineSpan(fn.line)));
    }
    return out;
  }
  for (const fn of Object.values(mod.functions)) if (fn.directives?.includes('use server')) out.push(route(fn, fn.name, lineSpan(fn.line)));
  return out;
}

function lineSpan(line: number) {
  return { line, column: 1, endLine: line, endColumn: 1 };
}

/** References to actions: imports that may name one, and the inline actions a component defines. */
export function actionReferences(file: ParsedFile): ClientDecl[] {
  const js = file.js!;
  const out: ClientDecl[] = [];
  for (const [local, imp] of Object.entries(js.module.imports)) {
    const span = js.importSpans[local];
    if (!span || imp.name === '*' || !(ACTION_IMPORT.test(imp.specifier) || ACTION_IMPORT.test(imp.name))) continue;
    out.push({ file: file.ref.path, fn: null, span, anchor: span, callee: { k: 'ref', name: local }, args: [] });
  }
  if (!js.module.directives?.includes('use server')) {
    for (const fn of Object.values(js.module.functions)) {
      if (!fn.directives?.includes('use server')) continue;
      const span = lineSpan(fn.line);
      out.push({ file: file.ref.path, fn: null, span, anchor: span, callee: { k: 'func', id: fn.id }, args: [] });
    }
  }
  return out;
}

/** The action a reference names, as a request of kind `action`; null when it names no action. */
export function resolveAction(decl: ClientDecl, ctx: ResolveContext): RequestSpec | null {
  const v = ctx.value(decl.callee, decl);
  if (v.t !== 'fn') return null;
  const mod = ctx.evaluator.program.module(v.file);
  const fn = mod?.functions[v.id];
  if (!mod || !fn || !isAction(mod, fn)) return null;
  return { client: 'server action', kind: 'action', method: { t: 'str', parts: [{ lit: 'POST' }] }, defaultMethod: 'POST', url: { t: 'str', parts: [{ lit: actionPath(v.file, fn) }] }, base: null, via: [] };
}
