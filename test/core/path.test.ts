import { describe, expect, it } from 'vitest';
import { frameworkById } from '../../src/core/frameworks/registry';
import { DYN, formatPath, matchScore, normalizeRoutePath, parseCallPath, parseRoutePath, type PathSyntax } from '../../src/core/match/path';

/** The path syntax a framework plugin declares. */
const syntax = (id: string): PathSyntax => frameworkById(id)!.pathSyntax;

describe('route path normalisation, per framework syntax', () => {
  it.each([
    ['fastapi', '/users/{id}', '/users/{id}'],
    ['fastapi', '/users/{id:int}', '/users/{id}'],
    ['fastapi', '/files/{file_path:path}', '/files/{...file_path}'],
    ['express', '/users/:id', '/users/{id}'],
    ['express', '/users/:id(\\d+)', '/users/{id}'],
    ['express', '/users/:id?', '/users/{id?}'],
    ['express', '/static/*', '/static/{...wildcard}'],
    ['express', '/assets/*rest', '/assets/{...rest}'],
    ['flask', '/users/<int:id>', '/users/{id}'],
    ['flask', '/files/<path:rest>', '/files/{...rest}'],
    ['nextjs', '/users/[id]', '/users/{id}'],
    ['nextjs', '/docs/[...slug]', '/docs/{...slug}'],
    ['nextjs', '/docs/[[...slug]]', '/docs/{...slug?}'],
    ['django', '^users/(?P<pk>[0-9]+)/$', '/users/{pk}'],
    ['actix', '/tail/{tail:.*}', '/tail/{...tail}'],
    ['axum', '/x/{*rest}', '/x/{...rest}'],
    ['axum', '/users/:id', '/users/{id}'],
    ['fastapi', '/users/', '/users'],
    ['fastapi', 'users', '/users'],
    ['fastapi', '/', '/'],
    ['fastapi', '', '/'],
    ['fastapi', '/reports/{name}.csv', '/reports/{name}.csv'],
    ['fastapi', '/search?q=1', '/search'],
  ])('%s: %s → %s', (fw, raw, expected) => {
    expect(normalizeRoutePath(raw, syntax(fw))).toBe(expected);
  });

  it('syntaxes do not collide: one framework does not read another framework\'s forms', () => {
    // `:id` is literal text in a FastAPI path; `[id]` is literal text for Express.
    expect(normalizeRoutePath('/a/:id', syntax('fastapi'))).toBe('/a/:id');
    expect(normalizeRoutePath('/a/[id]', syntax('express'))).toBe('/a/[id]');
    expect(normalizeRoutePath('/a/<id>', syntax('nextjs'))).toBe('/a/<id>');
  });

  it('every syntax reads the canonical display form back', () => {
    for (const id of ['fastapi', 'express', 'nextjs', 'flask', 'django', 'actix', 'axum']) {
      expect(normalizeRoutePath('/a/{id}/{...rest}', syntax(id)), id).toBe('/a/{id}/{...rest}');
      expect(normalizeRoutePath('/a/{id?}', syntax(id)), id).toBe('/a/{id?}');
    }
  });

  it('call paths mark dynamic pieces and drop query strings and trailing slashes', () => {
    expect(formatPath(parseCallPath(`/users/${DYN}id${DYN}/avatar/?size=${DYN}s${DYN}`))).toBe('/users/{}/avatar');
  });
});

describe('matching', () => {
  const call = (p: string) => parseCallPath(p.replace(/\$\{(\w+)\}/g, `${DYN}$1${DYN}`));
  const route = parseRoutePath;

  it('prefers a literal segment over a parameter', () => {
    const me = matchScore(route('/users/me'), call('/users/me'))!;
    const byId = matchScore(route('/users/{id}'), call('/users/me'))!;
    expect(me).toBeGreaterThan(byId);
  });

  it('prefers a parameter over a catch-all', () => {
    expect(matchScore(route('/files/{id}'), call('/files/${x}'))!).toBeGreaterThan(matchScore(route('/files/{...rest}'), call('/files/${x}'))!);
  });

  it('a dynamic call segment matches a parameter better than a literal', () => {
    expect(matchScore(route('/users/{id}'), call('/users/${id}'))!).toBeGreaterThan(matchScore(route('/users/me'), call('/users/${id}'))!);
  });

  it('catch-alls need at least one segment unless optional', () => {
    const next = (p: string) => parseRoutePath(p, syntax('nextjs'));
    expect(matchScore(next('/docs/[...slug]'), call('/docs'))).toBeNull();
    expect(matchScore(next('/docs/[[...slug]]'), call('/docs'))).not.toBeNull();
    expect(matchScore(next('/docs/[...slug]'), call('/docs/a/b/c'))).not.toBeNull();
  });

  it('optional Express parameters match with and without the segment', () => {
    const express = (p: string) => parseRoutePath(p, syntax('express'));
    expect(matchScore(express('/users/:id?'), call('/users'))).not.toBeNull();
    expect(matchScore(express('/users/:id?'), call('/users/7'))).not.toBeNull();
    expect(matchScore(express('/users/:id?'), call('/users/7/x'))).toBeNull();
  });

  it('mixed segments match as patterns', () => {
    expect(matchScore(route('/reports/{name}.csv'), call('/reports/${n}.csv'))).not.toBeNull();
    expect(matchScore(route('/reports/{name}.csv'), call('/reports/${n}.pdf'))).toBeNull();
  });

  it('different lengths and literals do not match', () => {
    expect(matchScore(route('/users/{id}'), call('/users'))).toBeNull();
    expect(matchScore(route('/users'), call('/accounts'))).toBeNull();
  });
});

