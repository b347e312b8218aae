/**
 * Proxy routes and server actions for an unused endpoint, in the workspace's web framework: a Nuxt server
 * route (`server/api/<path>.<method>.ts`), a SvelteKit endpoint (`src/routes/api/<path>/+server.ts`), a Remix
 * resource route or an Astro endpoint (`moreProxies.ts`), and a
 * Next.js server action (`'use server'`, in the App Router's `actions/` folder, as the project's own
 * actions are). Each forwards with `fetch` to the backend, through the project's base-URL constant or an
 * env var, so the endpoint is used once the file exists. Paths are checked as for the Next.js proxy, files
 * are created only where none exists, and every value is escaped for its place.
 */
import { isInside, normalize } from '../path';
import { hasDependency, type Project } from '../project/projects';
import type { Endpoint } from '../types';
import { commentText, isPlainIdentifier, templateChunk } from './codeText';
import { findBaseUrl, proxyFolder, unsafeRoutePath, type NextApp } from './scaffoldProxy';
import { astroProxy, remixProxy } from './moreProxies';
import type { FixContext, FixPlan } from './types';

export interface WebApp {
  readonly kind: 'nuxt' | 'sveltekit' | 'remix' | 'astro';
  readonly project: Project;
  readonly typescript: boolean;
}

export function findWebApps(ctx: FixContext): WebApp[] {
  const layout = ctx.workspace.layout();
  if (!layout) return [];
  const out: WebApp[] = [];
  for (const p of layout.projects) {
    const kind = hasDependency(p, 'nuxt') ? 'nuxt' : hasDependency(p, '@sveltejs/kit') ? 'sveltekit' : REMIX.some((d) => hasDependency(p, d)) ? 'remix' : hasDependency(p, 'astro') ? 'astro' : null;
    if (!kind) continue;
    const prefix = p.root === '.' ? '' : `${p.root}/`;
    out.push({ kind, project: p, typescript: layout.files.has(`${prefix}tsconfig.json`) || layout.files.has(`${prefix}nuxt.config.ts`) || layout.files.has(`${prefix}svelte.config.ts`) });
  }
  return out;
}

const REMIX = ['@remix-run/react', '@remix-run/node', '@remix-run/cloudflare', '@remix-run/deno', '@remix-run/dev'];

export interface Target {
  readonly backendPath: string;
  readonly params: readonly string[];
  readonly base: ReturnType<typeof findBaseUrl>;
}

/** The backend URL as a template literal body, parameters from `value(name)`. */
export function urlTemplate(t: Target, value: (p: string, splat: boolean) => string): string {
  let i = 0;
  return t.backendPath
    .split(/(\{(?:\.\.\.)?[^}]+\})/)
    .map((part, k) => {
      if (k % 2 === 0) return templateChunk(part);
      const n = t.params[i++] ?? 'param';
      return part.startsWith('{...') ? `\${${value(n, true)}}` : `\${encodeURIComponent(${value(n, false)})}`;
    })
    .join('')
    .replace(/^/, `\${${t.base.expr}}`);
}

export function target(ctx: FixContext, ep: Endpoint, project: Project, file: string): Target {
  const service = ctx.result.services.find((s) => s.name === ep.service);
  const origin = service?.baseUrl ?? `http://localhost:${service?.ports[0] ?? 8000}`;
  const app: NextApp = { project, appDir: project.root, typescript: true };
  const base = findBaseUrl(ctx.workspace, app, file, ep.path, [], origin);
  const backendPath = base.basePath ? ep.path.slice(base.basePath.length) || '/' : ep.path;
  return { backendPath, params: proxyFolder(ep.path).params, base };
}

