import { defineFramework } from '../../types';
import { actixSyntax } from './path';

/** actix-web: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'actix',
  title: 'actix-web',
  language: 'rust',
  docs: 'https://actix.rs/docs/url-dispatch/',
  supports: {},
  detection: { deps: ['actix-web'], defaultPort: 8080 },
  pathSyntax: actixSyntax,
});
