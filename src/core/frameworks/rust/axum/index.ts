import { defineFramework } from '../../types';
import { axumSyntax } from './path';

/** axum: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'axum',
  title: 'axum',
  language: 'rust',
  docs: 'https://docs.rs/axum/latest/axum/routing/struct.Router.html',
  supports: {},
  detection: { deps: ['axum'], defaultPort: 3000 },
  pathSyntax: axumSyntax,
});
