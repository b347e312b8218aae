/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One rule per gap
 * kind present; locations are root-relative under `%SRCROOT%`; `partialFingerprints` hash the kind,
 * method, path and file (not the line) so an alert keeps its identity when code moves.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { AnalysisResult, Gap, GapKind, Severity } from '../../core';
import { GAP_KINDS, kindRank } from '../../core';
import type { ReportContext } from './types';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const FINGERPRINT = 'apiParity/v1';

type Level = 'error' | 'warning' | 'note';

export function formatSarif(result: AnalysisResult, ctx: ReportContext): string {
  const kinds = [...new Set(result.gaps.map((g) => g.kind))].sort((a, b) => kindRank(a) - kindRank(b));
  const ruleIndex = new Map<GapKind, number>(kinds.map((k, i) => [k, i]));
  const rules = kinds.map((kind) => {
    const info = GAP_KINDS[kind];
    const severity = result.gaps.find((g) => g.kind === kind)!.severity;
    return {
      id: kind,
      name: info?.name ?? kind,
      shortDescription: { text: info?.short ?? kind },
      fullDescription: { text: info?.full ?? kind },
      defaultConfiguration: { level: levelOf(severity) },
      properties: { tags: ['api', 'api-parity'] },
    };
  });

  const fingerprints = fingerprintsOf(result.gaps);
  const results = result.gaps.map((g, i) => ({
    ruleId: g.kind,
    ruleIndex: ruleIndex.get(g.kind)!,
    level: levelOf(g.severity),
    message: { text: g.message },
    locations: [{ physicalLocation: physical(g.file, region(g.line, g.column, g.endLine, g.endColumn)) }],
    // The other side of the finding (`also`) comes first among the related locations.
    ...(g.related.length || g.also
      ? { relatedLocations: [...(g.also ? [g.also] : []), ...g.related].map((r, id) => ({ id, message: { text: r.message }, physicalLocation: physical(r.file, region(r.line, r.column)) })) }
      : {}),
    partialFingerprints: { [FINGERPRINT]: fingerprints[i]! },
    properties: { severity: g.severity, method: g.method, path: g.path, subject: g.subject },
  }));

  const notifications = [
    ...result.skipped.map((s) => ({
      level: 'note' as const,
      message: { text: `Skipped ${s.file}: ${s.reason}` },
      locations: [{ physicalLocation: { artifactLocation: artifact(s.file) } }],
      ...(s.extractor ? { properties: { extractor: s.extractor } } : {}),
    })),
    ...result.notes.map((n) => ({
      level: n.level === 'warning' ? ('warning' as const) : ('note' as const),
      message: { text: n.message },
      ...(n.file ? { locations: [{ physicalLocation: { artifactLocation: artifact(n.file) } }] } : {}),
    })),
  ];

  const sarif = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'API Parity',
            ...(ctx.homepage ? { informationUri: ctx.homepage } : {}),
            version: ctx.version,
            semanticVersion: ctx.version,
            rules,
          },
        },
        invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(result.root) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

function levelOf(severity: Severity): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

function artifact(file: string): { uri: string; uriBaseId: string } {
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function physical(file: string, reg: Region): { artifactLocation: ReturnType<typeof artifact>; region: Region } {
  return { artifactLocation: artifact(file), region: reg };
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

/** SARIF regions are 1-based with an exclusive end column, like the core's spans; clamp bad input. */
function region(line: number, column: number, endLine?: number, endColumn?: number): Region {
  const r: Region = { startLine: Math.max(1, line), startColumn: Math.max(1, column) };
  if (endLine !== undefined && endColumn !== undefined) {
    r.endLine = Math.max(r.startLine, endLine);
    r.endColumn = r.endLine === r.startLine ? Math.max(r.startColumn, endColumn) : Math.max(1, endColumn);
  }
  return r;
}

/** Stable per gap: hash of kind, method, path and file, with an ordinal for repeats within a file. */
function fingerprintsOf(gaps: readonly Gap[]): string[] {
  const seen = new Map<string, number>();
  return gaps.map((g) => {
    const key = [g.kind, g.method ?? '', g.path ?? '', g.event ?? '', g.file].join('\u0000');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return createHash('sha256')
      .update(n === 1 ? key : `${key}\u0000${n}`)
      .digest('hex')
      .slice(0, 32);
  });
}

function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}
