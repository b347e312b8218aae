/** Which file changes the server acts on, and which of them need a full run. */
import { docKind, isSourceFile } from '../core';

/** Changes under these folders never matter (dependency installs, builds, caches). */
const IGNORED_DIRS = /(^|\/)(node_modules|\.git|dist|build|out|\.next|\.nuxt|\.venv|venv|__pycache__|target|coverage|\.vscode-test)\//;

const WATCHED = /(^|\/)(package\.json|requirements[^/]*\.txt|pyproject\.toml|Pipfile|setup\.py|Cargo\.toml|go\.mod|tsconfig\.json|jsconfig\.json|\.gitignore|api-parity\.config\.json)$/;
/** `.env` files: their values are read with the file list (a change lists everything again). */
const ENV_FILE = /(^|\/)\.env(\.[^/]*)?$/;

/** Files whose change is read by a full run: manifests, configuration, `.env` files and API documents. */
export function structural(rel: string): boolean {
  return WATCHED.test(rel) || ENV_FILE.test(rel) || docKind(rel) !== null;
}

/** A change the index cares about: a source file or a structural one, outside dependency and build folders. */
export function watchedFile(rel: string): boolean {
  return !IGNORED_DIRS.test(rel) && (isSourceFile(rel) || structural(rel));
}
