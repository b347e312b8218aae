/**
 * Each endpoint's three-way status (code, docs, frontend use) in hovers, the Endpoints catalogue and the
 * markdown report, over the docs fixtures: a service with an endpoint list (docs-endpoint-lists) and one
 * whose spec is generated from utoipa annotations (docs-utoipa-spec).
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogueChildren, hoverAt, renderMarkdown, type AnalysisResult } from '../../src/core';
import { analyzeFixture } from '../golden';

const WS = resolve(__dirname, '../fixtures/_workspaces');
let lists: AnalysisResult;
let utoipa: AnalysisResult;

beforeAll(async () => {
  [lists, utoipa] = await Promise.all([analyzeFixture(resolve(WS, 'docs-endpoint-lists')), analyzeFixture(resolve(WS, 'docs-utoipa-spec'))]);
});

const link = (f: string, l: number) => `${f}#${l}`;
const hoverOf = (r: AnalysisResult, method: string, path: string) => {
  const e = r.endpoints.find((x) => x.method === method && x.path === path)!;
  return hoverAt(r, e.file, { line: e.line, column: e.column }, link)!.markdown;
};

describe('three-way status', () => {
  it('hovers say code, docs and use of each route', () => {
    expect(hoverOf(lists, 'POST', '/api/auth/refresh')).toContain('code ✔ · docs ✗ · not used');
    expect(hoverOf(lists, 'GET', '/api/jobs/{job_id}')).toContain('code ✔ · docs ✔ · not used');
    // The web app's own proxy route: no document describes its service.
    const web = lists.endpoints.find((e) => e.service === 'web')!;
    expect(hoverAt(lists, web.file, { line: web.line, column: web.column }, link)!.markdown).toContain('code ✔ · docs – · not used');
  });

  it('reads the handler annotation as a document, and says when it disagrees', () => {
    expect(hoverOf(utoipa, 'GET', '/api/items')).toContain('docs ✔');
    expect(hoverOf(utoipa, 'DELETE', '/api/items/{item_id}')).toContain('docs ✗ (annotated, not in the spec)');
    expect(hoverOf(utoipa, 'POST', '/api/items/index')).toContain('docs ✗');
  });

  it('the catalogue shows the docs leg in the row and the whole status in the tooltip', () => {
    const svc = catalogueChildren(lists, 'ws', {}, null).nodes.find((n) => n.label === 'backend')!;
    const file = catalogueChildren(lists, 'ws', {}, svc.id).nodes[0]!;
    const rows = catalogueChildren(lists, 'ws', {}, file.id).nodes;
    const refresh = rows.find((n) => n.label === 'POST /api/auth/refresh')!;
    expect(refresh.description).toBe('no callers · docs ✗ · refresh');
    expect(refresh.tooltip!.value).toContain('code ✔ · docs ✗ · not used');
    const undocumented = catalogueChildren(lists, 'ws', { statuses: ['undocumented'] }, null);
    expect(undocumented.shown).toBe(1);
    expect(lists.endpoints.filter((e) => e.docs?.length === 0).map((e) => `${e.method} ${e.path}`)).toEqual(['POST /api/auth/refresh']);
  });

  it('the markdown report names the annotation in the Docs line', () => {
    const md = renderMarkdown(utoipa, { version: 'test' });
    expect(md).toContain('- **Docs**: ❌ not in `clients/sdk/openapi.json` (❌ utoipa annotation `server/src/handlers.rs:8` says `PUT /api/items/index`)');
    expect(md).toContain('- **Docs**: ✅ `clients/sdk/openapi.json` (utoipa annotation `server/src/handlers.rs:4`)');
  });
});
