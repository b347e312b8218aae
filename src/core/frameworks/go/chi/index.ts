import { defineFramework } from '../../types';

/** chi: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'chi',
  title: 'chi',
  language: 'go',
  docs: 'https://go-chi.io/#/pages/routing',
  supports: {},
  detection: { deps: ['github.com/go-chi/chi/v5', 'github.com/go-chi/chi'], defaultPort: 3000 },
});
