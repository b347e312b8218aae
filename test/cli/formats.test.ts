import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, loadConfig, nodeFileSystem, type AnalysisResult } from '../../src/core';
import { FIXTURES, normalize, runCli, scratch, SHOP } from './helpers';

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<{ id: string; shortDescription: { text: string }; fullDescription: { text: string }; defaultConfiguration: { level: string } }> } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: unknown[] }>;
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
      relatedLocations?: Array<{ message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
}

async function report(format: string): Promise<string> {
  const r = await runCli(['check', '.', '--format', format, '--fail-on', 'never']);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('--format text (no colour: not a TTY)', () => {
  it('matches the golden', async () => {
    const text = await report('text');
    expect(text).not.toContain('\u001b[');
    await expect(normalize(text)).toMatchFileSnapshot('./__goldens__/shop.txt');
  });

  it('prints each gap as file:line:col  severity  message, grouped by kind', async () => {
    const text = await report('text');
    const gapLines = text.split('\n').filter((l) => /^ {2}\S+:\d+:\d+ {2}/.test(l));
    expect(gapLines.map((l) => l.trim().split(/ {2,}/).slice(0, 2))).toEqual([
      ['web/src/api.ts:11:21', 'warning'],
      ['web/src/api.ts:16:21', 'warning'],
      ['app/main.py:6:1', 'hint'],
      ['app/main.py:16:1', 'hint'],
      ['web/src/api.ts:25:23', 'info'],
    ]);
    expect(text.indexOf('Missing endpoints (1)')).toBeLessThan(text.indexOf('Method mismatches (1)'));
    expect(text.indexOf('Method mismatches (1)')).toBeLessThan(text.indexOf('Unused endpoints (2)'));
    expect(text).toMatch(/^Analysed 4 files in \d+\.\d\ds: 2 warnings, 1 info, 2 hints\.$/m);
  });
});

describe('--format json', () => {
  it('is exactly the core AnalysisResult', async () => {
    const text = await report('json');
    const fs = nodeFileSystem(SHOP);
    const { config, file } = await loadConfig(fs);
    const expected = await analyzeWorkspace({ root: SHOP, fs, config, configFile: file });
    expect(text).toBe(JSON.stringify(expected, null, 2) + '\n');
  });

  it('matches the golden', async () => {
    const text = await report('json');
    const result = JSON.parse(text) as AnalysisResult;
    expect(result.schemaVersion).toBe(1);
    expect(result.root).toBe(SHOP);
    await expect(normalize(text)).toMatchFileSnapshot('./__goldens__/shop.json');
  });
});

describe('--format markdown', () => {
  it('matches the golden', async () => {
    await expect(normalize(await report('markdown'))).toMatchFileSnapshot('./__goldens__/shop.md');
  });

  it('follows the endpoint-mapping layout: summary, one section per area, analysis', async () => {
    const md = await report('markdown');
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# API Endpoint Mapping: Backend to Frontend',
      '## Summary',
      '## 1. Health',
      '### GET `/health`',
      '## 2. Orders',
      '### POST `/api/v1/orders`',
      '## 3. Users',
      '### GET `/api/v1/users`',
      '## Analysis',
      '### Unused Endpoints (2)',
      '### Missing Endpoints (1)',
      '### Method Mismatches (1)',
      '### External Calls (1)',
      '### Unresolved Calls (1)',
      '### Unused client methods (1)',
    ]);
    expect(md).toContain('- **Total Backend Endpoints**: 3\n- **Endpoints Used in Frontend**: 1\n- **Unused Endpoints**: 2\n');
    expect(md).toContain('### GET `/api/v1/users`\n- **Backend**: `app/main.py:11` (`list_users`)\n- **Frontend Usage**:\n  - `web/src/api.ts:6` (fetch)\n');
    expect(md).toContain('### GET `/health`\n- **Backend**: `app/main.py:6` (`health`)\n- **Frontend Usage**: ❌ **NOT USED**\n');
  });

  it('shows ignored endpoints with their reason instead of NOT USED', async () => {
    const r = await runCli(['check', '--format', 'markdown', '--config', '../configs/ignore-health.json', '--fail-on', 'never']);
    expect(r.stdout).toContain('### GET `/health`\n- **Backend**: `app/main.py:6` (`health`)\n- **Frontend Usage**: ⚪ ignored: polled by the load balancer\n');
    expect(r.stdout).toContain('- **Ignored Endpoints**: 1');
    expect(r.stdout).toContain('### Unused Endpoints (1)');
  });
});

