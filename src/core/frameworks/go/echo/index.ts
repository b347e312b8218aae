import { defineFramework } from '../../types';

/** Echo: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'echo',
  title: 'Echo',
  language: 'go',
  docs: 'https://echo.labstack.com/docs/routing',
  supports: {},
  detection: { deps: ['github.com/labstack/echo/v4'], defaultPort: 1323 },
});
