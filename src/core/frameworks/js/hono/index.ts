import { defineFramework } from '../../types';

/** Hono: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'hono',
  title: 'Hono',
  language: 'js',
  docs: 'https://hono.dev/docs/api/routing',
  supports: {},
  detection: { deps: ['hono'], defaultPort: 3000 },
});
