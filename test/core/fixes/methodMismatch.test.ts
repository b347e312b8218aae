/** Method-mismatch fixes: change the call's method, or add the method to the route. */
import { describe, expect, it } from 'vitest';
import { applyAndCheck, fixesFor, type Files } from './harness';

const API: Files = {
  'api/requirements.txt': 'fastapi\n',
  'api/main.py': 'from fastapi import FastAPI, HTTPException\n\napp = FastAPI()\n\n\n@app.post("/items/{item_id}/archive")\ndef archive(item_id: int): ...\n\n\n@app.get("/items")\ndef items(): ...\n',
  'web/package.json': '{"name":"web","dependencies":{"axios":"1"}}',
};
const mismatch = (line: number) => (g: { kind: string; line: number }) => g.kind === 'method-mismatch' && g.line === line;

describe("change the call's method", () => {
  const web = [
    "import axios from 'axios';",
    "const api = axios.create({ baseURL: 'http://localhost:8000' });",
    'export const a = (id: number) => axios.get(`http://localhost:8000/items/${id}/archive`);',
    "export const b = (id: number) => fetch(`http://localhost:8000/items/${id}/archive`, { method: 'PUT', headers: {} });",
    'export const c = (id: number) => fetch(`http://localhost:8000/items/${id}/archive`);',
    'export const d = (id: number) => api.delete(`/items/${id}/archive`);',
    "export const e = () => fetch('http://localhost:8000/items');",
    '',
  ].join('\n');
  const files = { ...API, 'web/calls.ts': web };
  for (const [line, expected] of [
    [3, 'axios.post(`http://localhost:8000/items/${id}/archive`)'],
    [4, "{ method: 'POST', headers: {} }"],
    [5, "fetch(`http://localhost:8000/items/${id}/archive`, { method: 'POST' })"],
    [6, 'api.post(`/items/${id}/archive`)'],
  ] as const) {
    it(`line ${line}: ${expected}`, async () => {
      const { plans, result, gap } = await fixesFor(files, mismatch(line));
      const change = plans.find((p) => p.kind === 'change-method')!;
      expect(change?.title).toBe("Change the call's method to POST");
      const { files: after, result: again } = await applyAndCheck(files, change, result, gap);
      expect(after['web/calls.ts']).toContain(expected);
      expect(again.calls.find((c) => c.file === 'web/calls.ts' && c.line === line)?.status).toBe('matched');
    });
  }
});

describe('add the method to the route', () => {
  it('writes a stub for the call\'s method next to the route of that path', async () => {
    const files = { ...API, 'web/calls.ts': 'export const a = (id: number) => fetch(`http://localhost:8000/items/${id}/archive`);\nexport const e = () => fetch(\'http://localhost:8000/items\');\n' };
    const { plans, result, gap } = await fixesFor(files, mismatch(1));
    const add = plans.find((p) => p.kind === 'add-method')!;
    expect(add.title).toBe('Add GET /items/{item_id}/archive to api/main.py');
    const { files: after, result: again } = await applyAndCheck(files, add, result, gap);
    // HTTPException was imported already: no second import.
    expect(after['api/main.py']!.match(/HTTPException/g)).toHaveLength(2);
    expect(after['api/main.py']).toContain('@app.get("/items/{item_id}/archive")\ndef get_items_by_item_id_archive(item_id: str):');
    expect(again.calls[0]!.status).toBe('matched');
  });
});
