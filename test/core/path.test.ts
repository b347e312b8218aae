import { describe, expect, it } from 'vitest';
import { DYN, formatPath, matchScore, normalizeRoutePath, parseCallPath, parseRoutePath } from '../../src/core/match/path';

describe('route path normalisation', () => {
  it.each([
    ['/users/{id}', '/users/{id}'],
    ['/users/{id:int}', '/users/{id}'],
    ['/files/{file_path:path}', '/files/{...file_path}'],
    ['/users/:id', '/users/{id}'],
    ['/users/:id?', '/users/{id?}'],
    ['/users/<int:id>', '/users/{id}'],
    ['/files/<path:rest>', '/files/{...rest}'],
    ['/users/[id]', '/users/{id}'],
    ['/docs/[...slug]', '/docs/{...slug}'],
    ['/docs/[[...slug]]', '/docs/{...slug}'],
    ['^users/(?P<pk>[0-9]+)/$', '/users/{pk}'],
    ['/static/*', '/static/{...wildcard}'],
    ['/tail/{tail:.*}', '/tail/{...tail}'],
    ['/x/{*rest}', '/x/{...rest}'],
    ['/users/', '/users'],
    ['users', '/users'],
    ['/', '/'],
    ['', '/'],
    ['/reports/{name}.csv', '/reports/{name}.csv'],
    ['/search?q=1', '/search'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeRoutePath(raw)).toBe(expected);
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
    expect(matchScore(route('/docs/[...slug]'), call('/docs'))).toBeNull();
    expect(matchScore(route('/docs/[[...slug]]'), call('/docs'))).not.toBeNull();
    expect(matchScore(route('/docs/[...slug]'), call('/docs/a/b/c'))).not.toBeNull();
  });

  it('optional Express parameters match with and without the segment', () => {
    expect(matchScore(route('/users/:id?'), call('/users'))).not.toBeNull();
    expect(matchScore(route('/users/:id?'), call('/users/7'))).not.toBeNull();
    expect(matchScore(route('/users/:id?'), call('/users/7/x'))).toBeNull();
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

describe('catch-all matching', () => {
  it('reads back its own display form of a catch-all', () => {
    expect(matchScore(parseRoutePath(normalizeRoutePath('/files/{p:path}')), parseRoutePath('/files/a/b'))).not.toBeNull();
    expect(matchScore(parseRoutePath(normalizeRoutePath('/docs/[...slug]')), parseRoutePath('/docs'))).toBeNull();
  });

  it('stays polynomial with many catch-alls against a long path (memoised)', () => {
    // Unmemoised this is C(40,12) paths: minutes. The suite's timeout bounds it.
    const route = parseRoutePath('/' + Array.from({ length: 12 }, () => '{p:path}').join('/') + '/end');
    const call = parseRoutePath('/' + Array.from({ length: 40 }, (_, i) => `s${i}`).join('/'));
    expect(matchScore(route, call)).toBeNull();
  });
});