export const header = (t: Target) => [t.base.importLine, t.base.declaration].filter((l): l is string => l !== null).join('\n');
export const BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A proxy route for `ep` in a Nuxt or SvelteKit app, or null (logged). */
export function webProxy(ctx: FixContext, ep: Endpoint, app: WebApp): FixPlan | null {
  const method = ep.method === '*' ? 'GET' : ep.method;
  const unsafe = unsafeRoutePath(ep.path);
  if (unsafe || ep.kind !== 'http' || !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
    ctx.log(`no ${app.kind} proxy for ${ep.method} ${ep.path}: ${unsafe ? `the route path has ${unsafe}` : 'not a proxyable method'}`);
    return null;
  }
  if (app.kind === 'remix' || app.kind === 'astro') return (app.kind === 'remix' ? remixProxy : astroProxy)(ctx, ep, app, method);
  const { folder } = proxyFolder(ep.path);
  const ext = app.typescript ? 'ts' : 'js';
  const prefix = app.project.root === '.' ? '' : `${app.project.root}/`;
  const dir = app.kind === 'nuxt' ? `${prefix}server/api` : `${prefix}src/routes/api`;
  const file = app.kind === 'nuxt' ? `${dir}/${folder || 'index'}.${method.toLowerCase()}.${ext}` : `${dir}/${folder ? `${folder}/` : ''}+server.${ext}`;
  if (normalize(file) !== file || !isInside(file, dir)) return null;
  if (ctx.readFile(file) !== null) {
    ctx.log(`no ${app.kind} proxy for ${ep.method} ${ep.path}: ${file} exists`);
    return null;
  }
  const t = target(ctx, ep, app.project, file);
  const doc = `/** Proxies ${method} ${commentText(ep.path)} (service \`${commentText(ep.service)}\`). Scaffolded by API Parity. */`;
  const body = BODY.has(method);
  let text: string;
  if (app.kind === 'nuxt') {
    const url = urlTemplate(t, (p, splat) => (splat ? `String(params.${p} ?? '')` : `params.${p} ?? ''`));
    text = [
      header(t),
      '',
      doc,
      'export default defineEventHandler(async (event) => {',
      ...(t.params.length ? ['  const params = getRouterParams(event);'] : []),
      `  const response = await fetch(\`${url}\${getRequestURL(event).search}\`, {`,
      `    method: '${method}',`,
      "    headers: { accept: getRequestHeader(event, 'accept') ?? 'application/json', 'content-type': getRequestHeader(event, 'content-type') ?? 'application/json' },",
      ...(body ? ['    body: await readRawBody(event),'] : []),
      '  });',
      '  return sendWebResponse(event, response);',
      '});',
      '',
    ].join('\n');
  } else {
    const url = urlTemplate(t, (p) => `params.${p}`);
    const sig = app.typescript ? ": RequestHandler = async ({ params, request, url })" : ' = async ({ params, request, url })';
    text = [
      ...(app.typescript ? ["import type { RequestHandler } from './$types';"] : []),
      header(t),
      '',
      doc,
      `export const ${method}${sig} => {`,
      `  const response = await fetch(\`${url}\${url.search}\`, {`,
      `    method: '${method}',`,
      "    headers: { accept: request.headers.get('accept') ?? 'application/json', 'content-type': request.headers.get('content-type') ?? 'application/json' },",
      ...(body ? ['    body: await request.text(),'] : []),
      '  });',
      '  return new Response(response.body, { status: response.status, headers: response.headers });',
      '};',
      '',
    ].join('\n');
  }
  const title = `Scaffold ${app.kind === 'nuxt' ? 'Nuxt' : 'SvelteKit'} proxy route /api/${folder} (${file})`.replace(`/api/ (`, '/api (');
  const clean = text.replace(/^\n+/, '').replace(/\n{3,}/g, '\n\n');
  return { title, kind: 'proxy-route', edits: [{ t: 'create', file, text: clean }], reveal: { file, line: clean.split('\n').findIndex((l) => l.startsWith('export')) + 1, column: 1 } };
}

/** A Next.js server action calling `ep`, in `<app>/actions/<resource>.ts` (appended when the file is an action module). */
export function serverAction(ctx: FixContext, ep: Endpoint, app: NextApp): FixPlan | null {
  const method = ep.method === '*' ? 'GET' : ep.method;
  const unsafe = unsafeRoutePath(ep.path);
  if (unsafe || ep.kind !== 'http') return null;
  const { folder, params } = proxyFolder(ep.path);
  const words = folder.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const resource = words.find((w) => !/^\d/.test(w));
  // The root path (`GET /`) names no action worth writing.
  if (!resource) return null;
  const name = [method.toLowerCase(), ...words].map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join('');
  if (!isPlainIdentifier(name) || !isPlainIdentifier(resource)) return null;
  const file = `${app.appDir}/actions/${resource}.${app.typescript ? 'ts' : 'js'}`;
  if (normalize(file) !== file || !isInside(file, `${app.appDir}/actions`)) return null;
  const t = target(ctx, ep, app.project, file);
  const url = urlTemplate(t, (p, splat) => (splat ? `${p}.join('/')` : p));
  const args = params.map((p) => `${p}${app.typescript ? (proxyFolder(ep.path).folder.includes(`...${p}]`) ? ': string[]' : ': string') : ''}`);
  const body = method !== 'DELETE' && BODY.has(method);
  const fn = [
    `/** Calls ${method} ${commentText(ep.path)} (service \`${commentText(ep.service)}\`). Scaffolded by API Parity. */`,
    `export async function ${name}(${[...args, ...(body ? [`body${app.typescript ? '?: unknown' : ''}`] : [])].join(', ')}) {`,
    `  const response = await fetch(\`${url}\`, {`,
    `    method: '${method}',`,
    ...(body ? ["    headers: { 'content-type': 'application/json' },", '    body: body === undefined ? undefined : JSON.stringify(body),'] : []),
    "    cache: 'no-store',",
    '  });',
    `  if (!response.ok) throw new Error(\`${method} ${templateChunk(ep.path)} failed: \${response.status}\`);`,
    "  return response.status === 204 ? null : response.json();",
    '}',
    '',
  ].join('\n');
  const existing = ctx.readFile(file);
  const title = `Scaffold a server action ${name} (${file})`;
  if (existing === null) {
    const text = [`'use server';`, '', header(t), '', fn].join('\n').replace(/\n{3,}/g, '\n\n');
    return { title, kind: 'server-action', edits: [{ t: 'create', file, text }], reveal: { file, line: text.split('\n').findIndex((l) => l.startsWith('export')) + 1, column: 1 } };
  }
  if (!/^\s*['"]use server['"]/.test(existing) || new RegExp(`\\b${name}\\b`).test(existing) || !new RegExp(`\\b${t.base.marker}\\b`).test(existing)) {
    ctx.log(`no server action ${name}: ${file} exists and is not an action module using ${t.base.marker}`);
    return null;
  }
  const lines = existing.split('\n');
  const last = lines[lines.length - 1]!;
  return { title, kind: 'server-action', edits: [{ t: 'insert', file, line: lines.length, column: last.length + 1, text: `${last === '' ? '' : '\n'}\n${fn}` }], reveal: { file, line: lines.length + 1, column: 1 } };
}

