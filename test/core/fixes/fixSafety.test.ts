/**
 * Security invariants for every planned fix (issue 9): values from the workspace (route paths, call
 * paths) are escaped for the code they are pasted into, paths that would leave their folder are refused,
 * and a plan never creates a file that exists.
 */
import { parse } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { applyPlan, fixesFor, type Files } from './harness';
import { rewriteUrlLiteral } from '../../../src/core/fixes/urlLiteral';

const INJECT = "x');require('child_process').execSync('id');('";

const EXPRESS: Files = {
  'api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '4' } }),
  'api/users.js': "const express = require('express');\nconst router = express.Router();\nrouter.get('/:id', (req, res) => res.json({}));\nconst app = express();\napp.use('/api/users', router);\napp.listen(3000);\n",
  'web/package.json': '{"name":"web"}',
};

/** The string values of every literal in a JS module. */
function literals(code: string): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const node = n as { type?: string; value?: unknown; quasis?: Array<{ value: { cooked: string } }> };
    if (node.type === 'Literal' && typeof node.value === 'string') out.push(node.value);
    if (node.type === 'TemplateLiteral') out.push(node.quasis!.map((q) => q.value.cooked).join('${}'));
    for (const v of Object.values(n)) if (v && typeof v === 'object') walk(v);
  };
  walk(parse(code));
  return out;
}

describe('fixes escape what they paste', () => {
  it('a route stub for a hostile call path holds exactly that path in one string literal', async () => {
    const files = { ...EXPRESS, 'web/a.js': `export const a = () => fetch("/api/users/1/${INJECT}", { method: "POST" });\nexport const b = () => fetch('/api/users/1');\n` };
    const { plans, logs } = await fixesFor(files, (g) => g.kind === 'missing-endpoint');
    const stub = plans.find((p) => p.kind === 'create-route');
    expect(stub, logs.join('\n')).toBeDefined();
    const after = applyPlan(files, stub!);
    const lits = literals(after['api/users.js']!);
    expect(lits).toContain(`/1/${INJECT}`);
    expect(JSON.stringify(parse(after['api/users.js']!))).not.toMatch(/"name":"execSync"/);
  });

  it('a URL change to a route whose path holds quotes keeps them inside the literal', () => {
    for (const [src, expected] of [
      ["'/api/usr/1'", "/api/us'r/1"],
      ['"/api/usr/1"', "/api/us'r/1"],
      ['`/api/usr/${id}`', "/api/us'r/${}"],
    ] as const) {
      const out = rewriteUrlLiteral(src, src.includes('$') ? '/api/usr/{}' : '/api/usr/1', "/api/us'r/{id}");
      expect('text' in out, src).toBe(true);
      const code = `const id = 1; export const u = ${(out as { text: string }).text};`;
      expect(literals(code)).toContain(expected);
    }
  });

  it('refuses paths that would leave their folder or are not URL paths', async () => {
    for (const bad of ['..', '%2e%2e', 'a b', 'a`b', 'a"b']) {
      const files = { ...EXPRESS, 'web/a.js': `export const a = () => fetch(${JSON.stringify(`/api/users/x/${bad}/y`)}, { method: 'POST' });\nexport const b = () => fetch('/api/users/1');\n` };
      const { result } = await fixesFor(files, () => true).catch(() => ({ result: null }));
      if (!result) continue;
      const gap = result.gaps.find((g) => g.kind === 'missing-endpoint');
      if (!gap) continue;
      const { plans } = await fixesFor(files, (g) => g === gap || (g.kind === 'missing-endpoint' && g.subject === gap.subject));
      expect(plans.filter((p) => p.kind === 'create-route').map((p) => p.title), `${bad} ${gap.path}`).toEqual([]);
    }
  });

  it('a Next.js stub never creates a file that exists: it appends the export instead', async () => {
    const files: Files = {
      'api/package.json': JSON.stringify({ name: 'api', dependencies: { next: '15' } }),
      'api/app/api/users/[id]/route.ts': 'export async function GET() {\n  return Response.json({});\n}\n',
      'web/package.json': '{"name":"web"}',
      'web/a.ts': "export const a = (id: string) => fetch(`/api/users/${id}`, { method: 'DELETE' });\n",
    };
    const { plans } = await fixesFor(files, (g) => g.kind === 'method-mismatch');
    const add = plans.find((p) => p.kind === 'add-method')!;
    expect(add.edits.map((e) => e.t)).toEqual(['insert']);
    expect(applyPlan(files, add)['api/app/api/users/[id]/route.ts']).toMatch(/export async function GET\(\) \{[\s\S]*export async function DELETE\(\) \{/);
  });
});
