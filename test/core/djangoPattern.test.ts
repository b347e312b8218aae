import { describe, expect, it } from 'vitest';
import { pathRoute, regexRoute } from '../../src/core/frameworks/python/django/pattern';

describe('Django pattern text', () => {
  it('reads path() converters, a whole <path:> segment as a catch-all; int and uuid keep their type', () => {
    expect(pathRoute('users/<int:pk>/files/<path:rest>')).toEqual({ text: 'users/{pk:int}/files/{...rest}', inexact: [] });
    expect(pathRoute('a/<uuid:id>/<str:s>/')).toEqual({ text: 'a/{id:uuid}/{s}/', inexact: [] });
    expect(pathRoute('a/<slug:s>-<uuid>/')).toEqual({ text: 'a/{s}-{uuid}/', inexact: [] });
    expect(pathRoute('x<path:p>').text).toBe('x{p}');
  });

  it('reads re_path() groups as parameters (digits only: int) and drops anchors', () => {
    expect(regexRoute('^users/(?P<pk>[^/.]+)/$')).toEqual({ text: 'users/{pk}/', inexact: [] });
    expect(regexRoute('^a/(\\d+)/b/([0-9a-f-]+)/?$')).toEqual({ text: 'a/{arg0:int}/b/{arg1}/', inexact: [] });
    expect(regexRoute('^exports/(?P<name>[\\w.-]+)\\.csv\\Z')).toEqual({ text: 'exports/{name}.csv', inexact: [] });
    expect(regexRoute('^favicon.ico$')).toEqual({ text: 'favicon.ico', inexact: [] });
  });

  it('reads anything-matching tails as catch-alls', () => {
    expect(regexRoute('^.*$').text).toBe('{...path}');
    expect(regexRoute('^media/(?P<path>.*)$').text).toBe('media/{...path}');
    expect(regexRoute('^(?P<p>.+)/edit$').text).toBe('{p}/edit');
  });

  it('keeps a regex without a template form as a {regex} parameter, with the reason', () => {
    expect(regexRoute('^api/(?:v2|v3)/search/$')).toEqual({ text: 'api/{regex}/search/', inexact: ['regex `(?:v2|v3)` has no path template form'] });
    expect(regexRoute('^reports/[0-9]{4}/$')).toEqual({ text: 'reports/{regex}/', inexact: ['regex `[0-9]{4}` has no path template form'] });
    expect(regexRoute('^logo(?:/(?P<f>.+))?/?$').inexact).toHaveLength(1);
    expect(regexRoute('^a\\d/$').text).toBe('a{regex}/');
  });
});
