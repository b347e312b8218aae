/**
 * Linking Hono declarations: apps are the bindings that hold `new Hono()` chains, found through imports;
 * `app.route(prefix, sub)` edges give every app one prefix per chain from an app nothing mounts (which
 * is served as is: `export default app`).
 */
import { joinUrl } from '../../../link/mounts';
import { symText, type Sym } from '../../../resolve/sym';
import type { BackendDecl, LinkContext, LinkedRoute, MountDecl, RouteDecl } from '../../types';
import { chainBase, isNewHono } from './chain';

interface Pre {
  readonly text: string;
  readonly notes: readonly string[];
}

interface Edge {
  readonly parent: string;
  readonly prefix: { text: string; unresolved: string[] };
}

type AppRef = { readonly id: string } | { readonly missing: string; readonly foreign: boolean };

export function linkHono(decls: readonly BackendDecl[], ctx: LinkContext): LinkedRoute[] {
  const incoming = new Map<string, Edge[]>();
  for (const m of decls.filter((d): d is MountDecl => d.t === 'mount')) {
    const parent = appOf(m.parent, m.file, ctx);
    const child = appOf(m.child, m.file, ctx);
    if (!('id' in parent) || !('id' in child)) continue;
    const list = incoming.get(child.id) ?? [];
    list.push({ parent: parent.id, prefix: m.prefix ? ctx.pathText(m.prefix, m.file, m.fn) : { text: '', unresolved: [] } });
    incoming.set(child.id, list);
  }
  const memo = new Map<string, Pre[]>();
  const prefixesOf = (id: string, stack: Set<string>): Pre[] => {
    const hit = memo.get(id);
    if (hit) return hit;
    const ins = (incoming.get(id) ?? []).filter((e) => !stack.has(e.parent));
    stack.add(id);
    const out: Pre[] = ins.length === 0 ? [{ text: '', notes: [] }] : [];
    for (const e of ins) {
      const notes = e.prefix.unresolved.map((u) => `prefix part ${u} could not be resolved statically`);
      for (const p of prefixesOf(e.parent, stack)) out.push({ text: joinUrl(p.text, e.prefix.text), notes: [...p.notes, ...notes] });
    }
    stack.delete(id);
    const unique = out.filter((p, i) => out.findIndex((q) => q.text === p.text) === i);
    memo.set(id, unique);
    return unique;
  };
  return decls.filter((d): d is RouteDecl => d.t === 'route').flatMap((r) => linkRoute(r, prefixesOf, ctx));
}

function linkRoute(r: RouteDecl, prefixesOf: (id: string, stack: Set<string>) => Pre[], ctx: LinkContext): LinkedRoute[] {
  const path = ctx.pathText(r.path, r.file, r.fn);
  const pathNotes = path.unresolved.map((u) => `path part ${u} could not be resolved statically`);
  const app = appOf(r.owner!, r.file, ctx);
  let prefixes: readonly Pre[];
  if ('id' in app) prefixes = prefixesOf(app.id, new Set());
  else {
    // `cache.get(key, fn)` looks like a route: an owner we cannot identify only counts with a real path.
    if (app.foreign || path.unresolved.length > 0 || !path.text.startsWith('/')) return [];
    prefixes = [{ text: '', notes: [`mount prefix unknown: ${app.missing}`] }];
  }
  return prefixes.flatMap((p) => {
    const notes = [...p.notes, ...pathNotes];
    return r.methods.map((method): LinkedRoute => ({ file: r.file, span: r.span, kind: r.kind, method, path: joinUrl(p.text, path.text) || '/', handler: r.handler, confidence: notes.length ? 'partial' : 'exact', notes }));
  });
}

/** The app an expression names: the binding holding a `new Hono()` chain, found through imports. */
function appOf(sym: Sym, file: string, ctx: LinkContext): AppRef {
  const program = ctx.evaluator.program;
  if (sym.k === 'param') return { missing: `registered on \`${sym.name}\`, a function parameter, so its mount point is unknown`, foreign: false };
  if (sym.k !== 'ref' || sym.name.includes('::')) {
    const v = ctx.value(sym, file, null);
    return { missing: `\`${symText(sym)}\` could not be resolved${v.t === 'unknown' ? ` (${v.why})` : ''}`, foreign: v.t !== 'unknown' && v.t !== 'param' };
  }
  let at = { file, name: sym.name };
  for (let hop = 0; hop < 16; hop++) {
    const mod = program.module(at.file);
    if (!mod) break;
    const bound = mod.bindings[at.name];
    if (bound) {
      const base = chainBase(bound).base;
      if (isNewHono(mod, base)) return { id: `${at.file}#${at.name}` };
      if (base.k === 'ref' && !base.name.includes('::') && base.name !== at.name) {
        at = { file: at.file, name: base.name };
        continue;
      }
      return { missing: `\`${symText(sym)}\` is not a Hono app`, foreign: base.k !== 'param' && base.k !== 'dyn' };
    }
    const imp = mod.imports[at.name];
    const target = imp ? program.resolveImport(at.file, imp.specifier) : null;
    const local = target ? program.module(target)?.exports?.[imp!.name] : undefined;
    if (!target || local === undefined) return { missing: `\`${symText(sym)}\` could not be resolved`, foreign: false };
    at = { file: target, name: local };
  }
  return { missing: `\`${symText(sym)}\` could not be resolved`, foreign: false };
}
