/**
 * The docs relation: API documents committed in the workspace (OpenAPI/Swagger specs, Markdown and text
 * endpoint lists; see `docs/files.ts`) ↔ the routes the code registers, per service. Its output: each
 * attributed document with the operations no route serves, and per service the endpoints no attributed
 * document lists. A spec written by `api-parity export openapi` is the code itself and is skipped, and
 * so is a document no service can be tied to; both get a note saying why.
 */
import { readApiDocument, docKind } from '../../docs/files';
import { projectOf } from '../../project/projects';
import { fileRole } from '../../project/roles';
import { decodeText } from '../../text';
import type { RunContext } from '../../engine/types';
import type { EndpointRec } from '../http/matcher';
import type { ApiDocument } from '../../docs/types';
import { attribute, documentable, isDocumented, type AttributedDoc } from './pair';
import type { Relation } from '../types';

export interface DocsRelation {
  readonly documents: readonly AttributedDoc[];
  /** Per service with documents: its endpoints none of them lists (withheld when the documents cover under half the service). */
  readonly undocumented: ReadonlyArray<{ readonly endpoint: EndpointRec; readonly docs: readonly string[] }>;
  /** For every plain HTTP route of a service with documents: the documents that list it (possibly none). */
  readonly listedIn: ReadonlyMap<string, readonly string[]>;
}

declare module '../types' {
  interface RelationOutputs {
    docs: DocsRelation;
  }
}

const relation: Relation<'docs'> = {
  id: 'docs',
  title: 'API documents ↔ routes',
  async relate(input) {
    const { ctx, services, projects } = input;
    const documents: AttributedDoc[] = [];
    for (const path of input.store.files) {
      if (docKind(path) === null || fileRole(ctx.config, path) === 'test') continue;
      await ctx.pause();
      const doc = await readDoc(ctx, path);
      if (!doc) continue;
      if (doc.generated) {
        ctx.notes.push({ level: 'info', code: 'docs-generated', file: path, message: `API document not compared with the code: it is ${doc.generated}.` });
        continue;
      }
      const own = services.byRoot.get(projectOf(projects, path).root) ?? null;
      const a = attribute(doc, own, services.recs);
      if (typeof a === 'string') ctx.notes.push({ level: 'info', code: 'docs-unattributed', file: path, message: `API document with ${doc.operations.length} operation${doc.operations.length === 1 ? '' : 's'} not compared with the code: ${a}.` });
      else documents.push(a);
    }
    return { output: { documents, undocumented: undocumented(ctx, documents), listedIn: listedIn(documents) }, state: undefined };
  },
};
export default relation;

function undocumented(ctx: RunContext, documents: readonly AttributedDoc[]): DocsRelation['undocumented'] {
  const out: Array<{ endpoint: EndpointRec; docs: string[] }> = [];
  for (const rec of new Set(documents.map((d) => d.service))) {
    const docs = documents.filter((d) => d.service === rec);
    const candidates = rec.endpoints.filter(documentable);
    const missing = candidates.filter((e) => !isDocumented(e, docs));
    const files = docs.map((d) => d.doc.file);
    if (missing.length * 2 > candidates.length) {
      ctx.notes.push({ level: 'info', code: 'docs-partial', file: files[0], message: `The API documents of service \`${rec.name}\` (${files.join(', ')}) list ${candidates.length - missing.length} of its ${candidates.length} routes; the ${missing.length} others are not reported as undocumented.` });
      continue;
    }
    const seen = new Set<string>();
    for (const e of missing) {
      const key = `${e.ep.method} ${e.ep.path}`;
      if (seen.has(key)) continue; // one finding for a route registered twice (`""` and `"/"`)
      seen.add(key);
      out.push({ endpoint: e, docs: files });
    }
  }
  return out;
}

function listedIn(documents: readonly AttributedDoc[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rec of new Set(documents.map((d) => d.service))) {
    const docs = documents.filter((d) => d.service === rec);
    for (const e of rec.endpoints.filter(documentable)) out.set(e.ep.id, docs.filter((d) => isDocumented(e, [d])).map((d) => d.doc.file));
  }
  return out;
}

/** Specs may be larger than source files: up to eight times the size cap. */
async function readDoc(ctx: RunContext, path: string): Promise<ApiDocument | null> {
  try {
    const st = await ctx.opts.fs.stat(path);
    if (!st || st.size > ctx.config.maxFileSize * 8) return null;
    const d = decodeText(await ctx.opts.fs.read(path));
    return 'text' in d ? readApiDocument(path, d.text) : null;
  } catch {
    return null;
  }
}
