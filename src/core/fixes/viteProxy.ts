/**
 * "Add a Vite proxy entry" for an unused endpoint: a `server.proxy` entry in the web app's `vite.config.*`
 * sending the endpoint's first path segment (`/api`) to its service, so the app's relative calls reach it
 * in development. Offered only when no entry covers the path yet, the prefix is an API namespace (a proxy
 * for `/users` would also take the app's own page URLs), and the config has one plain place to write it:
 * one `proxy: {` object, else one `server: {` object, else one `defineConfig({` / `export default {`.
 * Anything else (a config function, a proxy built elsewhere) is not edited.
 */
import { hasDependency, type Project } from '../project/projects';
import type { Endpoint } from '../types';
import { jsString } from './codeText';
import { indentOf, positionOf } from './stubText';
import type { FixContext, FixPlan } from './types';

const CONFIGS = ['vite.config.ts', 'vite.config.mts', 'vite.config.js', 'vite.config.mjs', 'vite.config.cjs'];
const API_NAMESPACE = /^(?:api|apis|rest|rpc|graphql|backend|v\d+)$/i;

export interface ViteApp {
  readonly project: Project;
  readonly config: string;
}

export function findViteApps(ctx: FixContext): ViteApp[] {
  const layout = ctx.workspace.layout();
  if (!layout) return [];
  return layout.projects.flatMap((p) => {
    if (!hasDependency(p, 'vite')) return [];
    const prefix = p.root === '.' ? '' : `${p.root}/`;
    const config = CONFIGS.map((c) => `${prefix}${c}`).find((f) => layout.files.has(f));
    return config ? [{ project: p, config }] : [];
  });
}

/** The one match of `re` in `text` (its end offset), or null when there are none or several. */
function only(text: string, re: RegExp): number | null {
  const all = [...text.matchAll(new RegExp(re.source, 'g'))];
  return all.length === 1 ? all[0]!.index + all[0]![0].length : null;
}

