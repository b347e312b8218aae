import { defineFramework } from '../../types';

/** Gin: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'gin',
  title: 'Gin',
  language: 'go',
  docs: 'https://gin-gonic.com/docs/examples/param-in-path/',
  supports: {},
  detection: { deps: ['github.com/gin-gonic/gin'], defaultPort: 8080 },
});
