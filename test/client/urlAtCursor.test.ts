/**
 * "Go to route from any URL string, also in tests and docs" (issue 17): the text under the cursor in a
 * test file, a Markdown page or a curl line is read into a method and a path the route lookup understands.
 */
import { describe, expect, it } from 'vitest';
import { urlAt } from '../../src/client/urlAtCursor';
import { readUrlString } from '../../src/core/query/urlLookup';

/** The line with `|` marking the cursor. */
const at = (marked: string) => urlAt(marked.replace('|', ''), marked.indexOf('|'));

describe('the URL at the cursor', () => {
  it('a string literal in a test (pytest, vitest)', () => {
    expect(at('    response = client.get(f"/api/v1/ite|ms/{item_id}")')).toBe('/api/v1/items/{item_id}');
    expect(readUrlString(at("  await request(app).delete('/api/v1/items/4|2').expect(204);"))).toEqual({ method: null, path: '/api/v1/items/42' });
  });

  it('a Markdown code span names the method too', () => {
    const text = at('Call `DELETE /api/v1/items/{item_|id}` to remove an item, or `GET /api/v1/items` to list them.');
    expect(text).toBe('DELETE /api/v1/items/{item_id}');
    expect(readUrlString(text)).toEqual({ method: 'DELETE', path: '/api/v1/items/{item_id}' });
    expect(at('Call `DELETE /api/v1/items/{item_id}` to remove an item, or `GET /api/v1/it|ems` to list them.')).toBe('GET /api/v1/items');
  });

  it('an unquoted URL in a curl line or in prose', () => {
    expect(at('curl -X POST http://localhost:8000/api/v1/us|ers -d @body.json')).toBe('http://localhost:8000/api/v1/users');
    expect(readUrlString(at('See (http://localhost:8000/api/v1/users/|7), then retry.'))).toEqual({ method: null, path: '/api/v1/users/7' });
  });

  it('the selection wins', () => {
    expect(urlAt('anything at all', 3, 'POST /api/v1/items')).toBe('POST /api/v1/items');
  });
});
