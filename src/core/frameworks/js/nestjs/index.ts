import { defineFramework } from '../../types';

/** NestJS: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'nestjs',
  title: 'NestJS',
  language: 'js',
  docs: 'https://docs.nestjs.com/controllers',
  supports: {},
  detection: { deps: ['@nestjs/core'], defaultPort: 3000 },
});
