/**
 * The gate decisions kept in the facts store: reused only while the file's text, its project and the
 * frameworks detected there are the same; a change to any of them runs the gates again, and a run with
 * the stored decisions equals a run without any cache.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Analyzer, diskFactsStore, loadConfig, nodeFileSystem, type AnalysisResult, type FactsStore } from '../../src/core';
import { GateMemo, gateScope, type GateDecision } from '../../src/core/engine/gates';
import { frameworks } from '../../src/core/frameworks/registry';
import type { Project } from '../../src/core/project/projects';

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

/** An in-memory store that counts writes. */
function memoryStore(): FactsStore & { texts: Map<string, string>; sets: number } {
  const s = {
    texts: new Map<string, string>(),
    sets: 0,
    get: (k: string) => s.texts.get(k) ?? null,
    set(k: string, t: string) {
      s.sets++;
      s.texts.set(k, t);
    },
    flush: async () => {},
  };
  return s;
}

const decision = (accepting: string[]): GateDecision => ({ generated: null, accepting, eager: accepting.length > 0 });

describe('gate memo', () => {
  it('reuses a decision only for the same text digest and scope', () => {
    const store = memoryStore();
    const first = new GateMemo(store, '/w');
    expect(first.get('a.js', 'd1', 's1', () => decision(['routes:express']))).toEqual(decision(['routes:express']));
    first.get('b.js', 'd2', 's1', () => decision([]));
    first.save(new Set(['a.js', 'b.js']));
    expect(store.sets).toBe(1);
    const compute = vi.fn(() => decision(['requests:fetch']));
    const again = new GateMemo(store, '/w');
    expect(again.get('a.js', 'd1', 's1', compute)).toEqual(decision(['routes:express']));
    expect(again.get('b.js', 'd2', 's1', compute)).toEqual(decision([]));
    expect(compute).not.toHaveBeenCalled();
    again.save(new Set(['a.js', 'b.js']));
    expect(store.sets).toBe(1); // nothing changed: not written again
    const changed = new GateMemo(store, '/w');
    expect(changed.get('a.js', 'd1-edited', 's1', compute)).toEqual(decision(['requests:fetch']));
    expect(changed.get('b.js', 'd2', 's2', compute)).toEqual(decision(['requests:fetch']));
    expect(compute).toHaveBeenCalledTimes(2);
    changed.save(new Set(['a.js', 'b.js']));
    expect(store.sets).toBe(2);
    // Another root has its own table.
    const other = vi.fn(() => decision([]));
    new GateMemo(store, '/other').get('a.js', 'd1-edited', 's1', other);
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('drops files that are gone, keeps those not gated this run, and ignores a damaged table', () => {
    const store = memoryStore();
    const m = new GateMemo(store, '/w');
    m.get('a.js', 'd1', 's', () => decision(['x']));
    m.get('b.js', 'd2', 's', () => decision(['y']));
    m.save(new Set(['a.js', 'b.js']));
    const edit = new GateMemo(store, '/w'); // an edit run gates only the changed file
    edit.get('a.js', 'd1', 's', () => decision([]));
    edit.save(new Set(['a.js']));
    expect(store.sets).toBe(2); // b.js is gone
    const compute = vi.fn(() => decision(['z']));
    const after = new GateMemo(store, '/w');
    after.get('a.js', 'd1', 's', compute);
    after.get('b.js', 'd2', 's', compute);
    expect(compute).toHaveBeenCalledTimes(1);
    const [key] = [...store.texts.keys()];
    for (const damaged of ['', 'not json', '{"scopes":[],"lists":[],"rows":{"a.js":["d1",0,0,1,null]}}', '{"scopes":["s"],"lists":[[1]],"rows":{"a.js":["d1",0,0,1,null]}}']) {
      store.texts.set(key!, damaged);
      const fn = vi.fn(() => decision(['w']));
      expect(new GateMemo(store, '/w').get('a.js', 'd1', 's', fn)).toEqual(decision(['w']));
      expect(fn).toHaveBeenCalledTimes(1);
    }
  });

  it('has no memory without a store, a digest or a scope', () => {
    const compute = vi.fn(() => decision([]));
    const store = memoryStore();
    new GateMemo(undefined, '/w').get('a.js', 'd', 's', compute);
    new GateMemo(store, '/w').get('a.js', null, 's', compute);
    new GateMemo(store, '/w').get('a.js', 'd', null, compute);
    expect(compute).toHaveBeenCalledTimes(3);
  });
});

describe('gate scope', () => {
  const project = (over: Partial<Project> = {}): Project => ({
    root: 'web',
    name: 'web',
    manifests: ['web/package.json'],
    kinds: ['node'],
    dependencies: new Set(['express', 'axios']),
    versions: { express: '4' },
    scriptPorts: [3000],
    ...over,
  });
  const [express, axios] = ['express', 'axios'].map((id) => frameworks.find((f) => f.id === id)!);

  it('changes with any field of the project and with the detected frameworks, not with a set order', () => {
    const base = gateScope(project(), [express!, axios!]);
    expect(gateScope(project({ dependencies: new Set(['axios', 'express']) }), [express!, axios!])).toBe(base);
    for (const over of [{ root: 'app' }, { name: 'x' }, { manifests: [] }, { kinds: [] }, { dependencies: new Set(['express']) }, { versions: { express: '5' } }, { scriptPorts: [] }, { packageName: 'web' }, { library: true }, { crateName: 'c' }, { goModule: 'g' }]) {
      expect(gateScope(project(over), [express!, axios!]), JSON.stringify(over)).not.toBe(base);
    }
    expect(gateScope(project(), [express!])).not.toBe(base);
    expect(gateScope(project(), [axios!, express!])).not.toBe(base);
  });
});

describe('gate decisions in the facts store', () => {
  const workspace = (): string => {
    const root = mkdtempSync(join(tmpdir(), 'api-parity-gates-'));
    tmp.push(root);
    mkdirSync(join(root, 'web'));
    writeFileSync(join(root, 'package.json'), '{ "name": "app", "dependencies": { "express": "4" } }');
    writeFileSync(join(root, 'server.js'), "const express = require('express');\nconst app = express();\napp.get('/api/items', (q, r) => r.send([]));\napp.listen(3000);\n");
    writeFileSync(join(root, 'web/client.js'), 'export const x = 1;\n');
    writeFileSync(join(root, 'web/other.js'), "export const y = () => fetch('http://localhost:3000/api/items');\n");
    return root;
  };
  const analyze = async (root: string, factsCache?: FactsStore): Promise<AnalysisResult> => {
    const fs = nodeFileSystem(root);
    const { config, file } = await loadConfig(fs);
    return new Analyzer().analyze({ root, fs, config, configFile: file, ...(factsCache ? { factsCache } : {}) });
  };
  const fetchGate = () => vi.spyOn(frameworks.find((f) => f.id === 'fetch')!.requests!, 'accepts');

  it('a warm run runs no gate; an edited file is gated again, and the result equals a run without cache', async () => {
    const root = workspace();
    const cache = mkdtempSync(join(tmpdir(), 'api-parity-gates-cache-'));
    tmp.push(cache);
    const store = () => diskFactsStore({ dir: cache, analyzer: 'test', maxBytes: 1 << 30 });
    const gate = fetchGate();
    await analyze(root, store());
    expect(gate.mock.calls.map((c) => c[0].path).sort()).toEqual(['server.js', 'web/client.js', 'web/other.js']);
    const plain = await analyze(root);
    gate.mockClear();
    expect(await analyze(root, store())).toEqual(plain);
    expect(gate).toHaveBeenCalledTimes(0);
    writeFileSync(join(root, 'web/client.js'), "export const x = () => fetch('http://localhost:3000/api/items', { method: 'POST' });\n");
    const edited = await analyze(root, store());
    expect(gate.mock.calls.map((c) => c[0].path)).toEqual(['web/client.js']);
    expect(edited.calls.some((c) => c.file === 'web/client.js')).toBe(true);
    expect(edited).toEqual(await analyze(root));
  });

  it('a change to the project (its dependencies, so its detected frameworks) gates every file of it again', async () => {
    const root = workspace();
    const cache = mkdtempSync(join(tmpdir(), 'api-parity-gates-cache-'));
    tmp.push(cache);
    const store = () => diskFactsStore({ dir: cache, analyzer: 'test', maxBytes: 1 << 30 });
    await analyze(root, store());
    const gate = fetchGate();
    const express = vi.spyOn(frameworks.find((f) => f.id === 'express')!.routes!, 'accepts');
    writeFileSync(join(root, 'package.json'), '{ "name": "app", "dependencies": { "express": "4", "axios": "1" } }');
    const warm = await analyze(root, store());
    expect(gate.mock.calls.map((c) => c[0].path).sort()).toEqual(['server.js', 'web/client.js', 'web/other.js']);
    expect(express).toHaveBeenCalledTimes(3);
    expect(warm).toEqual(await analyze(root));
    writeFileSync(join(root, 'package.json'), '{ "name": "app", "dependencies": { "koa": "2" } }');
    express.mockClear();
    const noExpress = await analyze(root, store());
    expect(express).toHaveBeenCalledTimes(0);
    expect(noExpress.endpoints).toEqual([]);
    expect(noExpress).toEqual(await analyze(root));
  });
});
