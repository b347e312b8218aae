/**
 * The Gap Explorer served one level at a time (core/query/gapLevels.ts): the same rows as the whole tree,
 * without children; filters by text, service and file; large groups start collapsed; one tree per
 * snapshot and filter.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gapLevel, gapTree, GapTreeCache, indexGapTree, type AnalysisResult, type TreeFolder } from '../../src/core';
import { analyzeFixture } from '../golden';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
let result: AnalysisResult;
let folders: TreeFolder[];

beforeAll(async () => {
  result = await analyzeFixture(EXAMPLE);
  folders = [{ key: 'ws', name: 'ws', result }];
});

const rows = (nodes: ReadonlyArray<{ label: string; description?: string }>) => nodes.map((n) => `${n.label} ${n.description ?? ''}`.trim());

describe('Gap Explorer levels', () => {
  it('serves the whole tree’s rows one level at a time, without children', () => {
    const whole = gapTree(folders, false);
    const index = indexGapTree(folders, false);
    const top = gapLevel(index, null);
    expect(rows(top.nodes)).toEqual(rows(whole.roots));
    expect(top.nodes.every((n) => n.children.length === 0)).toBe(true);
    expect(top.state).toBe('ready');
    expect(top.total).toBe(top.shown);
    const missing = top.nodes.find((n) => n.id === 'group:missing')!;
    const services = gapLevel(index, missing.id).nodes;
    expect(rows(services)).toEqual(rows(whole.roots.find((n) => n.id === 'group:missing')!.children));
    const files = gapLevel(index, services[0]!.id).nodes;
    const leaves = gapLevel(index, files[0]!.id).nodes;
    expect(leaves[0]!.kind).toBe('leaf');
    expect(leaves[0]!.label).toBe('GET /api/v1/users/{}/avatar');
    expect(leaves[0]!.location).toMatchObject({ folder: 'ws', file: 'frontend/src/components/UserAvatar.tsx' });
    // A row that is gone (an old id after a new snapshot) has no children.
    expect(gapLevel(index, 'group:nothing').nodes).toEqual([]);
  });

  it('filters rows by words, service and file; blind spots and the fixed groups stay', () => {
    const byText = gapLevel(indexGapTree(folders, false, { text: 'avatar' }), null);
    expect(byText.shown).toBe(1);
    expect(rows(byText.nodes).filter((r) => !/ 0$/.test(r))).toEqual(['Missing 1']);
    const byFile = indexGapTree(folders, false, { file: { folder: 'ws', file: 'backend/app/api/routes/items.py' } });
    const top = gapLevel(byFile, null);
    expect(top.shown).toBe(result.endpoints.filter((e) => e.file.endsWith('items.py')).length);
    expect(gapLevel(indexGapTree(folders, false, { file: { folder: 'other', file: 'backend/app/api/routes/items.py' } }), null).shown).toBe(0);
    expect(gapLevel(indexGapTree(folders, false, { services: ['nope'] }), null).shown).toBe(0);
    const service = result.services[0]!.name;
    expect(gapLevel(indexGapTree(folders, false, { services: [service] }), null).shown).toBeGreaterThan(0);
  });

  it('opens services and files of small groups and leaves those of large groups collapsed', () => {
    const e = result.endpoints.find((x) => x.callers.length)!;
    const many = Array.from({ length: 250 }, (_, i) => ({ ...e, id: `${e.id}#${i}`, path: `${e.path}/x${i}`, line: e.line + i }));
    const big = { ...result, endpoints: [...result.endpoints, ...many] };
    const index = indexGapTree([{ key: 'ws', name: 'ws', result: big }], false);
    const matched = gapLevel(index, 'group:matched').nodes;
    expect(matched.every((n) => n.collapsible === 'collapsed')).toBe(true);
    const missing = gapLevel(index, 'group:missing').nodes;
    expect(missing.every((n) => n.collapsible === 'expanded')).toBe(true);
  });

  it('builds one tree per snapshot and filter', () => {
    const cache = new GapTreeCache();
    const a = cache.get(folders, false, {});
    expect(cache.get([{ ...folders[0]! }], false, {})).toBe(a);
    expect(cache.get(folders, false, { text: 'x' })).not.toBe(a);
    expect(cache.get([{ key: 'ws', name: 'ws', result: { ...result } }], false, {})).not.toBe(a);
  });
});
