/**
 * The client-method scans kept in the facts store (which files mention which candidate names): a run in a
 * new process takes a file's scan while its content and the names asked about are the same; an edited
 * file is scanned again, and every result equals a run without any cache.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer, diskFactsStore, loadConfig, nodeFileSystem, type AnalysisResult, type FactsStore } from '../../src/core';

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tmp.push(d);
  return d;
};

/** A store that records the scan tables asked for and written. */
function watching(inner: FactsStore): FactsStore & { scanHits: number; scanSets: number } {
  const s = {
    scanHits: 0,
    scanSets: 0,
    get(k: string) {
      const v = inner.get(k);
      if (k.startsWith('scans:') && v !== null) s.scanHits++;
      return v;
    },
    set(k: string, t: string) {
      if (k.startsWith('scans:')) s.scanSets++;
      inner.set(k, t);
    },
    flush: () => inner.flush(),
  };
  return s;
}

async function analyze(root: string, factsCache?: FactsStore): Promise<AnalysisResult> {
  const fs = nodeFileSystem(root);
  const { config, file } = await loadConfig(fs);
  return new Analyzer().analyze({ root, fs, config, configFile: file, ...(factsCache ? { factsCache } : {}) });
}

const unused = (r: AnalysisResult) => r.gaps.filter((g) => /client|method/i.test(g.kind)).map((g) => g.message);

describe('client-method scans in the facts store', () => {
  it('are reused for unchanged files and taken again for an edited one; results equal a run without cache', async () => {
    const root = temp('api-parity-scans-');
    mkdirSync(join(root, 'web'));
    writeFileSync(join(root, 'package.json'), '{ "name": "app", "dependencies": { "express": "4", "axios": "1" } }');
    writeFileSync(join(root, 'server.js'), "const express = require('express');\nconst app = express();\napp.get('/api/items', (q, r) => r.send([]));\napp.post('/api/items', (q, r) => r.send({}));\napp.listen(3000);\n");
    writeFileSync(join(root, 'web/api.js'), "import axios from 'axios';\nexport const api = {\n  listItems() { return axios.get('http://localhost:3000/api/items'); },\n  addItem(x) { return axios.post('http://localhost:3000/api/items', x); },\n};\n");
    writeFileSync(join(root, 'web/page.js'), "import { api } from './api';\nexport const show = () => api.listItems();\nexport const add = (x) => api.addItem(x);\n");
    const cache = temp('api-parity-scans-cache-');
    const store = () => watching(diskFactsStore({ dir: cache, analyzer: 'test', maxBytes: 1 << 30 }));
    const cold = store();
    const first = await analyze(root, cold);
    expect(first).toEqual(await analyze(root));
    expect(cold.scanSets).toBe(1);
    const warm = store();
    expect(await analyze(root, warm)).toEqual(first);
    expect([warm.scanHits, warm.scanSets]).toEqual([1, 0]);
    // The page no longer calls addItem: the same names are asked about, the edited file is scanned again.
    writeFileSync(join(root, 'web/page.js'), "import { api } from './api';\nexport const show = () => api.listItems();\n");
    const edited = store();
    const after = await analyze(root, edited);
    expect(after).toEqual(await analyze(root));
    expect([edited.scanHits, edited.scanSets]).toEqual([1, 1]);
    expect(unused(after)).not.toEqual(unused(first));
  });
});
