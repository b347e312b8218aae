/** Unused-endpoint fixes: proxy routes in Nuxt, SvelteKit and Next.js, and a Next.js server action. */
import { describe, expect, it } from 'vitest';
import { analyse, applyAndCheck, applyPlan, fixesFor, type Files } from './harness';

const API: Files = {
  'api/requirements.txt': 'fastapi\n',
  'api/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.delete("/api/v1/items/{item_id}")\ndef delete_item(item_id: int): ...\n\n\n@app.get("/api/v1/items")\ndef items(): ...\n',
};
const unused = (g: { kind: string; path: string | null }) => g.kind === 'unused-endpoint' && g.path === '/api/v1/items/{item_id}';

const WEBS: Record<string, { files: Files; kind: string; title: string; contains: string }> = {
  nuxt: {
    files: { 'web/package.json': JSON.stringify({ name: 'web', dependencies: { nuxt: '3' } }), 'web/nuxt.config.ts': 'export default defineNuxtConfig({});\n', 'web/app.vue': '<template><div /></template>\n', 'web/utils/items.ts': "export const items = () => fetch('http://localhost:8000/api/v1/items');\n" },
    kind: 'proxy-route',
    title: 'Scaffold Nuxt proxy route /api/items/[itemId] (web/server/api/items/[itemId].delete.ts)',
    contains: "const response = await fetch(`${BACKEND_URL}/api/v1/items/${encodeURIComponent(params.itemId ?? '')}${getRequestURL(event).search}`, {",
  },
  sveltekit: {
    files: { 'web/package.json': JSON.stringify({ name: 'web', devDependencies: { '@sveltejs/kit': '2' } }), 'web/tsconfig.json': '{}', 'web/src/lib/items.ts': "export const items = () => fetch('http://localhost:8000/api/v1/items');\n" },
    kind: 'proxy-route',
    title: 'Scaffold SvelteKit proxy route /api/items/[itemId] (web/src/routes/api/items/[itemId]/+server.ts)',
    contains: 'export const DELETE: RequestHandler = async ({ params, request, url }) => {',
  },
  remix: {
    files: { 'web/package.json': JSON.stringify({ name: 'web', dependencies: { '@remix-run/node': '^2.9', '@remix-run/react': '^2.9' } }), 'web/tsconfig.json': '{}', 'web/app/root.tsx': 'export default function App() { return null; }\n', 'web/app/lib/items.ts': "export const items = () => fetch('http://localhost:8000/api/v1/items');\n" },
    kind: 'proxy-route',
    title: 'Scaffold Remix resource route /api/items/[itemId] (web/app/routes/api.items.$itemId.ts)',
    contains: "import type { ActionFunctionArgs } from '@remix-run/node';\nconst BACKEND_URL = process.env.API_BASE_URL ?? 'http://localhost:8000';\n\n/** Proxies DELETE /api/v1/items/{item_id} (service `api`). Scaffolded by API Parity. */\nexport async function action({ params, request }: ActionFunctionArgs) {\n  if (request.method !== 'DELETE') return new Response(null, { status: 405, headers: { allow: 'DELETE' } });\n  const response = await fetch(`${BACKEND_URL}/api/v1/items/${encodeURIComponent(params.itemId ?? '')}${new URL(request.url).search}`, {",
  },
  astro: {
    files: { 'web/package.json': JSON.stringify({ name: 'web', dependencies: { astro: '^4.5' } }), 'web/tsconfig.json': '{}', 'web/src/pages/index.astro': '---\n---\n<h1>Hi</h1>\n', 'web/src/lib/items.ts': "export const items = () => fetch('http://localhost:8000/api/v1/items');\n" },
    kind: 'proxy-route',
    title: 'Scaffold Astro endpoint /api/items/[itemId] (web/src/pages/api/items/[itemId].ts)',
    contains: "export const prerender = false;\n\n/** Proxies DELETE /api/v1/items/{item_id} (service `api`). Scaffolded by API Parity. */\nexport const DELETE: APIRoute = async ({ params, request, url }) => {\n  const response = await fetch(`${BACKEND_URL}/api/v1/items/${encodeURIComponent(params.itemId ?? '')}${url.search}`, {",
  },
  'next server action': {
    files: { 'web/package.json': JSON.stringify({ name: 'web', dependencies: { next: '15' } }), 'web/tsconfig.json': '{}', 'web/app/page.tsx': 'export default function Page() { return null; }\n', 'web/lib/items.ts': "export const items = () => fetch('http://localhost:8000/api/v1/items');\n" },
    kind: 'server-action',
    title: 'Scaffold a server action deleteItemsItemId (web/app/actions/items.ts)',
    contains: "'use server';",
  },
  'next proxy': {
    files: { 'web/package.json': JSON.stringify({ name: 'web', dependencies: { next: '15' } }), 'web/tsconfig.json': '{}', 'web/app/page.tsx': 'export default function Page() { return null; }\n', 'web/lib/items.ts': "export const items = () => fetch('http://localhost:8000/api/v1/items');\n" },
    kind: 'proxy-route',
    title: 'Scaffold proxy route /api/items/[itemId] (web/app/api/items/[itemId]/route.ts)',
    contains: 'export async function DELETE(request: NextRequest, context: { params: Promise<{ itemId: string }> }) {',
  },
};

