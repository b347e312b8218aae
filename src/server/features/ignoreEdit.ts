/**
 * "Ignore This Endpoint…": the workspace edit that adds an ignore rule to the system's config file,
 * creating the file if needed. Minimal edits on the decoded text, so the editor keeps the file's encoding,
 * BOM and line endings; nothing is written where a quick fix may not write.
 */
import { existsSync } from 'node:fs';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ignoreRuleEdits, CONFIG_FILE_NAME } from '../../core';
import { absolute } from '../../core/path';
import type { IgnoreEndpointParams } from '../../shared/protocol';
import { fileUri } from '../convert';
import type { SystemLayout } from '../system';
import { withConfirmation } from './preview';

export interface IgnoreEditHost {
  readonly root: string;
  readonly layout: SystemLayout;
  /** Why the root-relative file may not be written, or null. */
  writeProblem(rel: string): string | null;
  /** The file's text (an open editor's first), or null when absent or unreadable. */
  readFile(rel: string): string | null;
  /** The client previews annotated edits: the config edit is shown before it writes. */
  readonly preview?: boolean;
}

export function ignoreEndpointEdit(params: IgnoreEndpointParams, host: IgnoreEditHost): WorkspaceEdit {
  const edit = ignoreConfigEdit(params, host);
  const what = `${params.method && params.method !== '*' ? `${params.method} ` : ''}${params.path}`;
  return host.preview ? withConfirmation(edit, `Ignore ${what} in ${CONFIG_FILE_NAME}`, `reason: ${params.reason}`) : edit;
}

function ignoreConfigEdit(params: IgnoreEndpointParams, host: IgnoreEditHost): WorkspaceEdit {
  const configRel = ignoreConfigFile(host.layout, params.folderUri);
  const uri = fileUri(host.root, configRel);
  const problem = host.writeProblem(configRel);
  if (problem) throw new Error(`API Parity will not edit ${CONFIG_FILE_NAME}: ${problem}`);
  const existing = host.readFile(configRel);
  if (existing === null && existsSync(absolute(host.root, configRel))) throw new Error(`API Parity will not edit ${CONFIG_FILE_NAME}: it is not a text file it can read`);
  const rule = { ...(params.method && params.method !== '*' ? { method: params.method } : {}), path: params.path, reason: params.reason };
  const r = ignoreRuleEdits(existing, rule);
  if ('refused' in r) throw new Error(`API Parity will not edit ${CONFIG_FILE_NAME}: ${r.refused}`);
  if (existing === null) {
    return { documentChanges: [{ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } }, { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: r.edits[0]!.content }] }] };
  }
  const doc = TextDocument.create(uri, 'json', 0, existing);
  const edits = r.edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.content }));
  return { documentChanges: [{ textDocument: { uri, version: null }, edits }] };
}

/** The config file an ignore rule goes to: the named workspace folder's, else the first one with a config file, else the first. */
function ignoreConfigFile(layout: SystemLayout, folderUri: string): string {
  const writable = layout.members.filter((m) => m.writable);
  const m = writable.find((x) => x.uri === folderUri) ?? writable.find((x) => existsSync(absolute(x.path, CONFIG_FILE_NAME))) ?? writable[0]!;
  return m.at === '' ? CONFIG_FILE_NAME : `${m.at}/${CONFIG_FILE_NAME}`;
}
