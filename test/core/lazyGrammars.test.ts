/**
 * Grammars are loaded only for files whose facts are not in the facts cache: a warm run loads none. When
 * a module read on demand then misses the cache (it was edited), the run starts again with its grammar
 * loaded, and the result equals a run without cache.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer, diskFactsStore, loadConfig, nodeFileSystem, type AnalysisResult, type FactsStore } from '../../src/core';

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

async function analyze(dir: string, factsCache?: FactsStore): Promise<AnalysisResult> {
  const fs = nodeFileSystem(dir);
  const { config, file } = await loadConfig(fs);
  return new Analyzer().analyze({ root: dir, fs, config, configFile: file, ...(factsCache ? { factsCache } : {}) });
}

const VIEWS = `from rest_framework.views import APIView


class Items(APIView):
    def get(self, request):
        return None
`;

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'api-parity-lazy-'));
  tmp.push(root);
  const w = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  w('requirements.txt', 'Django==5.0\ndjangorestframework==3.15\n');
  w('shop/settings.py', 'ROOT_URLCONF = "shop.urls"\n');
  w('shop/urls.py', 'from django.urls import path\n\nfrom .views import Items\n\nurlpatterns = [path("items/", Items.as_view())]\n');
  // Read only for the view class's methods: no contribution accepts it.
  w('shop/views.py', VIEWS);
  return root;
}

describe('grammars on demand', () => {
  it('a module that misses the cache in a warm run restarts the run with its grammar loaded', async () => {
    const dir = workspace();
    const cacheDir = mkdtempSync(join(tmpdir(), 'api-parity-lazy-cache-'));
    tmp.push(cacheDir);
    const store = () => diskFactsStore({ dir: cacheDir, analyzer: 'test', maxBytes: 1 << 30 });
    const cold = await analyze(dir, store());
    expect(cold.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /items']);
    expect(await analyze(dir, store())).toEqual(cold);
    // The view module changes: the warm run finds the URLconf in the cache but not the views.
    writeFileSync(join(dir, 'shop/views.py'), VIEWS + '\n    def delete(self, request):\n        return None\n');
    const edited = await analyze(dir, store());
    expect(edited).toEqual(await analyze(dir));
    expect(edited.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /items', 'DELETE /items']);
  });
});
