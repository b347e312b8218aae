/** Unused endpoint: a Vite `server.proxy` entry, written only where the config has one plain place for it. */
import { describe, expect, it } from 'vitest';
import { proxyInsertion } from '../../../src/core/fixes/viteProxy';
import type { AnalysisResult, FixPlan } from '../../../src/core';
import { analyse, applyPlan, fixesFor, type Files } from './harness';

const API: Files = {
  'api/requirements.txt': 'fastapi\n',
  'api/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/api/items")\ndef items(): ...\n\n\n@app.get("/health")\ndef health(): ...\n',
};
const WEB = (config: string): Files => ({
  'web/package.json': JSON.stringify({ name: 'web', scripts: { dev: 'vite --port 5173', build: 'tsc && vite build' }, devDependencies: { vite: '5' } }),
  'web/vite.config.ts': config,
  'web/src/main.ts': 'console.log(1);\n',
});
/**
 * A proxy entry is configuration, not a call: applied, it adds the proxy route (a catch-all, never unused)
 * and no gap; once the app calls the path relatively, the call goes through the entry to the endpoint.
 */
async function applyAndCall(files: Files, plan: FixPlan, before: AnalysisResult): Promise<Files> {
  const after = applyPlan(files, plan);
  const { result } = await analyse(after);
  expect(result.gaps.map((g) => `${g.kind} ${g.subject}`).sort()).toEqual(before.gaps.map((g) => `${g.kind} ${g.subject}`).sort());
  expect(result.endpoints.filter((e) => e.framework === 'vite').map((e) => e.path)).toContain('/api/{...path?}');
  const { result: called } = await analyse({ ...after, 'web/src/items.ts': "export const load = () => fetch('/api/items');\nload();\n" });
  const call = called.calls.find((c) => c.file === 'web/src/items.ts')!;
  expect(call.status).toBe('matched');
  expect(called.endpoints.find((e) => e.path === '/api/items')!.callers).toEqual([call.id]);
  expect(called.gaps.filter((g) => !before.gaps.some((o) => o.kind === g.kind && o.subject === g.subject)).map((g) => g.message)).toEqual([]);
  return after;
}

const unused = (g: { kind: string; path: string | null }) => g.kind === 'unused-endpoint' && g.path === '/api/items';

describe('Vite proxy entry', () => {
  it('adds `server.proxy` to a config without one: the relative call then reaches the endpoint', async () => {
    const files = { ...API, ...WEB('import { defineConfig } from "vite";\n\nexport default defineConfig({\n  server: {\n    port: 5173,\n  },\n});\n') };
    const { plans, result, logs } = await fixesFor(files, unused);
    const plan = plans.find((p) => p.title.startsWith('Add a Vite proxy entry'));
    expect(plan?.title, logs.join('\n')).toBe('Add a Vite proxy entry /api → http://localhost:8000 (web/vite.config.ts)');
    const after = await applyAndCall(files, plan!, result);
    expect(after['web/vite.config.ts']).toBe('import { defineConfig } from "vite";\n\nexport default defineConfig({\n  server: {\n    proxy: { "/api": { target: "http://localhost:8000", changeOrigin: true } },\n    port: 5173,\n  },\n});\n');
  });

  it('joins an existing proxy object, with the origin constant the config already names', async () => {
    const files = { ...API, ...WEB("import { defineConfig } from 'vite';\nconst backend = 'http://localhost:8000';\nexport default defineConfig({\n  server: {\n    proxy: {\n      '/auth': { target: backend },\n    },\n  },\n});\n") };
    const { plans, result } = await fixesFor(files, unused);
    const plan = plans.find((p) => p.title.startsWith('Add a Vite proxy entry'))!;
    const after = await applyAndCall(files, plan, result);
    expect(after['web/vite.config.ts']).toContain("    proxy: {\n      '/api': { target: backend, changeOrigin: true },\n      '/auth': { target: backend },\n");
  });

  it('is not offered when an entry covers the path, for a non-API prefix, or for a config function', async () => {
    const covered = { ...API, ...WEB("export default { server: { proxy: { '/api': 'http://localhost:9999' } } };\n") };
    const a = await fixesFor(covered, unused);
    expect(a.plans.filter((p) => p.title.startsWith('Add a Vite proxy entry'))).toEqual([]);
    expect(a.logs.join('\n')).toContain('already covers it');
    const health = await fixesFor({ ...API, ...WEB('export default {};\n') }, (g) => g.kind === 'unused-endpoint' && g.path === '/health');
    expect(health.plans.filter((p) => p.title.startsWith('Add a Vite proxy entry'))).toEqual([]);
    expect(health.logs.join('\n')).toContain('is not an API namespace');
    const fn = { ...API, ...WEB("import { defineConfig } from 'vite';\nexport default defineConfig(({ mode }) => ({ server: { port: 1 } }));\n") };
    const { result } = await analyse(fn);
    expect(result.gaps.some(unused)).toBe(true);
    const b = await fixesFor(fn, unused);
    expect(b.plans.filter((p) => p.title.startsWith('Add a Vite proxy entry'))).toEqual([]);
    expect(b.logs.join('\n')).toContain('no Vite proxy entry');
  });

  it('is not offered for a build-only app or a backend integration (the backend serves the pages)', async () => {
    const buildOnly = { ...API, ...WEB('export default {};\n'), 'web/package.json': JSON.stringify({ name: 'web', scripts: { dev: 'vite build --watch --mode=development', build: 'vite build' }, devDependencies: { vite: '5' } }) };
    const a = await fixesFor(buildOnly, unused);
    expect(a.plans.filter((p) => p.title.startsWith('Add a Vite proxy entry'))).toEqual([]);
    expect(a.logs.join('\n')).toContain('its scripts never start the Vite dev server');
    const manifest = await fixesFor({ ...API, ...WEB("export default { build: { manifest: 'manifest.json' } };\n") }, unused);
    expect(manifest.plans.filter((p) => p.title.startsWith('Add a Vite proxy entry'))).toEqual([]);
    expect(manifest.logs.join('\n')).toContain('builds a manifest for a backend that serves the pages');
  });

  it('insertion shapes', () => {
    const ins = (t: string) => {
      const r = proxyInsertion(t, "'/api': X");
      return 'reason' in r ? r.reason : t.slice(0, r.at) + r.text + t.slice(r.at);
    };
    expect(ins('export default { plugins: [] };')).toBe("export default { server: { proxy: { '/api': X } }, plugins: [] };");
    expect(ins('export default { server: { proxy } };')).toBe('the config names `proxy` in a way that is not one plain object literal');
    expect(ins('const proxy = {};\nexport default { server: { proxy: { } } };')).toBe('the config names `proxy` in a way that is not one plain object literal');
    expect(ins('export default { server: serverOptions };')).toBe('the `server` options are not one plain object literal');
    expect(ins('export default defineConfig(() => ({}));')).toBe('the config is not one object literal (a function or a value built elsewhere)');
  });
});
