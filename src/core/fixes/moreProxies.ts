/**
 * Proxy routes for an unused endpoint in a Remix app (a resource route: `app/routes/api.<path>.ts` with a
 * `loader` for GET, an `action` for other methods; nested folders before Remix 2) and in an Astro site (an
 * endpoint `src/pages/api/<path>.ts` exporting the method). Same rules as `webProxies.ts`: the path is
 * checked, a file is only created where none of the route's possible files exists, and the backend is
 * reached through the project's base-URL constant or an env var.
 */
import { isInside, normalize } from '../path';
import type { Endpoint } from '../types';
import { commentText } from './codeText';
import { proxyFolder } from './scaffoldProxy';
import type { FixContext, FixPlan } from './types';
import { BODY, header, target, urlTemplate, type WebApp } from './webProxies';

const EXTS = ['ts', 'tsx', 'js', 'jsx'];
/** A literal segment Remix reads as plain text in a flat-route file name (no `.`, `$`, `_` at an end, `(`, `[`). */
const REMIX_LITERAL = /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9-])?$/;
const RUNTIMES = ['@remix-run/node', '@remix-run/cloudflare', '@remix-run/deno'];

const major = (range: string | undefined) => {
  const m = range ? /(\d+)/.exec(range) : null;
  return m ? Number(m[1]) : null;
};

function plan(ctx: FixContext, app: WebApp, file: string, dir: string, taken: readonly string[], title: string, text: string): FixPlan | null {
  if (normalize(file) !== file || !isInside(file, dir)) return null;
  const exists = taken.find((f) => ctx.readFile(f) !== null);
  if (exists) {
    ctx.log(`no ${app.kind} proxy: ${exists} exists`);
    return null;
  }
  const clean = text.replace(/^\n+/, '').replace(/\n{3,}/g, '\n\n');
  return { title, kind: 'proxy-route', edits: [{ t: 'create', file, text: clean }], reveal: { file, line: clean.split('\n').findIndex((l) => /^export (?:async function|const [A-Z]+\b)/.test(l)) + 1, column: 1 } };
}

