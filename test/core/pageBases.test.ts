import { describe, expect, it } from 'vitest';
import { readPageBase, resolveAgainst } from '../../src/core/engine/pageBases';

describe('<base href>', () => {
  it('resolves a document-relative URL from the base folder, as a browser does', () => {
    expect(resolveAgainst('/', 'api/users')).toBe('/api/users');
    expect(resolveAgainst('/app/', 'api/users')).toBe('/app/api/users');
    // A base without a trailing slash names a document: its folder is the base.
    expect(resolveAgainst('/app/index.html', 'api/users')).toBe('/app/api/users');
    expect(resolveAgainst('/app', 'api/users')).toBe('/api/users');
    expect(resolveAgainst('/app/', './api')).toBe('/app/api');
    expect(resolveAgainst('/app/x/', '../api')).toBe('/app/api');
    expect(resolveAgainst('/', '../../api')).toBe('/api');
    expect(resolveAgainst('https://h.example/v1/', 'users')).toBe('https://h.example/v1/users');
    expect(resolveAgainst('https://h.example', 'users')).toBe('https://h.example/users');
  });

  it('reads a literal base, and names what cannot be evaluated', () => {
    expect(readPageBase('<head><base href="/app/"></head>')).toEqual({ href: '/app/' });
    expect(readPageBase("<BASE HREF='/'>")).toEqual({ href: '/' });
    expect(readPageBase('<base target="_blank">')).toBeNull();
    expect(readPageBase('<p>no base here</p>')).toBeNull();
    expect(readPageBase('<base href="{{ base }}">')?.href).toBeNull();
    expect(readPageBase('<base href="<%= BASE_URL %>">')?.href).toBeNull();
    expect(readPageBase('<base href="%PUBLIC_URL%/">')?.href).toBeNull();
    expect(readPageBase('<base href="">')).toEqual({ href: null, why: 'is empty' });
    expect(readPageBase('<script>document.write(\'<base href="\' + p + \'">\')</script>')?.why).toBe('is set by a script at run time');
  });
});
