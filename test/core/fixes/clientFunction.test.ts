/** Unused endpoint: "Add a client function" copied from the client function that calls the nearest sibling route. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newUrl } from '../../../src/core/fixes/clientFunction';
import { analyse, applyPlan, fixesFor, type Files } from './harness';

const API: Files = {
  'api/requirements.txt': 'fastapi\n',
  'api/main.py': [
    'from fastapi import FastAPI',
    '',
    'app = FastAPI()',
    '',
    '',
    '@app.get("/api/workspaces/{slug}/projects/")',
    'def projects(slug: str): ...',
    '',
    '',
    '@app.get("/api/workspaces/{slug}/projects/{project_id}/archive/")',
    'def archived(slug: str, project_id: str): ...',
    '',
    '',
    '@app.post("/api/workspaces/{slug}/projects/{project_id}/archive/")',
    'def archive(slug: str, project_id: str): ...',
    '',
  ].join('\n'),
  'web/package.json': '{"name":"web","dependencies":{"axios":"1"}}',
};
const unused = (g: { kind: string; path: string | null }) => g.kind === 'unused-endpoint' && g.path === '/api/workspaces/{slug}/projects/{project_id}/archive';

/** Writes the plan, checks the copy is the endpoint's only (uncalled) client, then calls it from a page: no gap is left. */
async function applyAndWire(files: Files, title: string, use: string): Promise<Files> {
  const { plans, result, logs } = await fixesFor(files, unused);
  const plan = plans.find((p) => p.kind === 'client-function');
  expect(plan?.title, logs.join('\n')).toBe(title);
  const written = applyPlan(files, plan!);
  const { result: unwired } = await analyse(written);
  const ep = (r: typeof result) => r.endpoints.find((e) => e.method === 'POST')!;
  expect(ep(unwired).uncalledCallers).toHaveLength(1);
  expect(unwired.gaps.filter((g) => !result.gaps.some((o) => o.kind === g.kind && o.subject === g.subject)).map((g) => g.kind)).toEqual(['unused-client-method']);
  const { result: after } = await analyse({ ...written, 'web/page.ts': use });
  expect(ep(after).callers).toHaveLength(1);
  expect(after.gaps.filter((g) => !result.gaps.some((o) => o.kind === g.kind && o.subject === g.subject))).toEqual([]);
  expect(after.gaps.some((g) => g.kind === 'unused-endpoint' && g.subject === ep(after).id)).toBe(false);
  return written;
}

