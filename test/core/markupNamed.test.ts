import { describe, expect, it } from 'vitest';
import { namedRouteOf } from '../../src/core/lang/markup';

describe('namedRouteOf', () => {
  it('reads Jinja url_for with its keywords', () => {
    expect(namedRouteOf(`{{ url_for('shop.product', pid=p.id, next=x == 1) }}`)).toEqual({ helper: 'url_for', name: 'shop.product', text: `url_for('shop.product')`, args: ['pid', 'next'], static: false });
    expect(namedRouteOf(`{{- request.url_for("item") -}}?page=2`)?.name).toBe('item');
    expect(namedRouteOf(`{{ url_for(endpoint) }}`)?.name).toBeNull();
  });

  it('marks static files', () => {
    expect(namedRouteOf(`{{ url_for('static', filename='a.css') }}`)?.static).toBe(true);
    expect(namedRouteOf(`{{ url_for('admin.static', filename='a.css') }}`)?.static).toBe(true);
  });

  it('reads Django {% url %}', () => {
    expect(namedRouteOf(`{% url 'blog:detail' post.pk %}`)).toMatchObject({ helper: 'url', name: 'blog:detail', args: [] });
    expect(namedRouteOf(`{% url "blog:detail" pk=post.pk %}#top`)).toMatchObject({ name: 'blog:detail', args: ['pk'] });
    expect(namedRouteOf(`{% url view_name %}`)?.name).toBeNull();
  });

  it('is none for other values', () => {
    expect(namedRouteOf(`{% url 'a' as u %}`)).toBeNull();
    expect(namedRouteOf(`{{ url_for('a') }}/more`)).toBeNull();
    expect(namedRouteOf(`/api/x/{{ id }}`)).toBeNull();
    expect(namedRouteOf(`{{ link_for('a') }}`)).toBeNull();
  });
});
