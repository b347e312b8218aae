/**
 * The quick-fix model: plain data a rule plans and the server converts (server/features/codeActions.ts,
 * the one place that turns a plan into an LSP WorkspaceEdit). Lines and columns are 1-based, files
 * root-relative, like the rest of the core. A plan never overwrites: `create` is for a file that does not
 * exist (the server checks again), and edits to existing files only insert or replace spans it read.
 */
import type { WorkspaceLayout } from '../engine/types';
import type { ModuleFacts } from '../resolve/sym';
import type { AnalysisResult, Gap } from '../types';

export type FixEdit =
  | { readonly t: 'create'; readonly file: string; readonly text: string }
  | { readonly t: 'insert'; readonly file: string; readonly line: number; readonly column: number; readonly text: string }
  | { readonly t: 'replace'; readonly file: string; readonly line: number; readonly column: number; readonly endLine: number; readonly endColumn: number; readonly text: string };

/** What a fix does, for tools and tests (its title is for people). */
export type FixKind = 'change-url' | 'create-route' | 'change-method' | 'add-method' | 'proxy-route' | 'server-action' | 'client-function';

export interface FixPlan {
  /** The code action's title: stable, tests and the real-editor suite find actions by it. */
  readonly title: string;
  readonly kind: FixKind;
  readonly edits: readonly FixEdit[];
  /** Where the editor goes once the edit is applied. */
  readonly reveal: { readonly file: string; readonly line: number; readonly column: number };
  readonly preferred?: boolean;
}

/** What a rule's `fixes` may read: the analysis, the workspace's modules, and file text (no I/O of its own). */
export interface FixContext {
  readonly gap: Gap;
  readonly result: AnalysisResult;
  readonly workspace: FixWorkspace;
  /** Text of a root-relative file, or null when it does not exist or may not be read. */
  readFile(path: string): string | null;
  /** Why a fix that could have been offered was withheld (the server logs it). */
  log(message: string): void;
}

/** The parts of the Analyzer a fix reads (the layout and the modules it parsed). */
export interface FixWorkspace {
  layout(): WorkspaceLayout | null;
  modulesUnder(root: string): ModuleFacts[];
}