/** A Remix resource route forwarding `method` to `ep`, or null (logged). */
export function remixProxy(ctx: FixContext, ep: Endpoint, app: WebApp, method: string): FixPlan | null {
  const prefix = app.project.root === '.' ? '' : `${app.project.root}/`;
  const layout = ctx.workspace.layout();
  if (!layout || !EXTS.some((e) => layout.files.has(`${prefix}app/root.${e}`))) {
    ctx.log(`no remix proxy for ${ep.method} ${ep.path}: no app/root file`);
    return null;
  }
  const { folder } = proxyFolder(ep.path);
  const parts = folder ? folder.split('/') : [];
  const names: string[] = [];
  let splat = false;
  for (const [i, p] of parts.entries()) {
    const param = /^\[([A-Za-z_$][\w$]*)\]$/.exec(p);
    if (param) names.push(`$${param[1]}`);
    else if (/^\[\[?\.\.\.[A-Za-z_$][\w$]*\]\]?$/.test(p) && i === parts.length - 1) {
      names.push('$');
      splat = true;
    } else if (REMIX_LITERAL.test(p)) names.push(p);
    else {
      ctx.log(`no remix proxy for ${ep.method} ${ep.path}: the segment ${JSON.stringify(p)} has no plain Remix file name`);
      return null;
    }
  }
  const versions = app.project.versions;
  const v1 = ['@remix-run/react', '@remix-run/dev', ...RUNTIMES].map((d) => major(versions[d])).some((m) => m === 1);
  const dir = `${prefix}app/routes`;
  const stem = v1 ? ['api', ...names].join('/') : ['api', ...names].join('.');
  const ext = app.typescript ? 'ts' : 'js';
  const file = `${dir}/${stem}.${ext}`;
  const taken = EXTS.flatMap((e) => [`${dir}/${stem}.${e}`, `${dir}/${stem}/route.${e}`, `${dir}/${stem}/index.${e}`]);
  const t = target(ctx, ep, app.project, file);
  const url = urlTemplate(t, (p, isSplat) => (isSplat || (splat && p === t.params[t.params.length - 1]) ? "params['*'] ?? ''" : `params.${p} ?? ''`));
  const runtime = RUNTIMES.find((d) => d in versions);
  const fn = method === 'GET' ? 'loader' : 'action';
  const argsType = v1 ? 'DataFunctionArgs' : method === 'GET' ? 'LoaderFunctionArgs' : 'ActionFunctionArgs';
  const sig = !app.typescript ? '{ params, request }' : runtime ? `{ params, request }: ${argsType}` : '{ params, request }: { params: Record<string, string | undefined>; request: Request }';
  const text = [
    app.typescript && runtime ? `import type { ${argsType} } from '${runtime}';` : '',
    header(t),
    '',
    `/** Proxies ${method} ${commentText(ep.path)} (service \`${commentText(ep.service)}\`). Scaffolded by API Parity. */`,
    `export async function ${fn}(${sig}) {`,
    ...(method === 'GET' ? [] : [`  if (request.method !== '${method}') return new Response(null, { status: 405, headers: { allow: '${method}' } });`]),
    `  const response = await fetch(\`${url}\${new URL(request.url).search}\`, {`,
    `    method: '${method}',`,
    "    headers: { accept: request.headers.get('accept') ?? 'application/json', 'content-type': request.headers.get('content-type') ?? 'application/json' },",
    ...(BODY.has(method) ? ['    body: await request.text(),'] : []),
    '  });',
    '  return new Response(response.body, { status: response.status, headers: response.headers });',
    '}',
    '',
  ].join('\n');
  return plan(ctx, app, file, dir, taken, `Scaffold Remix resource route /api${folder ? `/${folder}` : ''} (${file})`, text);
}

/** An Astro endpoint forwarding `method` to `ep`, or null (logged). */
export function astroProxy(ctx: FixContext, ep: Endpoint, app: WebApp, method: string): FixPlan | null {
  const prefix = app.project.root === '.' ? '' : `${app.project.root}/`;
  const { folder } = proxyFolder(ep.path);
  if (/\[\[/.test(folder)) {
    ctx.log(`no astro proxy for ${ep.method} ${ep.path}: an optional segment has no Astro file name`);
    return null;
  }
  const dir = `${prefix}src/pages/api`;
  const stem = folder || 'index';
  const ext = app.typescript ? 'ts' : 'js';
  const file = `${dir}/${stem}.${ext}`;
  const taken = ['ts', 'js', 'mjs'].flatMap((e) => [`${dir}/${stem}.${e}`, `${dir}/${stem}/index.${e}`]);
  const t = target(ctx, ep, app.project, file);
  const url = urlTemplate(t, (p) => `params.${p} ?? ''`);
  const text = [
    app.typescript ? "import type { APIRoute } from 'astro';" : '',
    header(t),
    '',
    '// Rendered on request, not at build time.',
    'export const prerender = false;',
    '',
    `/** Proxies ${method} ${commentText(ep.path)} (service \`${commentText(ep.service)}\`). Scaffolded by API Parity. */`,
    `export const ${method}${app.typescript ? ': APIRoute' : ''} = async ({ params, request, url }) => {`,
    `  const response = await fetch(\`${url}\${url.search}\`, {`,
    `    method: '${method}',`,
    "    headers: { accept: request.headers.get('accept') ?? 'application/json', 'content-type': request.headers.get('content-type') ?? 'application/json' },",
    ...(BODY.has(method) ? ['    body: await request.text(),'] : []),
    '  });',
    '  return new Response(response.body, { status: response.status, headers: response.headers });',
    '};',
    '',
  ].join('\n');
  return plan(ctx, app, file, dir, taken, `Scaffold Astro endpoint /api${folder ? `/${folder}` : ''} (${file})`, text);
}