describe('typed parameters (converters) constrain the literal a call gives them', () => {
  const call = (p: string) => parseCallPath(p);
  it.each([
    ['flask', '/items/<int:id>', '/items/42', true],
    ['flask', '/items/<int:id>', '/items/latest', false],
    ['flask', '/items/<uuid:id>', '/items/0D3C4E5F-1A2B-4C3D-8E9F-0A1B2C3D4E5F', true],
    ['flask', '/items/<uuid:id>', '/items/duplicate-assets', false],
    ['flask', '/items/<string:id>', '/items/latest', true],
    ['flask', '/items/<string(length=2):id>', '/items/latest', true],
    ['fastapi', '/items/{id:int}', '/items/latest', false],
    ['fastapi', '/items/{id:int}', '/items/7', true],
    ['fastapi', '/items/{id:str}', '/items/latest', true],
  ])('%s %s ← %s: %s', (fw, route, path, reaches) => {
    expect(matchScore(parseRoutePath(route, syntax(fw)), call(path)) !== null).toBe(reaches);
  });
  it('a run-time segment may hold any value, so it still reaches a typed parameter', () => {
    expect(matchScore(parseRoutePath('/items/<int:id>', syntax('flask')), parseCallPath(`/items/${DYN}id${DYN}`))).not.toBeNull();
  });
  it('the display form drops the type', () => {
    expect(normalizeRoutePath('/items/<uuid:id>', syntax('flask'))).toBe('/items/{id}');
  });
});

describe('catch-all matching', () => {
  it('reads back its own display form of a catch-all', () => {
    expect(matchScore(parseRoutePath(normalizeRoutePath('/files/{p:path}', syntax('fastapi'))), parseRoutePath('/files/a/b'))).not.toBeNull();
    expect(matchScore(parseRoutePath(normalizeRoutePath('/docs/[...slug]', syntax('nextjs'))), parseRoutePath('/docs'))).toBeNull();
    // An optional catch-all keeps matching its folder after the round trip through its display form.
    expect(matchScore(parseRoutePath(normalizeRoutePath('/docs/[[...slug]]', syntax('nextjs'))), parseRoutePath('/docs'))).not.toBeNull();
  });

  it('stays polynomial with many catch-alls against a long path (memoised)', () => {
    // Unmemoised this is C(40,12) paths: minutes. The suite's timeout bounds it.
    const route = parseRoutePath('/' + Array.from({ length: 12 }, () => '{p:path}').join('/') + '/end', syntax('fastapi'));
    const call = parseRoutePath('/' + Array.from({ length: 40 }, (_, i) => `s${i}`).join('/'));
    expect(matchScore(route, call)).toBeNull();
  });
});

describe('mixed segments never backtrack', () => {
  it('a route segment of many parameters against a crafted call segment answers at once', () => {
    // As a regex (`^.+a.+a.+…$`) this backtracks for minutes; the bound is the suite's timeout.
    const route = parseRoutePath('/' + Array.from({ length: 25 }, (_, i) => `{p${i}}`).join('a'));
    const call = parseCallPath('/' + 'a'.repeat(3000) + 'b');
    expect(matchScore(route, call)).not.toBeNull();
    expect(matchScore(parseRoutePath('/{x}.json'), parseCallPath('/report.csv'))).toBeNull();
    expect(matchScore(parseRoutePath('/{x}.json'), parseCallPath('/report.json'))).not.toBeNull();
  });
});
