import { describe, expect, it } from 'vitest';
import { interpretUrl } from '../../src/core/match/url';
import type { Part } from '../../src/core/resolve/value';

const lit = (t: string): Part => ({ lit: t });
const dyn = (t: string): Part => ({ dyn: t });

describe('URLs on the page host', () => {
  it('reads `${location.origin}/x` as relative', () => {
    expect(interpretUrl([dyn('window.location.origin'), lit('/api/items')])).toEqual({ kind: 'relative', path: '/api/items' });
  });

  it('reads a scheme, `//` and the page host as relative, whatever the scheme', () => {
    expect(interpretUrl([lit('wss://'), dyn('window.location.host'), lit('/ws/chat')])).toEqual({ kind: 'relative', path: '/ws/chat' });
    expect(interpretUrl([dyn('proto'), lit('://'), dyn('location.host'), lit('/ws')])).toEqual({ kind: 'relative', path: '/ws' });
    expect(interpretUrl([dyn('location.protocol'), lit('//'), dyn('document.location.host'), lit('/ws')])).toEqual({ kind: 'relative', path: '/ws' });
  });

  it('reads the page machine at another port as a local origin', () => {
    const t = interpretUrl([lit('ws://'), dyn('window.location.hostname'), lit(':8000/ws/jobs/')]);
    expect(t).toMatchObject({ kind: 'absolute', origin: { host: 'localhost', port: 8000, scheme: 'ws' }, path: '/ws/jobs/' });
  });

  it('leaves other hosts and look-alikes alone', () => {
    // A host that is not the page's, a path before the host, a port on `location.host` (it has one already).
    expect(interpretUrl([lit('wss://'), dyn('host'), lit('/ws')]).kind).toBe('dynamic');
    expect(interpretUrl([lit('/proxy/'), dyn('location.host'), lit('/ws')]).kind).not.toBe('absolute');
    expect(interpretUrl([lit('ws://'), dyn('location.host'), lit(':9000/ws')]).kind).toBe('dynamic');
    // `location.origin.replace(…)` may change the port: not read.
    expect(interpretUrl([dyn('window.location.origin.replace(…)'), lit('/ws')]).kind).toBe('unknown-base');
    expect(interpretUrl([dyn('config.location.host'), lit('/ws')]).kind).toBe('unknown-base');
    // Another scheme on the page's host is a deep link into an app, not this origin.
    expect(interpretUrl([lit('outline://'), dyn('window.location.host'), lit('/auth/redirect')]).kind).not.toBe('relative');
  });
});
