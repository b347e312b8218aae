import { describe, expect, it } from 'vitest';
import { ConfigurationError, DEFAULT_CONFIG, parseConfig, ruleMatches } from '../../src/core/config';
import { addIgnoreRule } from '../../src/core/configEdit';

describe('parseConfig', () => {
  it('accepts an empty object and comments, filling defaults', () => {
    expect(parseConfig('// nothing\n{}', 'c.json')).toEqual(DEFAULT_CONFIG);
  });

  it('reads every section', () => {
    const c = parseConfig(
      JSON.stringify({
        include: ['apps/**'],
        exclude: ['legacy/**'],
        respectGitignore: false,
        maxFileSize: 2048,
        services: [{ name: 'api', root: 'backend', baseUrl: 'http://localhost:8000/', pathPrefix: '/api', ports: [8000] }],
        ignore: [{ method: 'get', path: '/health', reason: 'k8s probe' }],
        severity: { 'unused-endpoint': 'info', 'missing-endpoint': 'error' },
      }),
      'c.json',
    );
    expect(c.services[0]).toEqual({ name: 'api', root: 'backend', baseUrl: 'http://localhost:8000', pathPrefix: '/api', ports: [8000] });
    expect(c.ignore[0]).toEqual({ method: 'GET', path: '/health', reason: 'k8s probe' });
    expect(c.severity).toMatchObject({ 'missing-endpoint': 'error', 'method-mismatch': 'warning', 'unused-endpoint': 'info' });
    expect(c.maxFileSize).toBe(2048);
  });

  it('reports malformed JSON with a line and column', () => {
    try {
      parseConfig('{\n  "include": [\n}', 'api-parity.config.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationError);
      const p = (e as ConfigurationError).problems[0]!;
      expect(p.line).toBe(3);
      expect(p.message).toMatch(/invalid JSON/);
    }
  });

  it('lists every problem, located, with suggestions for typos', () => {
    const text = '{\n  "servces": [],\n  "ignore": [{ "path": "health", "reason": "" }],\n  "severity": { "unused-endpoint": "loud" },\n  "maxFileSize": 12\n}';
    let problems: ConfigurationError['problems'] = [];
    try {
      parseConfig(text, 'api-parity.config.json');
    } catch (e) {
      problems = (e as ConfigurationError).problems;
    }
    const messages = problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual([
      '2: servces: unknown key (did you mean "services"?)',
      '5: maxFileSize: expected a whole number of bytes, at least 1024',
      '3: ignore[0].path: expected a path pattern starting with "/"',
      '3: ignore[0].reason: say why this is ignored (a non-empty "reason")',
      '4: severity.unused-endpoint: expected one of error, warning, info, hint, off',
    ]);
  });

  it('rejects a path prefix that walks out of its folder (a scaffold would follow it)', () => {
    for (const prefix of ['/api/../..', '/./api', '/api/%2E%2e', '/a\\b']) {
      expect(() => parseConfig(JSON.stringify({ services: [{ name: 'api', root: 'api', pathPrefix: prefix }] }), 'c.json'), prefix).toThrow(/path prefix cannot hold/);
    }
  });

  it('rejects a non-object and duplicate service names', () => {
    expect(() => parseConfig('[]', 'c.json')).toThrow(ConfigurationError);
    expect(() => parseConfig('{"services":[{"name":"a","root":"x"},{"name":"a","root":"y"}]}', 'c.json')).toThrow(/used twice/);
  });
});

describe('ignore rules', () => {
  it('match methods and path patterns', () => {
    expect(ruleMatches({ path: '/health', reason: 'r' }, 'GET', '/health')).toBe(true);
    expect(ruleMatches({ method: 'POST', path: '/health', reason: 'r' }, 'GET', '/health')).toBe(false);
    expect(ruleMatches({ path: '/system/**', reason: 'r' }, 'POST', '/system/instances/{instance_id}/start')).toBe(true);
    expect(ruleMatches({ path: '/admin/*', reason: 'r' }, 'GET', '/admin/{resource}')).toBe(true);
    expect(ruleMatches({ path: '/admin/{id}', reason: 'r' }, 'GET', '/admin/{resource}')).toBe(true);
    expect(ruleMatches({ path: '/admin/{id}', reason: 'r' }, 'GET', '/admin/stats')).toBe(false);
    expect(ruleMatches({ path: '/admin/*', reason: 'r' }, 'GET', '/admin/a/b')).toBe(false);
  });

  it('are added to existing text without disturbing it, and create the file content otherwise', () => {
    const created = addIgnoreRule(null, { method: 'GET', path: '/health', reason: 'probe' });
    expect(JSON.parse(created)).toEqual({ ignore: [{ method: 'GET', path: '/health', reason: 'probe' }] });
    const existing = '{\n  // our services\n  "services": [],\n  "ignore": [{ "path": "/a", "reason": "x" }]\n}\n';
    const next = addIgnoreRule(existing, { path: '/b', reason: 'y' });
    expect(next).toContain('// our services');
    expect(parseConfig(next, 'c.json').ignore.map((r) => r.path)).toEqual(['/a', '/b']);
  });
});

describe('ignore rule globs', () => {
  it('match `**` without backtracking (many `**` against a long path)', () => {
    const rule = { path: '/' + Array.from({ length: 30 }, () => '**').join('/') + '/x', reason: 'r' };
    const long = '/' + Array.from({ length: 60 }, (_, i) => `s${i}`).join('/');
    expect(ruleMatches(rule, 'GET', long)).toBe(false);
    expect(ruleMatches(rule, 'GET', `${long}/x`)).toBe(true);
  });
});