describe('add a client function', () => {
  it('a method on the service class that calls the sibling route (plane style)', async () => {
    const files: Files = {
      ...API,
      'web/services/api.service.ts': "import axios, { type AxiosInstance } from 'axios';\n\nexport abstract class APIService {\n  protected axios: AxiosInstance;\n  constructor(baseURL: string) {\n    this.axios = axios.create({ baseURL });\n  }\n  get(url: string, config = {}) {\n    return this.axios.get(url, config);\n  }\n  post(url: string, data = {}, config = {}) {\n    return this.axios.post(url, data, config);\n  }\n}\n",
      'web/services/project.service.ts': [
        "import { APIService } from './api.service';",
        '',
        'export class ProjectService extends APIService {',
        '  constructor() {',
        "    super('http://localhost:8000');",
        '  }',
        '',
        '  async getArchive(workspaceSlug: string, projectId: string): Promise<IProject[]> {',
        '    return this.get(`/api/workspaces/${workspaceSlug}/projects/${projectId}/archive/`)',
        '      .then((response) => response?.data)',
        '      .catch((error) => {',
        '        throw error?.response?.data;',
        '      });',
        '  }',
        '}',
        '',
        'interface IProject { id: string }',
        '',
      ].join('\n'),
      'web/page.ts': "import { ProjectService } from './services/project.service';\nnew ProjectService().getArchive('w', 'p');\n",
    };
    const after = await applyAndWire(
      files,
      'Add a client function postProjectsArchive() for POST /api/workspaces/{slug}/projects/{project_id}/archive next to `getArchive` (web/services/project.service.ts)',
      "import { ProjectService } from './services/project.service';\nconst s = new ProjectService();\ns.getArchive('w', 'p');\ns.postProjectsArchive('w', 'p', {});\n",
    );
    expect(after['web/services/project.service.ts']).toContain(
      [
        '  async postProjectsArchive(workspaceSlug: string, projectId: string, data: unknown): Promise<unknown> {',
        '    return this.post(`/api/workspaces/${workspaceSlug}/projects/${projectId}/archive/`, data)',
        '      .then((response) => response?.data)',
        '      .catch((error) => {',
        '        throw error?.response?.data;',
        '      });',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('a wrapper function next to the sibling wrapper call (`api.get(...)`), in JavaScript', async () => {
    const files: Files = {
      ...API,
      'web/api.js': "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'http://localhost:8000/api' });\n",
      'web/projects.js': "import { api } from './api';\n\nexport const archived = (slug, id) => api.get(`/workspaces/${slug}/projects/${id}/archive/`).then((r) => r.data);\n",
      'web/page.ts': "import { archived } from './projects';\narchived('w', 'p');\n",
    };
    const after = await applyAndWire(files, 'Add a client function postProjectsArchive() for POST /api/workspaces/{slug}/projects/{project_id}/archive next to `archived` (web/projects.js)', "import { archived, postProjectsArchive } from './projects';\narchived('w', 'p');\npostProjectsArchive('w', 'p', {});\n");
    expect(after['web/projects.js']).toContain('\n\nexport const postProjectsArchive = (slug, id, data) => api.post(`/workspaces/${slug}/projects/${id}/archive/`, data).then((r) => r.data);\n');
  });

  it('is refused when the sibling does more than its request (filters, notifies)', async () => {
    const files: Files = {
      ...API,
      'web/api.ts': "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'http://localhost:8000' });\n",
      'web/projects.ts': "import { api } from './api';\n\nexport async function listProjects(slug: string, id: string, filter: string) {\n  const r = await api.get(`/api/workspaces/${slug}/projects/${id}/archive/`);\n  return r.data.filter((p: { name: string }) => p.name.includes(filter));\n}\n",
      'web/page.ts': "import { listProjects } from './projects';\nlistProjects('w', 'p', '');\n",
    };
    const { plans, logs } = await fixesFor(files, unused);
    expect(plans.filter((p) => p.kind === 'client-function')).toEqual([]);
    expect(logs.join('\n')).toContain('the request is not the whole body of a named client function');
    const action = { ...files, 'web/projects.ts': "import { api } from './api';\n\nexport const actions = [\n  {\n    name: 'Seed',\n    perform: async (slug: string, id: string) => {\n      await api.get(`/api/workspaces/${slug}/projects/${id}/archive/`);\n      notify('done');\n    },\n  },\n];\ndeclare function notify(m: string): void;\n", 'web/page.ts': "import { actions } from './projects';\nvoid actions;\n" };
    const again = await fixesFor(action, unused);
    expect(again.plans.filter((p) => p.kind === 'client-function')).toEqual([]);
  });

  it('is not offered next to a sibling of another resource (the archive is not added to a projects list client)', async () => {
    const files: Files = {
      ...API,
      'web/api.js': "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'http://localhost:8000/api' });\n",
      'web/projects.js': "import { api } from './api';\n\nexport const listProjects = (slug) => api.get(`/workspaces/${slug}/projects/`).then((r) => r.data);\n",
      'web/page.ts': "import { listProjects } from './projects';\nlistProjects('w');\n",
    };
    const { plans, logs } = await fixesFor(files, unused);
    expect(plans.filter((p) => p.kind === 'client-function')).toEqual([]);
    expect(logs.join('\n')).toContain('no call reaches a route of the same resource in its service');
  });

  it('URL shapes', () => {
    const u = (lit: string, from: string, to: string) => {
      const r = newUrl(lit, from, to);
      return 'reason' in r ? r.reason : `${r.text} (${r.params.join(', ')})`;
    };
    expect(u('`${BASE}/items/${id}`', '/api/items/{}', '/api/items/{item_id}/tags')).toBe('`${BASE}/items/${id}/tags` (id)');
    expect(u("'/items'", '/items', '/items/{item_id}')).toBe('`/items/${itemId}` (itemId)');
    expect(u("'/items'", '/items', '/things')).toBe("'/things' ()");
    expect(u('`/a/${x.y}/b`', '/a/{}/b', '/a/{id}/c')).toBe('`/a/${id}/c` (id)');
    expect(u("'/v1/items'", '/api/v1/items', '/other/v1/items')).toBe('the route differs in the part of the path the base URL holds');
  });

  it('a generated client gets a note to regenerate it, and no edit', async () => {
    const dir = join(__dirname, '../../fixtures/openapi-client/basic');
    const files: Files = {};
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name !== 'expected.txt' && e.name !== 'README.md') files[relative(dir, join(d, e.name))] = readFileSync(join(d, e.name), 'utf8');
      }
    };
    walk(dir);
    const { plans } = await fixesFor(files, (g) => g.kind === 'unused-endpoint' && g.path === '/api/v1/items/{id}');
    const note = plans.find((p) => p.kind === 'client-function');
    expect(note?.title).toBe('Regenerate the API client (@hey-api/openapi-ts) to get DELETE /api/v1/items/{id}: frontend/src/client/sdk.gen.ts is generated, so no function is written by hand');
    expect(note!.edits).toEqual([]);
    expect(note!.reveal.file).toBe('frontend/src/client/sdk.gen.ts');
  });
});
