/**
 * Quick fixes on API Parity diagnostics:
 * - unused endpoint → scaffold a Next.js proxy route (new file, or the method added to an existing one);
 * - unused endpoint / missing call → ignore it, with a reason, in api-parity.config.json.
 * Edits never overwrite a file: new files are created with `ignoreIfExists`. The scaffold is a command
 * (`apiParity.applyFix`) carrying its edit, so the client applies it, saves it and opens the file.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import { findNextApps, isInsideFolder, scaffoldProxyRoute, type AnalysisResult, type Analyzer, type Endpoint } from '../../core';
import { Commands, type ApplyFixArgs, type IgnoreCommandArgs, type RevealArgs } from '../../shared/protocol';
import { fileUri, type GapData } from '../convert';

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
}

export function codeActions(ctx: ActionContext, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = d.data as GapData | undefined;
    if (d.source !== 'API Parity' || !data || data.folderUri !== ctx.folderUri) continue;
    if (data.kind === 'unused-endpoint') {
      const ep = ctx.result.endpoints.find((e) => e.id === data.subject);
      if (!ep) continue;
      const scaffold = scaffoldAction(ctx, ep, d);
      if (scaffold) actions.push(scaffold);
      actions.push(ignoreAction({ folderUri: ctx.folderUri, method: ep.method, path: ep.path, kind: 'endpoint' }, `Ignore ${ep.method === '*' ? '' : `${ep.method} `}${ep.path} in api-parity.config.json…`, d));
    } else if (data.kind === 'missing-endpoint' || data.kind === 'method-mismatch') {
      const call = ctx.result.calls.find((c) => c.id === data.subject);
      if (!call?.path) continue;
      actions.push(ignoreAction({ folderUri: ctx.folderUri, method: call.method, path: call.path.replace(/\{\}/g, '*'), kind: 'call' }, `Ignore calls to ${call.method === '*' ? '' : `${call.method} `}${call.path} in api-parity.config.json…`, d));
    }
  }
  return actions;
}

function ignoreAction(args: IgnoreCommandArgs, title: string, d: Diagnostic): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: Commands.ignoreEndpoint, arguments: [args] } };
}

function scaffoldAction(ctx: ActionContext, ep: Endpoint, d: Diagnostic): CodeAction | null {
  if (ep.framework === 'nextjs' || ep.kind !== 'http') return null;
  const service = ctx.result.services.find((s) => s.name === ep.service);
  // A Next.js app other than the endpoint's own service, preferring one that already calls it.
  const apps = findNextApps(ctx.analyzer).filter((a) => !service || a.project.root !== service.root);
  if (apps.length === 0) return null;
  const servicesEndpoints = new Set(ctx.result.endpoints.filter((e) => e.service === ep.service).map((e) => e.id));
  const callsTo = (root: string) => ctx.result.calls.filter((c) => c.endpoint && servicesEndpoints.has(c.endpoint) && isInsideFolder(c.file, root));
  const app = [...apps].sort((a, b) => callsTo(b.project.root).length - callsTo(a.project.root).length)[0]!;
  const envNames = [...new Set(callsTo(app.project.root).flatMap((c) => c.via.filter((v) => v.startsWith('env ')).map((v) => v.slice(4))))];
  const origin = service?.baseUrl ?? `http://localhost:${service?.ports[0] ?? 8000}`;
  const plan = scaffoldProxyRoute({ analyzer: ctx.analyzer, endpoint: ep, app, envNames, defaultOrigin: origin, readFile: (p) => ctx.readFile(p) });
  if ('reason' in plan) {
    ctx.log(`no proxy scaffold for ${ep.method} ${ep.path}: ${plan.reason}`);
    return null;
  }
  const problem = ctx.writeProblem(plan.file);
  if (problem) {
    ctx.log(`no proxy scaffold for ${ep.method} ${ep.path}: ${problem}`);
    return null;
  }
  const uri = fileUri(ctx.root, plan.file);
  let edit: WorkspaceEdit;
  let reveal: RevealArgs;
  if (!plan.exists) {
    edit = {
      documentChanges: [
        { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: plan.text }] },
      ],
    };
    reveal = { uri, line: Math.max(0, plan.text.split('\n').findIndex((l) => l.startsWith('export async function'))), character: 0 };
  } else {
    const existing = ctx.readFile(plan.file) ?? '';
    const lines = existing.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
    const edits = [{ range: { start: end, end }, newText: plan.text }];
    if (plan.importInsert) edits.unshift({ range: { start: { line: plan.importInsert.line, character: 0 }, end: { line: plan.importInsert.line, character: 0 } }, newText: plan.importInsert.text });
    edit = { documentChanges: [{ textDocument: { uri, version: null }, edits }] };
    reveal = { uri, line: lines.length + (plan.importInsert ? 1 : 0), character: 0 };
  }
  const args: ApplyFixArgs = { edit, reveal };
  return {
    title: plan.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    command: { title: plan.title, command: Commands.applyFix, arguments: [args] },
  };
}
