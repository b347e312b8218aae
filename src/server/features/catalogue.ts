/**
 * The endpoint catalogue (core/query/catalogue.ts) served one level per request, and "Go to Route" from a
 * URL string (core/query/urlLookup.ts), over the system's last snapshot.
 */
import type { Connection } from 'vscode-languageserver';
import { catalogueChildren, routesForUrl, type CatalogueFilter } from '../../core';
import { catalogueRequest, routesForUrlRequest, type CatalogueParams, type CatalogueResult, type RouteTarget } from '../../shared/protocol';
import { relPath, toRouteTarget } from '../convert';
import type { SystemLayout } from '../system';
import type { FolderIndex } from '../workspaceIndex';
import { changedFiles, type ChangedFiles } from './changedFiles';

export interface CatalogueSource {
  readonly index: FolderIndex | null;
  readonly layout: SystemLayout | null;
}

/** How long a "changed since the default branch" answer is reused (expanding rows asks again and again). */
const CHANGED_TTL_MS = 10_000;

export class CatalogueFeature {
  private changed: { key: string; at: number; value: Promise<ChangedFiles | { error: string }> } | null = null;

  constructor(private readonly source: () => CatalogueSource) {}

  bind(c: Connection): void {
    c.onRequest(catalogueRequest, (params) => this.level(params));
    c.onRequest(routesForUrlRequest, ({ text }) => ({ targets: this.targets(text) }));
  }

  async level(params: CatalogueParams): Promise<CatalogueResult> {
    const { index, layout } = this.source();
    const result = index?.snapshot;
    if (!index || !layout || !result) return { nodes: [], shown: 0, total: 0 };
    let filter: CatalogueFilter = params.filter;
    if (params.documentUri) filter = { ...filter, file: relPath(index.root, params.documentUri) ?? '\0' };
    let changed: CatalogueResult['changed'];
    if (params.changedOnly) {
      const c = await this.changedFiles(layout);
      changed = 'error' in c ? c : { base: c.base, files: c.files.length };
      filter = { ...filter, files: 'error' in c ? [] : c.files };
    }
    const level = catalogueChildren(result, index.uri, filter, params.parent);
    return { ...level, ...(changed ? { changed } : {}) };
  }

  private changedFiles(layout: SystemLayout): Promise<ChangedFiles | { error: string }> {
    const now = Date.now();
    if (!this.changed || this.changed.key !== layout.key || now - this.changed.at > CHANGED_TTL_MS) {
      this.changed = { key: layout.key, at: now, value: changedFiles(layout.members.filter((m) => m.writable)) };
    }
    return this.changed.value;
  }

  targets(text: string): RouteTarget[] {
    const { index } = this.source();
    const result = index?.snapshot;
    if (!index || !result) return [];
    return routesForUrl(result, text)
      .slice(0, 50)
      .map((e) => toRouteTarget(index.root, e));
  }
}