describe('--format markdown with several services', () => {
  it('groups endpoints by service first, then by area', async () => {
    const root = join(FIXTURES, 'two-services');
    const r = await runCli(['check', '--format', 'markdown'], { cwd: root });
    expect(r.code).toBe(0);
    const headings = r.stdout.split('\n').filter((l) => /^#{1,2} /.test(l));
    expect(headings).toEqual([
      '# API Endpoint Mapping: Backend to Frontend',
      '## Summary',
      '# Service: billing-api',
      '## 1. Health',
      '## 2. Invoices',
      '# Service: users-api',
      '## 1. Users',
      '# All Services',
      '## Analysis',
    ]);
    expect(r.stdout).toContain('- GET `/health` (billing-api) — `billing-api/main.py:11`');
    await expect(normalize(r.stdout, root)).toMatchFileSnapshot('./__goldens__/two-services.md');
  });
});

describe('a finding on both sides (a payload mismatch: the frontend read and the backend model)', () => {
  const SEED_001 = join(__dirname, '../fixtures/_workspaces/seed-001-express-static');
  it('names the other side in text and markdown, and gives it first among SARIF related locations', async () => {
    const text = (await runCli(['check', SEED_001, '--format', 'text', '--fail-on', 'never'])).stdout;
    expect(text).toMatch(/\n {6}also backend\/src\/routes\/adminAuth\.js:\d+:\d+ {2}POST \/admin\/auth\/refresh never reads `refreshToken`/);
    const md = (await runCli(['check', SEED_001, '--format', 'markdown', '--fail-on', 'never'])).stdout;
    expect(md).toMatch(/`backend\/public\/js\/api\.js:\d+`; also `backend\/src\/routes\/adminAuth\.js:\d+`/);
    const log = JSON.parse((await runCli(['check', SEED_001, '--format', 'sarif', '--fail-on', 'never'])).stdout) as SarifLog;
    const payload = log.runs[0]!.results.filter((r) => r.ruleId === 'payload-mismatch');
    expect(payload.length).toBeGreaterThan(0);
    for (const r of payload) expect(r.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri).toMatch(/^backend\/src\//);
  });
});

describe('--format sarif', () => {
  it('matches the golden', async () => {
    await expect(normalize(await report('sarif'))).toMatchFileSnapshot('./__goldens__/shop.sarif');
  });

  it('is a well-formed SARIF 2.1.0 log', async () => {
    const log = JSON.parse(await report('sarif')) as SarifLog;
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('API Parity');
    // package.json names no homepage yet, so informationUri is left out rather than invented.
    expect(run.tool.driver.informationUri).toBeUndefined();
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    expect(run.originalUriBaseIds['%SRCROOT%']!.uri).toMatch(/^file:\/\/\/.*\/shop\/$/);

    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    expect(ruleIds).toEqual(['missing-endpoint', 'method-mismatch', 'unused-endpoint', 'unused-client-method']);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.fullDescription.text).not.toBe('');
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }

    expect(run.results).toHaveLength(5);
    for (const result of run.results) {
      expect(ruleIds).toContain(result.ruleId);
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(artifactLocation.uri).not.toMatch(/^\//);
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
      if (region.endLine === region.startLine) expect(region.endColumn).toBeGreaterThan(region.startColumn);
      for (const rel of result.relatedLocations ?? []) {
        expect(rel.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
        expect(rel.message.text).not.toBe('');
      }
      expect(Object.values(result.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(run.results.map((r) => r.level)).toEqual(['note', 'note', 'warning', 'warning', 'note']);
    const mismatch = run.results.find((r) => r.ruleId === 'method-mismatch')!;
    expect(mismatch.relatedLocations?.map((r) => r.message.text)).toEqual(['POST /api/v1/orders (create_order)']);
  });

  it('keeps fingerprints when a gap moves to another line, and makes them unique', async () => {
    const log = JSON.parse(await report('sarif')) as SarifLog;
    const prints = log.runs[0]!.results.map((r) => Object.values(r.partialFingerprints)[0]);
    expect(new Set(prints).size).toBe(prints.length);
    const s = scratch(SHOP);
    try {
      const api = join(s.dir, 'web', 'src', 'api.ts');
      writeFileSync(api, `// moved down\n\n${readFileSync(api, 'utf8')}`);
      const moved = JSON.parse((await runCli(['check', '--format', 'sarif'], { cwd: s.dir })).stdout) as SarifLog;
      const results = moved.runs[0]!.results;
      const lines = (log2: SarifLog) => log2.runs[0]!.results.filter((r) => r.ruleId === 'missing-endpoint').map((r) => r.locations[0]!.physicalLocation.region.startLine);
      expect(lines(moved)).toEqual(lines(log).map((n) => n + 2));
      expect(results.map((r) => Object.values(r.partialFingerprints)[0]).sort()).toEqual([...prints].sort());
    } finally {
      s.dispose();
    }
  });

  it('maps error severities to SARIF error', async () => {
    const r = await runCli(['check', '--format', 'sarif', '--config', '../configs/strict.json']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as SarifLog;
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.find((x) => x.id === 'missing-endpoint')!.defaultConfiguration.level).toBe('error');
    expect(log.runs[0]!.results.find((x) => x.ruleId === 'missing-endpoint')!.level).toBe('error');
  });
});