/** The insertion adding `entry` (`'/api': { … }`) to the config, or why it cannot be written safely. */
export function proxyInsertion(text: string, entry: string): { at: number; text: string } | { reason: string } {
  // A config function (`defineConfig(({ mode }) => …)`) may build different objects: never edited.
  if (/\bdefineConfig\s*\(\s*(?!\{)/.test(text) || /\bexport\s+default\s+(?!\{|defineConfig\s*\()/.test(text)) return { reason: 'the config is not one object literal (a function or a value built elsewhere)' };
  const mentions = [...text.matchAll(/\bproxy\b/g)].length;
  const proxy = only(text, /\bproxy\s*:\s*\{/);
  const nested = (at: number, body: string) => {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const outer = indentOf(text.slice(lineStart));
    const next = /^[^\n]*\n([ \t]*)\S/.exec(text.slice(at));
    const inner = next && next[1]!.length > outer.length && !/^\s*}/.test(text.slice(at).split('\n')[1] ?? '') ? next[1]! : `${outer}  `;
    return /^[ \t]*\n/.test(text.slice(at)) ? { at, text: `\n${inner}${body}` } : { at, text: ` ${body}` };
  };
  if (proxy !== null && mentions === 1) return nested(proxy, `${entry},`);
  if (mentions > 0) return { reason: 'the config names `proxy` in a way that is not one plain object literal' };
  const server = only(text, /\bserver\s*:\s*\{/);
  if (server !== null) return nested(server, `proxy: { ${entry} },`);
  if (/\bserver\s*:/.test(text)) return { reason: 'the `server` options are not one plain object literal' };
  const root = only(text, /\bdefineConfig\s*\(\s*\{/) ?? only(text, /\bexport\s+default\s+\{/) ?? only(text, /\bmodule\.exports\s*=\s*\{/);
  if (root === null) return { reason: 'the config is not one object literal (a function or a value built elsewhere)' };
  return nested(root, `server: { proxy: { ${entry} } },`);
}

/** A `server.proxy` entry for `ep` in a Vite app's config, or null (logged). */
export function viteProxyEntry(ctx: FixContext, ep: Endpoint, app: ViteApp): FixPlan | null {
  const fail = (why: string) => {
    ctx.log(`no Vite proxy entry for ${ep.method} ${ep.path}: ${why}`);
    return null;
  };
  const first = ep.path.split('/').filter(Boolean)[0];
  if (!first || !API_NAMESPACE.test(first)) return fail(`\`/${first ?? ''}\` is not an API namespace, and a proxy for it would also take the app's own pages`);
  const web = ctx.result.services.find((s) => s.root === app.project.root);
  const covered = ctx.result.endpoints.find((e) => e.framework === 'vite' && (!web || e.service === web.name) && coversPath(e.path, ep.path));
  if (covered) return fail(`the proxy entry ${covered.path} (${covered.file}:${covered.line}) already covers it`);
  const text = ctx.readFile(app.config);
  if (text === null) return fail(`${app.config} cannot be read`);
  const why = notADevServer(ctx, app, text);
  if (why) return fail(why);
  const service = ctx.result.services.find((s) => s.name === ep.service);
  const origin = service?.baseUrl ?? `http://localhost:${service?.ports[0] ?? 8000}`;
  if (!/^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?$/.test(origin)) return fail(`the service's address ${JSON.stringify(origin)} is not a plain origin`);
  const q = /["']/.exec(text)?.[0] ?? "'";
  const str = (s: string) => (q === '"' ? JSON.stringify(s) : jsString(s));
  const named = new RegExp(`\\bconst\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*["']${origin.replace(/[.]/g, '\\.')}/?["']`).exec(text)?.[1];
  const entry = `${str(`/${first}`)}: { target: ${named ?? str(origin)}, changeOrigin: true }`;
  const ins = proxyInsertion(text, entry);
  if ('reason' in ins) return fail(ins.reason);
  const p = positionOf(text, ins.at);
  const reveal = positionOf(text + ins.text, ins.at + ins.text.indexOf(str(`/${first}`)));
  return {
    title: `Add a Vite proxy entry /${first} → ${origin} (${app.config})`,
    kind: 'proxy-route',
    edits: [{ t: 'insert', file: app.config, line: p.line, column: p.column, text: ins.text }],
    reveal: { file: app.config, line: reveal.line, column: reveal.column },
  };
}

/**
 * Why the app's pages are not served by Vite's dev server, or null: a build-only app (its scripts run
 * `vite build` and never the dev server) or a backend integration (`build.manifest`: the backend serves the
 * pages and the built assets), where a dev-server proxy is never used.
 */
function notADevServer(ctx: FixContext, app: ViteApp, config: string): string | null {
  if (/\bmanifest\s*:\s*(?:true|["'])/.test(config)) return `${app.config} builds a manifest for a backend that serves the pages`;
  const pkg = ctx.readFile(app.project.root === '.' ? 'package.json' : `${app.project.root}/package.json`);
  let scripts: Record<string, unknown> = {};
  try {
    scripts = (JSON.parse(pkg ?? '{}') as { scripts?: Record<string, unknown> }).scripts ?? {};
  } catch {
    return 'its package.json cannot be read';
  }
  const dev = Object.values(scripts).some((s) => typeof s === 'string' && s.split(/&&|\|\||;/).some((cmd) => /(?:^|\s|\/)vite(?:\s+(?:dev|serve)\b|\s+--|\s*$)/.test(cmd.trim()) && !/\bvite\s+(?:build|preview|optimize)\b/.test(cmd)));
  return dev ? null : 'its scripts never start the Vite dev server';
}

/** Whether a proxy route path (`/api/{...path?}`, `/api`) covers `path`. */
function coversPath(proxy: string, path: string): boolean {
  const prefix = proxy.replace(/\/\{\.\.\.[^}]*\}$/, '');
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}
