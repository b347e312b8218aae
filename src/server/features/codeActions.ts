/**
 * Quick fixes on API Parity diagnostics. The rules plan them as plain data (`rules/<kind>/fixes.ts`,
 * `core/fixes/types.ts`); this module is the one conversion of a plan into an LSP WorkspaceEdit, carried by
 * the `apiParity.applyFix` command (the client applies it, saves the files and opens `reveal`). Every
 * plan is checked here again: it never creates a file that exists, never edits one that does not, and
 * never writes outside the workspace (real paths, after symlinks). A fix that writes beyond the open
 * document is previewed before it writes (see ./preview.ts). Ignoring a gap with a reason in
 * api-parity.config.json is a command of its own (the client asks for the reason).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextDocumentEdit, type CreateFile, type WorkspaceEdit } from 'vscode-languageserver';
import { planFixes, type AnalysisResult, type Analyzer, type FixPlan } from '../../core';
import { Commands, type ApplyFixArgs, type IgnoreCommandArgs } from '../../shared/protocol';
import { fileUri, type GapData } from '../convert';
import { withConfirmation, writesElsewhere } from './preview';

export interface ActionContext {
  readonly root: string;
  readonly folderUri: string;
  readonly result: AnalysisResult;
  readonly analyzer: Analyzer;
  /** Root-relative file text, or null when it does not exist (or may not be read: outside the workspace). */
  readFile(rel: string): string | null;
  /** Why a quick fix may not write `rel` (outside the workspace, through a symlink), or null when it may. */
  writeProblem(rel: string): string | null;
  /** Tells the user's log why an offered fix was withheld. */
  log(message: string): void;
  /** The document the actions are asked for: a fix that writes only there applies at once. */
  readonly documentUri: string;
  /** The client shows change annotations with `needsConfirmation` (a preview before a fix writes elsewhere). */
  readonly preview: boolean;
}

export function codeActions(ctx: ActionContext, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = d.data as GapData | undefined;
    if (d.source !== 'API Parity' || !data || data.folderUri !== ctx.folderUri) continue;
    const gap = ctx.result.gaps.find((g) => g.kind === data.kind && g.subject === data.subject);
    if (gap) {
      const plans = planFixes({ gap, result: ctx.result, workspace: ctx.analyzer, readFile: (p) => ctx.readFile(p), log: (m) => ctx.log(m) });
      for (const plan of plans) {
        const action = toAction(ctx, plan, d);
        if (action) actions.push(action);
      }
    }
    const ignore = ignoreFor(ctx, data);
    if (ignore) actions.push(ignoreAction(ignore.args, ignore.title, d));
  }
  return actions;
}

function ignoreFor(ctx: ActionContext, data: GapData): { args: IgnoreCommandArgs; title: string } | null {
  if (data.kind === 'unused-endpoint') {
    const ep = ctx.result.endpoints.find((e) => e.id === data.subject);
    if (!ep) return null;
    return { args: { folderUri: ctx.folderUri, method: ep.method, path: ep.path, kind: 'endpoint' }, title: `Ignore ${ep.method === '*' ? '' : `${ep.method} `}${ep.path} in api-parity.config.json…` };
  }
  if (data.kind === 'missing-endpoint' || data.kind === 'method-mismatch') {
    const call = ctx.result.calls.find((c) => c.id === data.subject);
    if (!call?.path) return null;
    return { args: { folderUri: ctx.folderUri, method: call.method, path: call.path.replace(/\{\}/g, '*'), kind: 'call' }, title: `Ignore calls to ${call.method === '*' ? '' : `${call.method} `}${call.path} in api-parity.config.json…` };
  }
  return null;
}

function ignoreAction(args: IgnoreCommandArgs, title: string, d: Diagnostic): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: Commands.ignoreEndpoint, arguments: [args] } };
}

const pos = (line: number, column: number) => ({ line: line - 1, character: column - 1 });

/** The plan as an `apiParity.applyFix` action, or null (logged) when one of its edits may not be written. */
function toAction(ctx: ActionContext, plan: FixPlan, d: Diagnostic): CodeAction | null {
  const changes: Array<CreateFile | TextDocumentEdit> = [];
  const created = new Set<string>();
  for (const e of plan.edits) {
    const problem = ctx.writeProblem(e.file) ?? (e.t === 'create' ? (ctx.readFile(e.file) !== null ? `${e.file} exists` : null) : ctx.readFile(e.file) === null && !created.has(e.file) ? `${e.file} does not exist` : null);
    if (problem) {
      ctx.log(`no quick fix "${plan.title}": ${problem}`);
      return null;
    }
    const uri = fileUri(ctx.root, e.file);
    if (e.t === 'create') {
      created.add(e.file);
      changes.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } });
      changes.push({ textDocument: { uri, version: null }, edits: [{ range: { start: pos(1, 1), end: pos(1, 1) }, newText: e.text }] });
      continue;
    }
    const range = e.t === 'insert' ? { start: pos(e.line, e.column), end: pos(e.line, e.column) } : { start: pos(e.line, e.column), end: pos(e.endLine, e.endColumn) };
    const last = changes[changes.length - 1];
    if (last && 'textDocument' in last && last.textDocument.uri === uri) (last.edits as Array<{ range: typeof range; newText: string }>).push({ range, newText: e.text });
    else changes.push({ textDocument: { uri, version: null }, edits: [{ range, newText: e.text }] });
  }
  const plain: WorkspaceEdit = { documentChanges: changes };
  const edit = ctx.preview && writesElsewhere(plain, ctx.documentUri) ? withConfirmation(plain, plan.title, 'API Parity quick fix: review the files it creates or changes') : plain;
  const args: ApplyFixArgs = { edit, reveal: { uri: fileUri(ctx.root, plan.reveal.file), ...pos(plan.reveal.line, plan.reveal.column) } };
  return {
    title: plan.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    ...(plan.preferred ? { isPreferred: true } : {}),
    command: { title: plan.title, command: Commands.applyFix, arguments: [args] },
  };
}


