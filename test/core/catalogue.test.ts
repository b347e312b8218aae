/**
 * The endpoint catalogue (one level at a time, filtered), "Go to Route" from URL strings, and the pieces of
 * multi-root analysis (the union file system, the combined config), over examples/fullstack.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogueChildren, DEFAULT_CONFIG, gapTree, endpointStatuses, parseConfig, readUrlString, routesForUrl, systemConfig, unionFileSystem, type AnalysisResult, type FileSystem } from '../../src/core';
import { analyzeFixture } from '../golden';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
let result: AnalysisResult;

beforeAll(async () => {
  result = await analyzeFixture(EXAMPLE);
});

const labels = (nodes: ReadonlyArray<{ label: string; description?: string }>) => nodes.map((n) => `${n.label} | ${n.description}`);

describe('endpoint catalogue', () => {
  it('lists services, then files, then endpoints with caller counts, one level per request', () => {
    const top = catalogueChildren(result, 'ws', {}, null);
    expect(top.total).toBe(11);
    expect(labels(top.nodes)).toEqual(['backend | 11 · 10 used']);
    expect(top.nodes[0]!.children).toEqual([]);
    const files = catalogueChildren(result, 'ws', {}, top.nodes[0]!.id);
    expect(files.nodes.map((n) => n.label)).toEqual(['auth.py', 'health.py', 'items.py', 'users.py']);
    const items = catalogueChildren(result, 'ws', {}, files.nodes[2]!.id);
    expect(labels(items.nodes)).toEqual(['GET /api/v1/items | 1 caller · list_items', 'POST /api/v1/items | 1 caller · create_item', 'GET /api/v1/items/{item_id} | 1 caller · read_item', 'DELETE /api/v1/items/{item_id} | no callers · delete_item']);
    expect(items.nodes[3]!.location).toMatchObject({ folder: 'ws', file: 'backend/app/api/routes/items.py', line: 29 });
    expect(items.nodes[0]!.tooltip!.value).toContain('Callers:');
  });

  it('filters by text, method, status and file, and says how many of all are shown', () => {
    const byText = catalogueChildren(result, 'ws', { text: 'items DELETE' }, null);
    expect([byText.shown, byText.total]).toEqual([1, 11]);
    expect(catalogueChildren(result, 'ws', { methods: ['PATCH'] }, null).shown).toBe(1);
    const unused = result.endpoints.filter((e) => endpointStatuses(e).includes('unused'));
    expect(unused.map((e) => `${e.method} ${e.path}`)).toEqual(['DELETE /api/v1/items/{item_id}']);
    expect(catalogueChildren(result, 'ws', { statuses: ['unused'] }, null).shown).toBe(1);
    expect(catalogueChildren(result, 'ws', { file: 'backend/app/api/routes/users.py' }, null).shown).toBe(result.endpoints.filter((e) => e.file.endsWith('users.py')).length);
    expect(catalogueChildren(result, 'ws', { files: [] }, null).nodes).toEqual([]);
  });
});

describe('the Gap Explorer’s "Unused" group', () => {
  it('lists only routes the rule reported; a withheld finding (a blind spot) is "Not checked", never "Unused"', () => {
    const groups = (r: AnalysisResult) => gapTree([{ key: 'ws', name: 'ws', result: r }], false).roots.map((n) => `${n.label} ${n.description}`);
    expect(groups(result)).toContain('Unused 1');
    expect(groups(result)).not.toContain('Not checked 1');
    const withheld = { ...result, gaps: result.gaps.filter((g) => g.kind !== 'unused-endpoint') };
    expect(groups(withheld)).toEqual(expect.arrayContaining(['Unused 0', 'Not checked 1']));
  });
});

describe('go to route from a URL string', () => {
  it('reads methods, origins, queries, template expressions and :params', () => {
    expect(readUrlString('GET http://localhost:8000/api/v1/users/42?x=1')).toEqual({ method: 'GET', path: '/api/v1/users/42' });
    expect(readUrlString('`${API}/users/${id}/items`')).toEqual({ method: null, path: '/users/{p}/items' });
    expect(readUrlString('/api/v1/items/:id')).toEqual({ method: null, path: '/api/v1/items/{id}' });
    expect(readUrlString('hello world')).toEqual({ method: null, path: null });
  });

  it('finds whole paths first, then routes ending with a relative one; the method ranks', () => {
    const names = (text: string) => routesForUrl(result, text).map((e) => `${e.method} ${e.path}`);
    expect(names('DELETE /api/v1/items/7')).toEqual(['DELETE /api/v1/items/{item_id}', 'GET /api/v1/items/{item_id}']);
    expect(names('`${API}/users/${id}/items`')).toEqual(['GET /api/v1/users/{user_id}/items']);
    expect(names('/nowhere/at/all')).toEqual([]);
  });
});

describe('multi-root pieces', () => {
  const memFs = (files: Record<string, string>): FileSystem => ({
    list: () => Promise.resolve(Object.keys(files).sort()),
    stat: (p) => Promise.resolve(p in files ? { size: files[p]!.length, mtimeMs: 0 } : null),
    read: (p) => (p in files ? Promise.resolve(new TextEncoder().encode(files[p])) : Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }))),
  });

  it('the union of folders lists and reads only the members’ files, under their places', async () => {
    const fs = unionFileSystem([
      { at: 'apps/web', fs: memFs({ 'src/a.ts': 'a', 'legacy/x.ts': 'x' }) },
      { at: 'apps/api', fs: memFs({ 'main.py': 'p' }) },
    ]);
    expect(await fs.list({ include: ['**/*'], exclude: ['apps/web/legacy/**'], respectGitignore: true })).toEqual(['apps/api/main.py', 'apps/web/src/a.ts']);
    expect(new TextDecoder().decode(await fs.read('apps/api/main.py'))).toBe('p');
    expect(await fs.stat('secrets.txt')).toBeNull();
    await expect(fs.read('apps/other/x')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('each folder’s config keeps its meaning for its own files', () => {
    const web = parseConfig('{ "exclude": ["legacy/**"], "services": [{ "name": "web", "root": "." }], "ignore": [{ "path": "/health", "reason": "probe" }], "baseline": "b.json" }', 'c.json');
    const { config, file } = systemConfig([
      { at: 'api', config: DEFAULT_CONFIG, file: null },
      { at: 'web', config: web, file: 'api-parity.config.json' },
    ]);
    expect(file).toBe('web/api-parity.config.json');
    expect(config.include).toEqual(['api/**/*', 'web/**/*']);
    expect(config.exclude).toEqual(['web/legacy/**']);
    expect(config.services).toEqual([{ name: 'web', root: 'web' }]);
    expect(config.ignore.map((r) => r.path)).toEqual(['/health']);
    expect(config.baseline).toBe('web/b.json');
  });
});

