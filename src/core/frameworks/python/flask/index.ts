import { defineFramework } from '../../types';
import { flaskSyntax } from './path';

/** Flask: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'flask',
  title: 'Flask',
  language: 'python',
  docs: 'https://flask.palletsprojects.com/en/stable/quickstart/#routing',
  supports: {},
  detection: { deps: ['flask'], defaultPort: 5000 },
  pathSyntax: flaskSyntax,
});