describe('unused endpoint', () => {
  for (const [name, w] of Object.entries(WEBS)) {
    if (w.kind === 'server-action') continue;
    it(name, async () => {
      const files = { ...API, ...w.files };
      const { plans, result, gap, logs } = await fixesFor(files, unused);
      const plan = plans.find((p) => p.kind === w.kind && p.title === w.title);
      expect(plan, `${plans.map((p) => p.title).join('\n')}\n${logs.join('\n')}`).toBeDefined();
      const file = plan!.edits[0]!.file;
      // A Next.js proxy is a route of the web app itself, which nothing calls yet: its own unused hint is expected.
      const { files: after, result: again } = await applyAndCheck(files, plan!, result, gap, (g) => g.kind === 'unused-endpoint' && g.file === file);
      expect(after[file]).toContain(w.contains);
      expect(again.endpoints.find((e) => e.method === 'DELETE')!.callers.map((c) => c.split(':')[0])).toEqual([file]);
    });
  }

  it('next server action: written, then the endpoint is used once a page calls it', async () => {
    const w = WEBS['next server action']!;
    const files = { ...API, ...w.files };
    const { plans, result } = await fixesFor(files, unused);
    const plan = plans.find((p) => p.kind === w.kind && p.title === w.title);
    expect(plan, plans.map((p) => p.title).join('\n')).toBeDefined();
    const file = plan!.edits[0]!.file;
    const written = applyPlan(files, plan!);
    expect(written[file]).toContain(w.contains);
    // The action is a client function nothing calls yet: the endpoint stays unused, and says so.
    const { result: unwired } = await analyse(written);
    const del = (r: typeof result) => r.endpoints.find((e) => e.method === 'DELETE')!;
    expect((del(unwired).uncalledCallers ?? []).map((c) => c.split(':')[0])).toEqual([file]);
    expect(unwired.gaps.find((g) => g.kind === 'unused-endpoint' && g.subject === del(unwired).id)?.message).toContain('Only `deleteItemsItemId` requests it');
    expect(unwired.gaps.filter((g) => !result.gaps.some((o) => o.kind === g.kind && o.subject === g.subject)).map((g) => g.kind)).toEqual(['unused-client-method']);
    // Wired into a page, the gap is gone and no other appears.
    const wired = { ...written, 'web/app/items/page.tsx': "import { deleteItemsItemId } from '../actions/items';\nexport default function Items() { return <form action={() => deleteItemsItemId('1')} />; }\n" };
    const { result: after } = await analyse(wired);
    expect(del(after).callers.map((c) => c.split(':')[0])).toEqual([file]);
    expect(after.gaps.filter((g) => !result.gaps.some((o) => o.kind === g.kind && o.subject === g.subject))).toEqual([]);
    expect(after.gaps.some((g) => g.kind === 'unused-endpoint' && g.subject === del(after).id)).toBe(false);
  });

  it('appends a server action to an existing action module', async () => {
    const files: Files = {
      ...API,
      ...WEBS['next server action']!.files,
      'web/app/actions/items.ts': "'use server';\n\nconst BACKEND_URL = process.env.API_BASE_URL ?? 'http://localhost:8000';\n\nexport async function listItems() {\n  return (await fetch(`${BACKEND_URL}/api/v1/items`)).json();\n}\n",
    };
    const { plans, result, gap } = await fixesFor(files, unused);
    const plan = plans.find((p) => p.kind === 'server-action')!;
    expect(plan.edits.map((e) => e.t)).toEqual(['insert']);
    const after = applyPlan(files, plan);
    expect(gap.kind).toBe('unused-endpoint');
    expect(result.gaps.length).toBeGreaterThan(0);
    expect(after['web/app/actions/items.ts']).toMatch(/export async function listItems[\s\S]*export async function deleteItemsItemId\(itemId: string\) \{/);
  });
});

describe('Remix and Astro proxies: shapes and refusals', () => {
  const GET_SPLAT: Files = {
    'api/requirements.txt': 'fastapi\n',
    'api/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/reports/{report_id}")\ndef report(report_id: int): ...\n\n\n@app.get("/api/v1/items")\ndef items(): ...\n',
  };
  const remix = (v: string, extra: Files = {}): Files => ({ ...GET_SPLAT, 'web/package.json': JSON.stringify({ name: 'web', dependencies: { '@remix-run/react': v } }), 'web/app/root.jsx': 'export default function App() { return null; }\n', 'web/app/lib/items.js': "export const items = () => fetch('http://localhost:8000/api/v1/items');\n", ...extra });
  const filesGap = (g: { kind: string; path: string | null }) => g.kind === 'unused-endpoint' && g.path === '/reports/{report_id}';

  it('a GET is a loader; JavaScript without types', async () => {
    const files = remix('^2.0.0');
    const { plans, result, gap, logs } = await fixesFor(files, filesGap);
    const plan = plans.find((p) => p.kind === 'proxy-route');
    expect(plan?.title, logs.join('\n')).toBe('Scaffold Remix resource route /api/reports/[reportId] (web/app/routes/api.reports.$reportId.js)');
    // Remix routes are indexed: like a Next.js proxy, the new resource route is one nothing calls yet.
    const { files: after, result: again } = await applyAndCheck(files, plan!, result, gap, (g) => g.kind === 'unused-endpoint' && g.file === 'web/app/routes/api.reports.$reportId.js');
    expect(again.endpoints.some((e) => e.framework === 'remix' && e.path === '/api/reports/{reportId}' && e.method === 'GET')).toBe(true);
    expect(after['web/app/routes/api.reports.$reportId.js']).toBe(
      "const BACKEND_URL = process.env.API_BASE_URL ?? 'http://localhost:8000';\n\n/** Proxies GET /reports/{report_id} (service `api`). Scaffolded by API Parity. */\nexport async function loader({ params, request }) {\n  const response = await fetch(`${BACKEND_URL}/reports/${encodeURIComponent(params.reportId ?? '')}${new URL(request.url).search}`, {\n    method: 'GET',\n    headers: { accept: request.headers.get('accept') ?? 'application/json', 'content-type': request.headers.get('content-type') ?? 'application/json' },\n  });\n  return new Response(response.body, { status: response.status, headers: response.headers });\n}\n",
    );
  });

  it('Remix 1 uses nested folders; an existing route file (any extension, folder form) is never replaced', async () => {
    const v1 = await fixesFor(remix('1.19.3'), filesGap);
    expect(v1.plans.find((p) => p.kind === 'proxy-route')?.title).toBe('Scaffold Remix resource route /api/reports/[reportId] (web/app/routes/api/reports/$reportId.js)');
    const taken = await fixesFor(remix('^2.0.0', { 'web/app/routes/api.reports.$reportId/route.tsx': 'export const loader = () => null;\n' }), filesGap);
    expect(taken.plans.filter((p) => p.kind === 'proxy-route')).toEqual([]);
    expect(taken.logs.join('\n')).toContain('web/app/routes/api.reports.$reportId/route.tsx exists');
  });

  it('no Remix proxy without app/root; no Astro proxy where a page of that path exists', async () => {
    const noRoot = { ...remix('^2.0.0') };
    delete noRoot['web/app/root.jsx'];
    expect((await fixesFor(noRoot, filesGap)).plans.filter((p) => p.kind === 'proxy-route')).toEqual([]);
    const astro: Files = { ...GET_SPLAT, 'web/package.json': JSON.stringify({ name: 'web', dependencies: { astro: '4' } }), 'web/src/pages/api/reports/[reportId]/index.ts': 'export const GET = () => new Response();\n', 'web/src/lib/items.js': "export const items = () => fetch('http://localhost:8000/api/v1/items');\n" };
    const out = await fixesFor(astro, filesGap);
    expect(out.plans.filter((p) => p.kind === 'proxy-route')).toEqual([]);
    expect(out.logs.join('\n')).toContain('exists');
  });
});
