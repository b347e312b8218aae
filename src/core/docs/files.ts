/**
 * Which workspace files are API documents, by name (their content decides the rest): OpenAPI/Swagger
 * specs (`openapi.json`, `swagger.yaml`, `*.openapi.json` …) and endpoint lists (`ENDPOINTS.md`,
 * `API.md`, `*api*.md`, anything under a `docs/api/` folder, `backend_doc*.txt`), or any file the config's
 * `apiDocs` names (`named`: then its extension decides: `.json`/`.yaml` a spec, `.md`/`.txt` a list).
 */
import { parseEndpointList } from './markdown';
import { parseOpenApi } from './openapi';
import type { ApiDocument } from './types';

const SPEC = /(^|[._-])(openapi|swagger)([._-][^/]*)?\.(json|ya?ml)$/i;
const LIST_NAME = /^(endpoints?|api|api[-_ ]?(docs?|reference|endpoints?)|backend[-_]?docs?[^/]*|rest[-_]?api)\.(md|txt)$/i;
const LIST_WORD = /(^|[^a-z])api([^a-z]|$)[^/]*\.md$/i;

export function docKind(path: string, named = false): 'openapi' | 'list' | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (named) return /\.(json|ya?ml)$/i.test(base) ? 'openapi' : /\.(md|markdown|txt)$/i.test(base) ? 'list' : null;
  if (SPEC.test(base)) return 'openapi';
  if (/\.(md|txt)$/i.test(base) && (LIST_NAME.test(base) || LIST_WORD.test(base) || /(^|\/)docs?\/api\/[^/]+\.md$/i.test(path))) return 'list';
  return null;
}

/** The document a file holds, or null (not an API document, or nothing in it). */
export function readApiDocument(path: string, text: string, named = false): ApiDocument | null {
  const kind = docKind(path, named);
  const doc = kind === 'openapi' ? parseOpenApi(path, text) : kind === 'list' ? parseEndpointList(path, text) : null;
  return doc && doc.operations.length > 0 ? doc : null;
}
