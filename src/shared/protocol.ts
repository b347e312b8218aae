/**
 * Every custom message between the extension and the language server, declared once. Call sites use
 * these constants, never method-name strings.
 */
import { NotificationType, RequestType, RequestType0, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { CatalogueFilter, GapFilter, TreeNode } from '../core/query';
import type { AnalysisResult, MethodOrAny } from '../core/types';

export type IndexState = 'indexing' | 'ready' | 'empty' | 'error';

export interface StatusParams {
  readonly state: IndexState;
  /** One line for the status item: `42/57 endpoints used · 3 missing`. */
  readonly text: string;
  /** Longer text for the tooltip: per-folder counts, skipped files, notes, timing. */
  readonly detail: string;
  readonly endpoints: number;
  readonly used: number;
  readonly missing: number;
  readonly methodMismatch: number;
  readonly skipped: number;
  /** Milliseconds the last full analysis took. */
  readonly durationMs: number | null;
}
export const statusNotification = new NotificationType<StatusParams>('apiParity/status');

/** Sent after a new snapshot was published; the client re-reads the tree. */
export const indexChangedNotification = new NotificationType<{ readonly generation: number }>('apiParity/indexChanged');

export interface FolderSnapshot {
  readonly uri: string;
  readonly name: string;
  /** Absolute file-system path of the folder: paths in `result` are relative to it. */
  readonly root: string;
  readonly result: AnalysisResult | null;
  /** Why there is no result (a configuration error, a crash), when there is none. */
  readonly error: string | null;
}

export interface GapsResult {
  readonly generation: number;
  readonly indexing: boolean;
  readonly folders: readonly FolderSnapshot[];
}
export const gapsRequest = new RequestType0<GapsResult, void>('apiParity/gaps');

/** `apiParity/gapTree` parameters: one level of the Gap Explorer. */
export interface GapTreeParams {
  /** The row whose children are asked for; null for the top (the groups). */
  readonly parent: string | null;
  readonly filter: Omit<GapFilter, 'file'>;
  /** Only the rows of this document. */
  readonly documentUri?: string | null;
}
export interface GapTreeResult {
  /** Rows without their children; locations carry `folder` = the folder URI. */
  readonly nodes: readonly TreeNode[];
  /** What the view shows when there are no rows. */
  readonly state: 'indexing' | 'empty' | 'ready';
  readonly indexing: boolean;
  /** Leaves that pass the filter, and all of them. */
  readonly shown: number;
  readonly total: number;
}
/** The Gap Explorer one level at a time (instead of the whole `apiParity/gaps` snapshot). */
export const gapTreeRequest = new RequestType<GapTreeParams, GapTreeResult, void>('apiParity/gapTree');

export const reindexRequest = new RequestType0<void, void>('apiParity/reindex');

export interface IgnoreEndpointParams {
  readonly folderUri: string;
  readonly method: MethodOrAny | null;
  readonly path: string;
  readonly reason: string;
}
/** The edit adding an ignore rule to the folder's config file (creating it when needed). */
export const ignoreEndpointRequest = new RequestType<IgnoreEndpointParams, WorkspaceEdit, void>('apiParity/ignoreEndpointEdit');

export interface ReportParams {
  readonly folderUri: string | null;
}
/** The gap report in markdown (the CLI's `--format markdown`). */
export const reportRequest = new RequestType<ReportParams, { readonly markdown: string }, void>('apiParity/report');

/** Client-side commands the server's lenses and code actions refer to. */
export const Commands = {
  revealLocation: 'apiParity.revealLocation',
  showCallers: 'apiParity.showCallers',
  ignoreEndpoint: 'apiParity.ignoreEndpoint',
  applyFix: 'apiParity.applyFix',
} as const;

/**
 * `apiParity.applyFix` arguments: a quick fix's edit, applied by the client, which then saves the files it
 * created and opens `reveal`. (An action carrying both an edit and a command can lose the command: the
 * edit refreshes diagnostics, which drops the action list the command's arguments live in.)
 */
export interface ApplyFixArgs {
  readonly edit: WorkspaceEdit;
  readonly reveal: RevealArgs;
}

/** `apiParity.revealLocation` arguments: where to open. */
export interface RevealArgs {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
}

/** `apiParity.showCallers` arguments: the route and its callers (LSP shapes). */
export interface ShowCallersArgs {
  readonly uri: string;
  readonly position: { readonly line: number; readonly character: number };
  readonly locations: ReadonlyArray<{ readonly uri: string; readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } } }>;
}

/** `apiParity.ignoreEndpoint` arguments. */
export interface IgnoreCommandArgs {
  readonly folderUri: string;
  readonly method: MethodOrAny | null;
  readonly path: string;
  readonly kind: 'endpoint' | 'call';
}

/** `apiParity/catalogue` parameters: one level of the endpoint catalogue. */
export interface CatalogueParams {
  readonly filter: CatalogueFilter;
  /** The row whose children are asked for; null for the top (services). */
  readonly parent: string | null;
  /** Only the endpoints of this document. */
  readonly documentUri?: string | null;
  /** Only the endpoints in files changed since the default branch (git merge base, plus uncommitted files). */
  readonly changedOnly?: boolean;
}
export interface CatalogueResult {
  /** Rows without their children; locations carry `folder` = the folder URI. */
  readonly nodes: readonly TreeNode[];
  readonly shown: number;
  readonly total: number;
  /** When `changedOnly`: what the files were compared with, or why that failed. */
  readonly changed?: { readonly base: string; readonly files: number } | { readonly error: string };
}
export const catalogueRequest = new RequestType<CatalogueParams, CatalogueResult, void>('apiParity/catalogue');

/** `apiParity/routesForUrl`: the routes a URL string names ("Go to Route"), best first. */
export interface RouteTarget {
  readonly label: string;
  readonly detail: string;
  readonly uri: string;
  readonly line: number;
  readonly character: number;
}
export const routesForUrlRequest = new RequestType<{ readonly text: string }, { readonly targets: readonly RouteTarget[] }, void>('apiParity/routesForUrl');
