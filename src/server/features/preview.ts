/**
 * Which quick-fix edits go through the editor's preview. A fix that creates a file or edits a file other
 * than the one the user is looking at (a backend stub, a proxy route, a server action, a client function,
 * a Vite proxy entry, an ignore rule in the config file) is shown in VS Code's Refactor Preview before it
 * writes: every change carries one LSP change annotation with `needsConfirmation: true`, so the user
 * sees the files and the text and applies or discards. A fix that edits only the open file (change the
 * URL, change the method on the call's own line) stays direct: the change is in view and one undo away.
 * Clients without `workspace.workspaceEdit.changeAnnotationSupport` get the plain edit.
 */
import type { ChangeAnnotation, WorkspaceEdit } from 'vscode-languageserver';
import { URI } from 'vscode-uri';

export const PREVIEW_ANNOTATION = 'apiParity.preview';

/** Does this edit write anywhere but the open document `documentUri`? */
export function writesElsewhere(edit: WorkspaceEdit, documentUri: string | null): boolean {
  const same = (uri: string) => documentUri !== null && URI.parse(uri).toString() === URI.parse(documentUri).toString();
  return (edit.documentChanges ?? []).some((c) => ('kind' in c ? true : !same(c.textDocument.uri)));
}

/** The edit with every change annotated as needing confirmation (a new edit; the input is not changed). */
export function withConfirmation(edit: WorkspaceEdit, label: string, description: string): WorkspaceEdit {
  const annotationId = PREVIEW_ANNOTATION;
  const annotation: ChangeAnnotation = { label, needsConfirmation: true, description };
  const documentChanges = (edit.documentChanges ?? []).map((c) => ('kind' in c ? { ...c, annotationId } : { ...c, edits: c.edits.map((e) => ({ ...e, annotationId })) }));
  return { ...edit, documentChanges, changeAnnotations: { ...edit.changeAnnotations, [annotationId]: annotation } };
}
