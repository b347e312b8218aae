import { defineFramework } from '../../types';

/** Ruby on Rails: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'rails',
  title: 'Ruby on Rails',
  language: 'ruby',
  docs: 'https://guides.rubyonrails.org/routing.html',
  supports: {},
  detection: { deps: ['rails'], defaultPort: 3000 },
});
