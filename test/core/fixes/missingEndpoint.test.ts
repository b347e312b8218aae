/** Missing-endpoint fixes: change the URL to the closest route, create the route in the backend. */
import { describe, expect, it } from 'vitest';
import { analyse, applyAndCheck, fixesFor, type Files } from './harness';
import { rewriteUrlLiteral } from '../../../src/core/fixes/urlLiteral';

const FASTAPI: Files = {
  'api/requirements.txt': 'fastapi\n',
  'api/main.py': 'from fastapi import FastAPI\nfrom .users import router as users\n\napp = FastAPI()\napp.include_router(users, prefix="/api")\n\n@app.get("/health")\ndef health(): ...\n',
  'api/users.py': 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/users")\n\n\n@router.get("/{user_id}")\nasync def get_user(user_id: int): ...\n\n\n@router.get("")\ndef list_users(): ...\n',
  'web/package.json': '{"name":"web"}',
};

const missing = (file: string) => (g: { kind: string; file: string }) => g.kind === 'missing-endpoint' && g.file === file;

describe('change the URL to the closest route', () => {
  it('fixes a typo in a template literal, keeping the call\'s own expression', async () => {
    const files = { ...FASTAPI, 'web/a.ts': 'export const a = (id: string) => fetch(`http://localhost:8000/api/user/${id}?full=1`);\nexport const b = () => fetch(`http://localhost:8000/api/users`);\n' };
    const { plans, result, gap } = await fixesFor(files, missing('web/a.ts'));
    const change = plans.find((p) => p.kind === 'change-url')!;
    expect(change.title).toBe('Change the URL to /api/users/{user_id}');
    const { files: after } = await applyAndCheck(files, change, result, gap);
    expect(after['web/a.ts']).toContain('fetch(`http://localhost:8000/api/users/${id}?full=1`)');
  });

  it('adds a missing prefix after a base constant, in a string literal', async () => {
    const files = { ...FASTAPI, 'web/a.ts': "const API = 'http://localhost:8000';\nexport const a = () => fetch(API + '/users');\nexport const b = (id: number) => fetch(`${API}/users/${id}`);\nexport const c = () => fetch(`${API}/api/health`);\n" };
    const { plans, result, gap } = await fixesFor(files, (g) => g.kind === 'missing-endpoint' && g.line === 3);
    const change = plans.find((p) => p.kind === 'change-url')!;
    expect(change.title).toBe('Change the URL to /api/users/{user_id}');
    const { files: after } = await applyAndCheck(files, change, result, gap);
    expect(after['web/a.ts']).toContain('fetch(`${API}/api/users/${id}`)');
    // A concatenation is not one literal: no URL change is offered for it.
    const concat = await fixesFor(files, (g) => g.kind === 'missing-endpoint' && g.line === 2);
    expect(concat.plans.filter((p) => p.kind === 'change-url')).toEqual([]);
  });

  it('drops an extra prefix after a known base, and re-analysis matches the call', async () => {
    const files = { ...FASTAPI, 'web/a.ts': "const API = 'http://localhost:8000';\nexport const c = () => fetch(`${API}/api/health?deep=1`);\nexport const b = () => fetch(`${API}/api/users`);\n" };
    const { plans, result, gap } = await fixesFor(files, (g) => g.kind === 'missing-endpoint' && g.line === 2);
    const change = plans.find((p) => p.kind === 'change-url')!;
    expect(change.title).toBe('Change the URL to /health');
    const { files: after, result: again } = await applyAndCheck(files, change, result, gap);
    expect(after['web/a.ts']).toContain('fetch(`${API}/health?deep=1`)');
    expect(again.calls.find((c) => c.file === 'web/a.ts' && c.line === 2)?.status).toBe('matched');
  });

  it('offers no route of another method', async () => {
    const files = { ...FASTAPI, 'web/a.ts': "export const a = () => fetch('http://localhost:8000/api/user/1', { method: 'DELETE' });\nexport const c = () => fetch('http://localhost:8000/api/health');\n" };
    const { plans } = await fixesFor(files, missing('web/a.ts'));
    expect(plans.filter((p) => p.kind === 'change-url')).toEqual([]);
  });
});

describe('create the route in the backend (FastAPI)', () => {
  it('writes a decorated stub on the router whose prefix covers the path, with the import it needs', async () => {
    const files = { ...FASTAPI, 'web/a.ts': 'export const a = (userId: string) => fetch(`http://localhost:8000/api/users/${userId}/avatar`, { method: "POST" });\nexport const c = () => fetch(`http://localhost:8000/api/health`);\n' };
    const { plans, result, gap } = await fixesFor(files, missing('web/a.ts'));
    const create = plans.find((p) => p.kind === 'create-route')!;
    expect(create.title).toBe('Create the route POST /api/users/{user_id}/avatar in api/users.py');
    const { files: after, result: again } = await applyAndCheck(files, create, result, gap, (g) => g.kind === 'unused-endpoint');
    expect(after['api/users.py']).toContain('@router.post("/{user_id}/avatar")\nasync def post_by_user_id_avatar(user_id: str):\n    raise HTTPException(status_code=501, detail="Not implemented")');
    expect(after['api/users.py']).toMatch(/^from fastapi import APIRouter\nfrom fastapi import HTTPException\n/);
    expect(again.endpoints.find((e) => e.method === 'POST' && e.path === '/api/users/{user_id}/avatar')?.file).toBe('api/users.py');
  });
});

describe('what is not a close URL', () => {
  it('refuses catch-alls, distant names, middle segments, and prefixes behind an env base', async () => {
    expect(rewriteUrlLiteral('`/api/faqs/${id}`', '/api/faqs/{}', '/api/auth/{...nextauth}')).toEqual({ reason: 'the route is a catch-all' });
    expect('reason' in rewriteUrlLiteral("'/api/jobs/send-view-invitation'", '/api/jobs/send-view-invitation', '/api/jobs/send-notification')).toBe(true);
    expect('reason' in rewriteUrlLiteral('`/documents/failed/${id}/view`', '/documents/failed/{}/view', '/documents/{id}/view')).toBe(true);
    expect(rewriteUrlLiteral("'/users/'", '/users', '/api/users')).toEqual({ text: "'/api/users/'" });
    const files = { ...FASTAPI, 'web/a.ts': 'export const a = () => fetch(`${process.env.API_URL}/users`);\nexport const c = () => fetch(`${process.env.API_URL}/api/health`);\n' };
    // `${API_URL}/users` with `/api/users` served: API_URL may hold `/api`, so the call is not even
    // missing (unchecked, with that reason), and no URL change is offered for it.
    const { result } = await analyse(files);
    expect(result.calls.find((c) => c.line === 1)?.status).toBe('unchecked');
    expect(result.gaps.filter((g) => g.file === 'web/a.ts' && g.line === 1)).toEqual([]);
    // `${API_URL}/api/health` with `/health` served: dropping the prefix may be wrong too (API_URL may hold it).
    const { plans, logs } = await fixesFor(files, (g) => g.kind === 'missing-endpoint' && g.line === 2);
    expect(plans.filter((p) => p.kind === 'change-url').map((p) => p.title)).toEqual([]);
    expect(logs.join('\n')).toContain('environment variable');
  });
});
