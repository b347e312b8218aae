/**
 * The query layer (src/core/query) over examples/fullstack: hovers, navigation, lenses, diagnostics and
 * the Gap Explorer tree, asserted against what the example's source says.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { definitionAt, diagnosticsByFile, gapTree, TREE_GROUPS, hoverAt, lensesFor, referencesAt, routeSymbols, type AnalysisResult, type TreeNode } from '../../src/core';
import { analyzeFixture } from '../golden';

const EXAMPLE = resolve(__dirname, '../../examples/fullstack');
const API = 'frontend/src/lib/api.ts';
const USERS = 'backend/app/api/routes/users.py';
const ITEMS = 'backend/app/api/routes/items.py';
const AVATAR = 'frontend/src/components/UserAvatar.tsx';
const EDIT = 'frontend/src/components/EditUserForm.tsx';

/** 1-based line and column of the first occurrence of `needle` in an example file. */
function find(rel: string, needle: string): { line: number; column: number } {
  const lines = readFileSync(join(EXAMPLE, rel), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} is not in ${rel}`);
  return { line: i + 1, column: lines[i]!.indexOf(needle) + 1 };
}
const lineOf = (rel: string, needle: string) => find(rel, needle).line;
const link = (file: string, line: number) => `link:${file}#${line}`;

let result: AnalysisResult;

beforeAll(async () => {
  result = await analyzeFixture(EXAMPLE);
});

describe('hover', () => {
  it('on a matched call: its route, handler, link and how the URL was built', () => {
    const at = find(API, "'/users/'");
    const h = hoverAt(result, API, { line: at.line, column: at.column + 1 }, link)!;
    const route = lineOf(USERS, '@router.get("/",');
    expect(h.markdown.split('\n')).toEqual([
      '**API Parity** · `GET /api/v1/users`',
      '',
      `→ \`GET /api/v1/users\` in service \`backend\` — \`list_users\` [${USERS}:${route}](link:${USERS}#${route})`,
      '',
      'URL as built: `${NEXT_PUBLIC_API_URL}/users/`',
      '',
      'Built through: `apiFetch` → `env NEXT_PUBLIC_API_URL`',
      '',
      'Client: `apiFetch`',
    ]);
    expect(h.span.line).toBe(at.line);
    expect(h.span.column).toBeLessThanOrEqual(at.column);
  });

  it('on a missing call says so; on an unused route, that nobody calls it; elsewhere nothing', () => {
    expect(hoverAt(result, AVATAR, find(AVATAR, 'fetch(`${API}/users'), link)!.markdown).toContain('✗ No route in the workspace serves this path.');
    const del = hoverAt(result, ITEMS, { line: lineOf(ITEMS, '@router.delete'), column: 2 }, link)!;
    expect(del.markdown).toMatch(/^\*\*API Parity\*\* · `DELETE \/api\/v1\/items\/\{item_id\}` \(service `backend`, fastapi\)/);
    expect(del.markdown).toContain('No callers in this workspace.');
    expect(hoverAt(result, API, { line: 1, column: 1 }, link)).toBeNull();
  });

  it('on a called route: its callers, each a link to its file and line, with the client it goes through', () => {
    const route = find(USERS, '@router.get("/",');
    const h = hoverAt(result, USERS, { line: route.line, column: 2 }, link)!;
    const call = lineOf(API, "'/users/'");
    expect(h.markdown).toContain('1 caller:');
    expect(h.markdown.split('\n')).toContain(`- [${API}:${call}](link:${API}#${call}) via \`apiFetch\``);
  });
});

describe('navigation', () => {
  it('goes from a call to its handler', () => {
    const at = find(API, '`/users/${id}`)');
    const d = definitionAt(result, API, at)!;
    expect(d.origin.line).toBe(at.line);
    expect(d.targets).toEqual([expect.objectContaining({ file: USERS, line: lineOf(USERS, '@router.get("/{user_id}"'), column: 1 })]);
    expect(definitionAt(result, AVATAR, find(AVATAR, 'fetch(`${API}/users'))).toBeNull();
  });

  it('lists a route’s callers, and a call’s fellow callers', () => {
    const refs = referencesAt(result, USERS, { line: lineOf(USERS, '@router.get("/{user_id}"'), column: 2 });
    expect(refs).toEqual([expect.objectContaining({ file: API, line: lineOf(API, 'apiFetch<User>(`/users/${id}`)') })]);
    expect(referencesAt(result, ITEMS, { line: lineOf(ITEMS, '@router.delete'), column: 2 })).toEqual([]);
    expect(referencesAt(result, API, find(API, "'/users/'"))).toEqual([expect.objectContaining({ file: API, line: lineOf(API, "'/users/'") })]);
    expect(referencesAt(result, USERS, { line: 1, column: 1 })).toBeNull();
  });
});

describe('lenses', () => {
  const titles = (file: string) => lensesFor(result, file).map((l) => [l.span.line, l.title, l.action.kind]);

  it('over routes: callers, or none', () => {
    expect(titles(USERS)).toEqual([
      [lineOf(USERS, '@router.get("/",'), '1 caller', 'peek-callers'],
      [lineOf(USERS, '@router.get("/{user_id}"'), '1 caller', 'peek-callers'],
      [lineOf(USERS, '@router.patch'), '1 caller', 'peek-callers'],
      [lineOf(USERS, '@router.get("/{user_id}/items"'), '1 caller', 'peek-callers'],
    ]);
    expect(lensesFor(result, USERS)[0]!.action.targets).toEqual([expect.objectContaining({ file: API, line: lineOf(API, "'/users/'") })]);
    expect(titles(ITEMS)).toContainEqual([lineOf(ITEMS, '@router.delete'), 'no callers in this workspace', 'none']);
  });

  it('over calls: the route they go to, or why none', () => {
    const route = lineOf(USERS, '@router.get("/",');
    const listUsers = lensesFor(result, API).find((l) => l.span.line === lineOf(API, "'/users/'"))!;
    expect(listUsers.title).toBe(`→ GET /api/v1/users · ${USERS}:${route}`);
    expect(listUsers.action).toEqual({ kind: 'reveal', targets: [expect.objectContaining({ file: USERS, line: route, column: 1 })] });
    expect(titles(AVATAR)).toEqual([[lineOf(AVATAR, '/avatar'), 'no matching route', 'none']]);
    expect(titles(EDIT).map((t) => t[1])).toEqual(['no PUT route for /api/v1/users/{}']);
    expect(titles('frontend/src/components/RepoStars.tsx').map((t) => t[1])).toEqual(['external · https://api.github.com']);
  });
});

describe('diagnostics', () => {
  it('files each gap with its severity, tags and related locations', () => {
    const byFile = diagnosticsByFile(result, [], { unusedEndpoints: true });
    expect([...byFile.keys()].sort()).toEqual([EDIT, AVATAR, ITEMS].sort());
    const [unused] = byFile.get(ITEMS)!;
    expect(unused).toMatchObject({ code: 'unused-endpoint', severity: 'hint', tags: ['unnecessary'], related: [], gap: { kind: 'unused-endpoint' } });
    expect(unused!.span.line).toBe(lineOf(ITEMS, '@router.delete'));
    const [missing] = byFile.get(AVATAR)!;
    expect(missing).toMatchObject({ code: 'missing-endpoint', severity: 'warning', tags: [] });
    expect(missing!.related.map((r) => r.location.file)).toContain(USERS);
  });

  it('drops unused routes when the setting is off and puts config problems on the config file', () => {
    const byFile = diagnosticsByFile(result, [{ message: 'sevrity: unknown key', line: 3, column: 3 }], { unusedEndpoints: false });
    expect(byFile.has(ITEMS)).toBe(false);
    expect(byFile.get('api-parity.config.json')).toEqual([
      { span: { line: 3, column: 3, endLine: 3, endColumn: 4 }, severity: 'error', code: 'config', message: 'sevrity: unknown key (API Parity uses its defaults until this is fixed)', tags: [], related: [] },
    ]);
  });
});

describe('gap tree', () => {
  const rows = (nodes: readonly TreeNode[]) => nodes.map((n) => `${n.label} ${n.description ?? ''}`.trim());

  it('has the groups, counts and order the editor test expects', async () => {
    // @ts-expect-error plain ESM helper without types
    const expected = (await import('../e2e/expected.mjs')) as { GROUPS: Array<{ id: string; label: string; always: boolean }>; groupsOf(r: AnalysisResult): string[] };
    expect(TREE_GROUPS.map((g) => [g.id, g.label, g.always])).toEqual(expected.GROUPS.map((g) => [g.id, g.label, g.always]));
    const tree = gapTree([{ key: 'folder-key', name: 'fullstack', result }], false);
    expect(tree.state).toBe('ready');
    expect(rows(tree.roots)).toEqual(['Missing 1', 'Method mismatch 1', 'Unused 1', 'Matched 10', 'External 1']);
    expect(rows(tree.roots)).toEqual(expected.groupsOf(result));
    expect(tree.roots.map((g) => g.collapsible)).toEqual(['expanded', 'expanded', 'expanded', 'collapsed', 'expanded']);
  });

  it('groups by service and file down to leaves that reveal their source', () => {
    const [missing, , unused, matched] = gapTree([{ key: 'folder-key', name: 'fullstack', result }], false).roots;
    expect(rows(missing!.children)).toEqual(['frontend 1']);
    const file = missing!.children[0]!.children[0]!;
    expect([file.label, file.description, file.resource]).toEqual(['UserAvatar.tsx', 'frontend/src/components · 1', { folder: 'folder-key', file: AVATAR }]);
    const leaf = file.children[0]!;
    expect(leaf).toMatchObject({ kind: 'leaf', label: 'GET /api/v1/users/{}/avatar', contextValue: 'call-missing', icon: 'method:get', location: { folder: 'folder-key', file: AVATAR, line: lineOf(AVATAR, '/avatar') } });
    const del = unused!.children[0]!.children[0]!.children[0]!;
    expect(del).toMatchObject({ label: 'DELETE /api/v1/items/{item_id}', description: 'delete_item', contextValue: 'endpoint-unused', ignore: { method: 'DELETE', path: '/api/v1/items/{item_id}', kind: 'endpoint' } });
    expect(rows(matched!.children)).toEqual(['backend 10']);
    expect(rows(matched!.children[0]!.children)).toEqual(['auth.py backend/app/api/routes · 2', 'health.py backend/app/api/routes · 1', 'items.py backend/app/api/routes · 3', 'users.py backend/app/api/routes · 4']);
    expect(matched!.children[0]!.children[3]!.children.map((l) => l.location!.line)).toEqual(['@router.get("/",', '@router.get("/{user_id}"', '@router.patch', '@router.get("/{user_id}/items"'].map((d) => lineOf(USERS, d)));
  });

  it('says why it is empty, and names folders when there are several', () => {
    expect(gapTree([], true)).toEqual({ state: 'indexing', roots: [] });
    expect(gapTree([{ key: 'k', name: 'n', result: null }], false)).toEqual({ state: 'empty', roots: [] });
    const two = gapTree([{ key: 'a', name: 'one', result }, { key: 'b', name: 'two', result }], false);
    expect(rows(two.roots[0]!.children)).toEqual(['one › frontend 1', 'two › frontend 1']);
    expect(rows(two.roots).slice(0, 4)).toEqual(['Missing 2', 'Method mismatch 2', 'Unused 2', 'Matched 20']);
  });

  it('puts blind spots on top, so an empty list below is never taken for a clean report', () => {
    const blind: AnalysisResult = {
      ...result,
      notes: [
        ...result.notes,
        { level: 'warning', code: 'framework-not-indexed', message: 'Django backend in api is not indexed yet: API Parity does not read Django routes, so calls that may target it are not reported missing' },
        { level: 'info', message: 'an observation' },
        { level: 'warning', code: 'low-recognition', message: "service `api` (api): only 10 of 678 routes have a recognised caller, so the frontend's call style is probably not understood; its unused-endpoint findings are withheld." },
      ],
    };
    const [top, next] = gapTree([{ key: 'k', name: 'n', result: blind }], false).roots;
    expect(rows([top!])).toEqual(['Blind spots 2']);
    // A colon after a clause ends the row's sentence; after a bare subject it does not (the row said only "service `api` (api):").
    expect(top!.children.map((c) => c.label)).toEqual(['Django backend in api is not indexed yet:', 'service `api` (api): only 10 of 678 routes have a recognised caller, so the frontend\'s ca…']);
    expect(top!.children[0]!.tooltip?.value).toContain('are not reported missing');
    expect(next!.label).toBe('Missing');
    expect(gapTree([{ key: 'k', name: 'n', result }], false).roots[0]!.label).toBe('Missing');
  });
});

describe('routes as workspace symbols', () => {
  it('finds routes by method and path words, best matches first, with their handler and location', () => {
    const found = routeSymbols(result, 'GET users');
    expect(found[0]).toEqual({ name: 'GET /api/v1/users', detail: 'list_users · backend', location: expect.objectContaining({ file: USERS, line: lineOf(USERS, '@router.get("/",') }) });
    expect(found.every((s) => s.name.startsWith('GET ') && s.name.includes('users'))).toBe(true);
    expect(routeSymbols(result, 'delete item').map((s) => s.name)).toEqual(['DELETE /api/v1/items/{item_id}']);
    expect(routeSymbols(result, 'nothing-like-this')).toEqual([]);
  });
});

describe('lenses count test callers apart', () => {
  it('a route called only from a test says so, and its lens peeks at the test', async () => {
    const { mkdtempSync, cpSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'api-parity-lens-tests-'));
    try {
      cpSync(EXAMPLE, root, { recursive: true });
      writeFileSync(join(root, 'frontend/src/lib/items.test.ts'), "export const t = () => fetch('http://localhost:8000/api/v1/items/3', { method: 'DELETE' });\n");
      const r = await analyzeFixture(root);
      const lens = lensesFor(r, ITEMS).find((l) => l.span.line === lineOf(ITEMS, '@router.delete'))!;
      expect(lens.title).toBe('no callers in this workspace · 1 test');
      expect(lens.action).toMatchObject({ kind: 'peek-callers', targets: [expect.objectContaining({ file: 'frontend/src/lib/items.test.ts' })] });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('gap tree: kinds without a group of their own', () => {
  it('lists docs drift and event mismatches in groups named by the kind, at the gap', async () => {
    const docs = await analyzeFixture(resolve(__dirname, '../fixtures/_workspaces/docs-openapi-drift'));
    const events = await analyzeFixture(resolve(__dirname, '../fixtures/ws-messages/basic'));
    const tree = gapTree([{ key: 'a', name: 'docs', result: docs }, { key: 'b', name: 'events', result: events }], false);
    const labels = tree.roots.map((g) => `${g.label} ${g.description ?? ''}`.trim());
    expect(labels.some((l) => l.startsWith('Documented, not implemented'))).toBe(true);
    expect(labels.some((l) => l.startsWith('Undocumented endpoints'))).toBe(true);
    const ev = tree.roots.find((g) => g.id === 'group:event-mismatch')!;
    const leaves = ev.children.flatMap((s) => s.children.flatMap((f) => f.children));
    expect(leaves.map((l) => l.label).sort()).toEqual(['jobStatus', 'ping', 'status', 'unsubscribe']);
    expect(leaves.every((l) => l.location && l.contextValue === 'gap-event-mismatch')).toBe(true);
  });

  it('names a gap without a path by what its message names first, not by its file', () => {
    const gap = { kind: 'unused-client-method', severity: 'info', method: 'GET', path: null, file: 'web/services/app_config.service.ts', line: 20, column: 9, endLine: 20, endColumn: 18, message: '`AppConfigService.envConfig` requests an unresolved URL but is never called in this workspace; its request does not count as a caller.', related: [], subject: 'web/services/app_config.service.ts:21:12' } as unknown as AnalysisResult['gaps'][number];
    const tree = gapTree([{ key: 'k', name: 'n', result: { ...result, gaps: [...result.gaps, gap] } }], false);
    const group = tree.roots.find((g) => g.id === 'group:unused-client-method')!;
    const leaves = group.children.flatMap((s) => s.children.flatMap((f) => f.children));
    expect(leaves.map((l) => [l.label, l.description])).toEqual([['AppConfigService.envConfig', 'web/services/app_config.service.ts:20']]);
  });
});
