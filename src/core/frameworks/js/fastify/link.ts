/**
 * Linking Fastify declarations: an instance's prefixes flow from `Fastify()` into every plugin registered
 * on it (the plugin's first parameter), joined with `register(plugin, { prefix })`, across modules and
 * at any depth; @fastify/autoload gives each plugin file below its folder the folder path as prefix.
 */
import { stripGlobal, type Value } from '../../../resolve/evaluate';
import { symText } from '../../../resolve/sym';
import { joinUrl } from '../../../link/mounts';
import type { BackendDecl, LinkContext, LinkedRoute, MountDecl, RouteDecl } from '../../types';

/** Marks an autoload mount's child: the folder, relative to the registering file's. */
export const AUTOLOAD = 'autoload:';

interface Pre {
  readonly text: string;
  readonly notes: readonly string[];
}

const MAX_ROUNDS = 8;
const keyOf = (file: string, fn: string) => `${file}#${fn}`;

export function linkFastify(decls: readonly BackendDecl[], ctx: LinkContext): LinkedRoute[] {
  const mounts = decls.filter((d): d is MountDecl => d.t === 'mount');
  const routes = decls.filter((d): d is RouteDecl => d.t === 'route');
  const plugins = new Map<string, Pre[]>();
  const owners = pluginCandidates(decls, ctx);
  for (let round = 0, changed = true; changed && round < MAX_ROUNDS; round++) {
    changed = false;
    for (const m of mounts) {
      const above = instancePrefixes(m.parent, m.file, m.fn, plugins, ctx);
      if (!Array.isArray(above)) continue;
      const own = m.prefix ? ctx.pathText(m.prefix, m.file, m.fn) : { text: '', unresolved: [] };
      const notes = own.unresolved.map((u) => `prefix part ${u} could not be resolved statically`);
      const joined = above.map((p) => ({ text: joinUrl(p.text, own.text), notes: [...p.notes, ...notes] }));
      if (m.child.k === 'str' && m.child.v.startsWith(AUTOLOAD)) {
        const dir = joinPath(dirOf(m.file), m.child.v.slice(AUTOLOAD.length));
        for (const o of owners) {
          if (!o.file.startsWith(`${dir}/`)) continue;
          const folders = dirOf(o.file.slice(dir.length + 1));
          if (add(plugins, o.key, joined.map((p) => ({ ...p, text: joinUrl(p.text, folders ? `/${folders}` : '') })))) changed = true;
        }
        continue;
      }
      const plugin = pluginOf(ctx.evaluator.wholeModule(ctx.value(m.child, m.file, m.fn)), ctx);
      if (plugin && add(plugins, keyOf(plugin.fn.file, plugin.fn.id), plugin.shared ? above : joined)) changed = true;
    }
  }
  return routes.flatMap((r) => linkRoute(r, plugins, ctx));
}

function linkRoute(r: RouteDecl, plugins: ReadonlyMap<string, Pre[]>, ctx: LinkContext): LinkedRoute[] {
  const path = ctx.pathText(r.path, r.file, r.fn);
  const pathNotes = path.unresolved.map((u) => `path part ${u} could not be resolved statically`);
  const above = instancePrefixes(r.owner!, r.file, r.fn, plugins, ctx);
  let prefixes: readonly Pre[];
  if (Array.isArray(above)) prefixes = above;
  else {
    // `cache.get(key, fn)` looks like a route: an owner we cannot identify only counts with a real path.
    if (above.foreign || path.unresolved.length > 0 || !path.text.startsWith('/')) return [];
    prefixes = [{ text: '', notes: [`mount prefix unknown: ${above.missing}`] }];
  }
  return prefixes.flatMap((p) => {
    const notes = [...p.notes, ...pathNotes];
    return r.methods.map((method): LinkedRoute => ({ file: r.file, span: r.span, kind: r.kind, method, path: joinUrl(p.text, path.text) || '/', handler: r.handler, confidence: notes.length ? 'partial' : 'exact', notes }));
  });
}

/** The prefixes of the instance an expression stands for, or why it has none. */
function instancePrefixes(sym: NonNullable<RouteDecl['owner']>, file: string, fn: string | null, plugins: ReadonlyMap<string, Pre[]>, ctx: LinkContext): Pre[] | { missing: string; foreign: boolean } {
  const v = ctx.evaluator.wholeModule(ctx.value(sym, file, fn));
  if (isFastifyRoot(v)) return [{ text: '', notes: [] }];
  if (v.t === 'param' && v.path.length === 0) {
    const found = plugins.get(keyOf(v.file, v.fn));
    return found && v.index === 0 ? found : { missing: `registered on \`${v.name}\`, a parameter of a plugin no \`register()\` call was found to reach`, foreign: false };
  }
  if (v.t === 'unknown') return { missing: `\`${symText(sym)}\` could not be resolved (${v.why})`, foreign: false };
  return { missing: `\`${symText(sym)}\` is not a Fastify instance`, foreign: true };
}

function isFastifyRoot(v: Value): boolean {
  return v.t === 'call' && v.callee.t === 'ext' && /^fastify(\.default|\.fastify)?$/.test(stripGlobal(v.callee.path));
}

/** A registered plugin function; `shared` when wrapped in fastify-plugin (it has its parent's prefix). */
function pluginOf(v: Value, ctx: LinkContext): { fn: { file: string; id: string }; shared: boolean } | null {
  if (v.t === 'fn') return { fn: v, shared: false };
  if (v.t === 'call' && v.callee.t === 'ext' && stripGlobal(v.callee.path).startsWith('fastify-plugin') && v.args[0]) {
    const inner = ctx.evaluator.wholeModule(ctx.value(v.args[0], v.ctx.file, v.ctx.fn));
    return inner.t === 'fn' ? { fn: inner, shared: true } : null;
  }
  return null;
}

/** Functions whose first parameter registers routes or plugins and that are their module's default export (autoload candidates). */
function pluginCandidates(decls: readonly BackendDecl[], ctx: LinkContext): Array<{ file: string; key: string }> {
  const out = new Map<string, { file: string; key: string }>();
  for (const d of decls) {
    const owner = d.t === 'route' ? d.owner : d.t === 'mount' ? d.parent : null;
    if (owner?.k !== 'param' || owner.index !== 0) continue;
    const key = keyOf(d.file, owner.fn);
    if (out.has(key)) continue;
    const exported = ctx.evaluator.wholeModule({ t: 'module', file: d.file, spec: d.file, from: d.file });
    const plugin = pluginOf(exported, ctx);
    if (plugin && plugin.fn.file === d.file && plugin.fn.id === owner.fn) out.set(key, { file: d.file, key });
  }
  return [...out.values()];
}

function add(map: Map<string, Pre[]>, key: string, list: readonly Pre[]): boolean {
  const have = map.get(key) ?? [];
  const fresh = list.filter((p) => !have.some((h) => h.text === p.text));
  if (fresh.length === 0) return false;
  map.set(key, [...have, ...fresh]);
  return true;
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i >= 0 ? file.slice(0, i) : '';
}

/** POSIX join of a root-relative folder and a relative path (`..` and `.` applied). */
function joinPath(dir: string, rel: string): string {
  const out = dir ? dir.split('/') : [];
  for (const part of rel.split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return out.join('/');
}
