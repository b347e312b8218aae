/** The last pass: gaps from the rules, skipped files and notes, the summary, and the result. */
import { severityOf } from '../config';
import type { RelationOutputs } from '../relations/types';
import { buildGaps } from '../rules/registry';
import { isUnused, websocketsJudged } from '../rules/unused-endpoint';
import { recognition } from './blindspots';
import { API_KINDS, type AnalysisNote, type AnalysisResult, type Call, type Endpoint, type FrontendShare, type Service, type SkippedFile, type Summary } from '../types';
import type { FileStore } from './files';
import { projectOf, type Project } from '../project/projects';
import type { ServiceIndex } from './services';
import type { RunContext } from './types';

export function assembleResult(ctx: RunContext, store: FileStore, services: ServiceIndex, relations: RelationOutputs, sourceCount: number, projects: readonly Project[] = []): AnalysisResult {
  const { endpoints } = services;
  const { calls } = relations.http;
  const seen = recognition(services, relations.http);
  const gaps = buildGaps({ endpoints, relations, lowRecognition: seen.low, severity: (k) => severityOf(ctx.config, k) });
  const skipped: SkippedFile[] = [...ctx.skipped];
  const fileNotes: AnalysisNote[] = [];
  let parsed = 0;
  for (const e of store.entries()) {
    if (e.skipped) skipped.push(e.skipped);
    fileNotes.push(...e.notes);
    // What parsing found is reported for the files this run used (parsed, or took from the cache).
    if (!store.used(e)) continue;
    if (e.failed) skipped.push(e.failed);
    if (e.parsed) {
      parsed++;
      fileNotes.push(...e.parsed.notes);
    }
  }
  // A route the framework itself calls (a Remix page's loader) is used without a call in the workspace.
  const isUsed = (e: Endpoint) => e.callers.length > 0 || e.usedBy !== undefined;
  const used = endpoints.filter(isUsed).length;
  const ignored = endpoints.filter((e) => e.ignored !== null && !isUsed(e)).length;
  const websockets = websocketsJudged(calls);
  const unused = endpoints.filter((e) => isUnused(e, seen.low, websockets)).length;
  // Pages and Socket.IO events are reported apart from the API: coverage is the API's.
  const api = endpoints.filter((e) => API_KINDS.includes(e.kind));
  const denominator = api.length - api.filter((e) => e.ignored !== null && !isUsed(e)).length;
  const apiUsed = api.filter(isUsed).length;
  const summary: Summary = {
    endpoints: endpoints.length,
    used,
    unused,
    unchecked: endpoints.length - used - ignored - unused,
    ignored,
    calls: calls.length,
    resolvedCalls: calls.filter((c) => c.resolved).length,
    external: calls.filter((c) => c.external).length,
    missing: calls.filter((c) => c.status === 'missing').length,
    methodMismatch: calls.filter((c) => c.status === 'method-mismatch').length,
    coverage: denominator > 0 ? Math.round((apiUsed / denominator) * 1000) / 1000 : 1,
    filesScanned: sourceCount,
    filesParsed: parsed,
    frontends: frontendShares(calls, projects),
  };
  return {
    schemaVersion: 1,
    root: ctx.opts.root,
    services: withDocs(services.services, relations),
    endpoints: withListings(endpoints, relations),
    calls,
    gaps,
    skipped: skipped.sort((a, b) => a.file.localeCompare(b.file)),
    notes: [...ctx.notes, ...seen.notes, ...fileNotes],
    summary,
  };
}

/** Each route of a service with API documents, with the documents that list it (`docs`). */
function withListings(list: readonly Endpoint[], relations: RelationOutputs): readonly Endpoint[] {
  const listed = relations.docs?.listedIn;
  if (!listed || listed.size === 0) return list;
  return list.map((e) => {
    const docs = listed.get(e.id);
    return docs ? { ...e, docs } : e;
  });
}

/** Each service with the API documents tied to it (`docs`), when it has any (the relation `docs`). */
function withDocs(list: readonly Service[], relations: RelationOutputs): Service[] {
  const docs = relations.docs?.documents ?? [];
  return list.map((s) => {
    const files = docs.filter((d) => d.service.name === s.name).map((d) => d.doc.file);
    return files.length ? { ...s, docs: files } : s;
  });
}

/** The share of application calls resolved, per project that makes them (the frontends), by root. */
function frontendShares(calls: readonly Call[], projects: readonly Project[]): FrontendShare[] {
  const by = new Map<string, { calls: number; resolved: number }>();
  for (const c of calls) {
    if (c.role !== 'app' || !API_KINDS.includes(c.kind)) continue;
    const root = projects.length ? projectOf(projects, c.file).root : '.';
    const s = by.get(root) ?? { calls: 0, resolved: 0 };
    s.calls++;
    if (c.resolved) s.resolved++;
    by.set(root, s);
  }
  return [...by.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([root, s]) => ({ root, ...s }));
}
