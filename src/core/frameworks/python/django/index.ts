import { defineFramework } from '../../types';
import { djangoSyntax } from './path';

/** Django: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'django',
  title: 'Django',
  language: 'python',
  docs: 'https://docs.djangoproject.com/en/stable/topics/http/urls/',
  supports: {},
  detection: { deps: ['django', 'djangorestframework'], defaultPort: 8000 },
  pathSyntax: djangoSyntax,
});
