import { defineFramework } from '../../types';

/** Fastify: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'fastify',
  title: 'Fastify',
  language: 'js',
  docs: 'https://fastify.dev/docs/latest/Reference/Routes/',
  supports: {},
  detection: { deps: ['fastify'], defaultPort: 3000 },
});
