/**
 * The declarations most JS clients record: every call of a file that the client's cheap test keeps, with
 * its callee and arguments where it is (its `resolve` then decides, with every module in view).
 */
import type { ClientDecl, ParsedFile } from '../types';
import type { JsCall } from '../../lang/js/calls';

export function callDecls(file: ParsedFile, keep: (c: JsCall) => boolean): ClientDecl[] {
  const out: ClientDecl[] = [];
  for (const c of file.js!.calls) if (keep(c)) out.push({ file: file.ref.path, fn: c.fn, span: c.span, anchor: c.anchor, callee: c.callee, args: c.args });
  return out;
}
