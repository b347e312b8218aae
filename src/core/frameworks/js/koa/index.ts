import { defineFramework } from '../../types';

/** Koa: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'koa',
  title: 'Koa',
  language: 'js',
  docs: 'https://github.com/koajs/router',
  supports: {},
  detection: { deps: ['koa', '@koa/router', 'koa-router'], defaultPort: 3000 },
});