describe('the catalogue’s tag level', () => {
  it('puts a tag level under files whose endpoints the framework tags differently, lists an endpoint under each of its tags, and none elsewhere', async () => {
    const tagged = await analyzeFixture(resolve(__dirname, '../fixtures/fastapi/tags'));
    const top = catalogueChildren(tagged, 'ws', {}, null);
    const files = catalogueChildren(tagged, 'ws', {}, top.nodes[0]!.id);
    expect(files.nodes.map((n) => n.label)).toEqual(['main.py', 'admin.py', 'plain.py', 'reports.py', 'users.py']);
    const users = catalogueChildren(tagged, 'ws', {}, files.nodes[4]!.id);
    expect(labels(users.nodes)).toEqual(['Accounts | 4 · 0 used', 'Env | 1 · 0 used', 'Listing | 1 · 0 used', 'Self | 1 · 0 used', 'Users | 4 · 0 used']);
    expect(users.nodes.every((n) => n.icon === 'tag' && n.children.length === 0)).toBe(true);
    const listing = catalogueChildren(tagged, 'ws', {}, users.nodes[2]!.id);
    expect(labels(listing.nodes)).toEqual(['GET /users | no callers · list_users']);
    // No tag anywhere in the file, or the same tags on all of its endpoints (said on the file's row): endpoints directly under it.
    expect(labels(catalogueChildren(tagged, 'ws', {}, files.nodes[2]!.id).nodes)).toEqual(['GET /plain/items | no callers · items']);
    expect(labels([files.nodes[2]!, files.nodes[3]!])).toEqual(['plain.py | api/routes · 1', 'reports.py | api/routes · 1 · Admin, Reports, Internal']);
    expect(labels(catalogueChildren(tagged, 'ws', {}, files.nodes[3]!.id).nodes)).toEqual(['GET /admin/reports/{report_id} | no callers · get_report']);
    // Text filters read tags too.
    expect(catalogueChildren(tagged, 'ws', { text: 'internal' }, null).shown).toBe(1);
  });

  it('lists endpoints without a tag under "untagged", last, where other endpoints of the file have one', () => {
    const eps = result.endpoints.filter((e) => e.file.endsWith('items.py'));
    // items.py tags all its routes `items`: keep that on the first one only.
    const mixed = { ...result, endpoints: result.endpoints.map((e) => (eps.includes(e) && e !== eps[0] ? { ...e, tags: [] } : e)) };
    const file = catalogueChildren(mixed, 'ws', {}, catalogueChildren(mixed, 'ws', {}, catalogueChildren(mixed, 'ws', {}, null).nodes[0]!.id).nodes[2]!.id);
    expect(labels(file.nodes)).toEqual(['items | 1 · 1 used', `untagged | ${eps.length - 1} · ${eps.slice(1).filter((e) => e.callers.length).length} used`]);
    expect(catalogueChildren(mixed, 'ws', {}, file.nodes[1]!.id).nodes).toHaveLength(eps.length - 1);
  });
});
