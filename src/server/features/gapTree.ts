/**
 * The Gap Explorer (core/query/gapLevels.ts) served one level per request over the system's last
 * snapshot, with the view's filter (text, service, the current document).
 */
import type { Connection } from 'vscode-languageserver';
import { gapLevel, GapTreeCache, type GapFilter, type TreeFolder } from '../../core';
import { gapTreeRequest, type GapTreeParams, type GapTreeResult } from '../../shared/protocol';
import { relPath } from '../convert';
import type { FolderIndex } from '../workspaceIndex';

export interface GapTreeSource {
  /** The analysed folders (the system's index), enabled or not. */
  readonly indexes: readonly FolderIndex[];
}

export class GapTreeFeature {
  private readonly cache = new GapTreeCache();

  constructor(private readonly source: () => GapTreeSource) {}

  bind(c: Connection): void {
    c.onRequest(gapTreeRequest, (params) => this.level(params));
  }

  level(params: GapTreeParams): GapTreeResult {
    const { indexes } = this.source();
    const folders: TreeFolder[] = indexes.map((f) => ({ key: f.uri, name: f.name, result: f.enabled ? f.snapshot : null }));
    const indexing = indexes.some((f) => f.running);
    let filter: GapFilter = params.filter;
    if (params.documentUri) {
      // The document's folder and path in it; a document outside every folder shows nothing.
      const owner = indexes.map((f) => ({ f, rel: relPath(f.root, params.documentUri!) })).find((x) => x.rel !== null && !x.rel.startsWith('..'));
      filter = { ...filter, file: owner ? { folder: owner.f.uri, file: owner.rel! } : { file: '\0' } };
    }
    const index = this.cache.get(folders, indexing, filter);
    return { ...gapLevel(index, params.parent), indexing };
  }
}
