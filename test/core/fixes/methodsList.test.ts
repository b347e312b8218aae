/** Method-mismatch fix "add the method to the route" by editing the methods list the route declares. */
import { describe, expect, it } from 'vitest';
import { addToList } from '../../../src/core/fixes/methodsList';
import { applyAndCheck, fixesFor, type Files } from './harness';

const WEB = (url: string, port = 8000) => ({
  'web/package.json': '{"name":"web","dependencies":{"axios":"1"}}',
  'web/calls.ts': `import axios from 'axios';\nexport const save = (id: number) => axios.post(\`http://localhost:${port}${url}\`, {});\nexport const other = () => axios.get('http://localhost:${port}/ping');\nsave(1);\nother();\n`,
});
const mismatch = (g: { kind: string; file: string }) => g.kind === 'method-mismatch' && g.file === 'web/calls.ts';

const CASES: Record<string, { files: Files; file: string; title: string; contains: string }> = {
  flask: {
    files: {
      'api/requirements.txt': 'flask\n',
      'api/app.py': 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/items/<int:item_id>", methods=["GET", "PUT"])\ndef item(item_id):\n    return {}\n\n\n@app.route("/ping")\ndef ping():\n    return "ok"\n',
      ...WEB('/items/${id}', 5000),
    },
    file: 'api/app.py',
    title: 'Add POST to the methods of `item` (api/app.py)',
    contains: '@app.route("/items/<int:item_id>", methods=["GET", "PUT", "POST"])',
  },
  'fastapi api_route': {
    files: {
      'api/requirements.txt': 'fastapi\n',
      'api/main.py': "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.api_route(\n    '/items/{item_id}',\n    methods=['get'],  # read only for now\n)\ndef item(item_id: int): ...\n\n\n@app.get('/ping')\ndef ping(): ...\n",
      ...WEB('/items/${id}'),
    },
    file: 'api/main.py',
    title: 'Add POST to the methods of `item` (api/main.py)',
    contains: "methods=['get', 'post'],  # read only for now",
  },
  'django api_view': {
    files: {
      'api/requirements.txt': 'django\ndjangorestframework\n',
      'api/manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n',
      'api/proj/__init__.py': '',
      'api/proj/settings.py': 'ROOT_URLCONF = "proj.urls"\n',
      'api/proj/urls.py': 'from django.urls import path\nfrom . import views\n\nurlpatterns = [\n    path("items/<int:pk>/", views.item_detail),\n    path("ping/", views.ping),\n]\n',
      'api/proj/views.py': 'from rest_framework.decorators import api_view, permission_classes\nfrom rest_framework.response import Response\n\n\n@api_view(["GET"])\n@permission_classes([])\ndef item_detail(request, pk):\n    return Response({})\n\n\n@api_view(["GET"])\ndef ping(request):\n    return Response("ok")\n',
      ...WEB('/items/${id}/'),
    },
    file: 'api/proj/views.py',
    title: 'Add POST to the methods of `item_detail` (api/proj/views.py)',
    contains: '@api_view(["GET", "POST"])\n@permission_classes([])\ndef item_detail(request, pk):',
  },
};

describe('add the method to the methods list', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      const { plans, result, gap, logs } = await fixesFor(c.files, mismatch);
      const plan = plans.find((p) => p.title === c.title);
      expect(plan, `${plans.map((p) => p.title).join('\n')}\n${logs.join('\n')}`).toBeDefined();
      expect(plan!.kind).toBe('add-method');
      const { files: after, result: again } = await applyAndCheck(c.files, plan!, result, gap);
      expect(after[c.file]).toContain(c.contains);
      expect(again.calls.find((x) => x.file === 'web/calls.ts' && x.method === 'POST')?.status).toBe('matched');
    });
  }

  it('leaves a list that is not all string literals alone, and says why', async () => {
    const files = { ...CASES.flask!.files, 'api/app.py': CASES.flask!.files['api/app.py']!.replace('methods=["GET", "PUT"]', 'methods=ALLOWED').replace('from flask import Flask', 'from flask import Flask\n\nALLOWED = ["GET", "PUT"]') };
    const { plans, logs } = await fixesFor(files, mismatch);
    expect(plans.filter((p) => p.title.startsWith('Add POST to the methods'))).toEqual([]);
    expect(logs.join('\n')).toContain('the methods are not a list literal');
  });

  it('list shapes', () => {
    const at = (src: string) => {
      const e = addToList(src, src.indexOf(src.includes('[') ? '[' : '('), 'POST');
      return 'reason' in e ? e.reason : src.slice(0, e.at) + e.text + src.slice(e.at);
    };
    expect(at('["GET"]')).toBe('["GET", "POST"]');
    expect(at("('get',)")).toBe("('get', 'post',)");
    expect(at('[\n  "GET",  # read\n  "PUT",\n]')).toBe('[\n  "GET",  # read\n  "PUT", "POST",\n]');
    expect(at('[]')).toBe('["POST"]');
    expect(at('["GET", "POST"]')).toBe('the list already holds POST');
    expect(at('[METHOD]')).toBe('the methods list holds something other than string literals');
    expect(at('[m for m in X]')).toBe('the methods list holds something other than string literals');
  });
});
