/**
 * Clients in the style of sindresorhus's `ky` and `got`: the package's default export is callable
 * (`ky(url, { method })`) and has a method per verb (`ky.post(url)`); `create(options)` / `extend(options)`
 * make an instance whose `prefixUrl` goes in front of every relative input. Shared by the `ky` and `got`
 * plugins, which differ in package name and in the verbs they have.
 */
import { calleeRoot, isAbsent } from '../../../lang/js/clients';
import { displayParts, isAbsoluteUrl } from '../../../match/url';
import { stripGlobal, type Evaluator, type Value } from '../../../resolve/evaluate';
import type { ClientDecl, ParsedFile, RequestSpec, ResolveContext } from '../../types';
import { callDecls } from '../callDecls';

export interface PrefixClient {
  /** The package name, as imported (`ky`, `got`). */
  readonly pkg: string;
  /** Method name → HTTP method (`get` → GET). */
  readonly verbs: Readonly<Record<string, string>>;
  /** Functions that make an instance from an options object. */
  readonly factories: readonly string[];
}

interface Target {
  readonly name: string;
  /** The instance's options (where `prefixUrl` is read), null for the package itself. */
  readonly options: Value | null;
}

/** A file that may call such a client: it names the package, or calls a verb method (an instance may be imported). */
export function markers(client: PrefixClient): RegExp {
  return new RegExp(`['"]${client.pkg}['"]|\\.(?:${Object.keys(client.verbs).join('|')})\\s*[<(]`);
}

/**
 * Calls on a name chain that may be requests, decided in `resolve`: verb methods (`api.get(…)`, the
 * instance may come from another module), and any call in a file that imports the package (`ky(…)`).
 */
export function extractCalls(client: PrefixClient, file: ParsedFile): ClientDecl[] {
  const imports = Object.values(file.js!.module.imports).some((i) => i.specifier === client.pkg) || file.js!.module.deps.includes(client.pkg);
  return callDecls(file, (c) => !c.isNew && !c.assign && !!c.args[0] && calleeRoot(c.callee) !== null && (imports || (c.callee.k === 'member' && c.callee.prop in client.verbs)));
}

/** The request a recorded call makes with such a client, or null when the callee is not one. */
export function resolveCall(client: PrefixClient, decl: ClientDecl, ctx: ResolveContext): RequestSpec | null {
  const ev = ctx.evaluator;
  const callee = decl.callee;
  let target: Target | null = null;
  let verb: string | null = null;
  if (callee.k === 'member' && callee.prop in client.verbs) {
    target = targetOf(client, ctx.value(callee.obj, decl), ev);
    verb = client.verbs[callee.prop]!;
  }
  target ??= targetOf(client, ctx.value(callee, decl), ev);
  if (!target) return null;
  const url = ctx.value(decl.args[0]!, decl);
  const options = decl.args[1] ? ctx.value(decl.args[1], decl) : null;
  const own = options ? ev.member(options, 'method') : null;
  const method = verb !== null ? { t: 'str' as const, parts: [{ lit: verb }] } : isAbsent(own) ? null : own;
  const prefix = prefixOf(ev, options, target);
  const base: RequestSpec = { client: target.name, kind: 'http', method, defaultMethod: 'GET', url, base: null, via: target.name === client.pkg ? [] : [target.name] };
  if (!prefix) return base;
  const parts = ev.partsOf(url);
  if (isAbsoluteUrl(parts)) return base;
  const first = parts[0];
  const pre = ev.partsOf(prefix);
  if (pre[0] && 'dyn' in pre[0]) return { ...base, unresolved: `its prefixUrl \`${displayParts(pre)}\` cannot be evaluated` };
  if (first && 'lit' in first && first.lit.startsWith('/')) return { ...base, unresolved: `${client.pkg} rejects an input that begins with a slash when \`prefixUrl\` (\`${displayParts(pre)}\`) is set` };
  return { ...base, base: prefix };
}

/** The `prefixUrl` a request uses: its own options', else its instance's; null when neither sets one. */
function prefixOf(ev: Evaluator, options: Value | null, target: Target): Value | null {
  for (const o of [options, target.options]) {
    if (!o) continue;
    const p = ev.member(o, 'prefixUrl');
    if (!isAbsent(p) && !(p.t === 'unknown' && (p.text === 'undefined' || p.text === 'null'))) return p;
  }
  return null;
}

/** The package itself, or an instance from `create(options)` / `extend(options)` on it. */
function targetOf(client: PrefixClient, v: Value, ev: Evaluator): Target | null {
  const c = ev.concrete(v);
  if (c.t === 'ext' && isPackage(client, c.path)) return { name: client.pkg, options: null };
  if (c.t !== 'call' || c.callee.t !== 'ext') return null;
  const path = stripGlobal(c.callee.path);
  const dot = path.lastIndexOf('.');
  if (dot < 0 || !client.factories.includes(path.slice(dot + 1)) || !isPackage(client, path.slice(0, dot))) return null;
  return { name: `${client.pkg}:instance`, options: ev.arg(c, 0) };
}

function isPackage(client: PrefixClient, path: string): boolean {
  const p = stripGlobal(path);
  return p === client.pkg || p === `${client.pkg}.default` || p === `${client.pkg}.${client.pkg}`;
}
