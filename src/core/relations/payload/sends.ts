/**
 * The JSON bodies requests send, where they are one literal object: `fetch(url, { body:
 * JSON.stringify({ … }) })` and axios' `post`/`put`/`patch(url, { … })` (instances too). A spread, a
 * computed key, `FormData` or anything built elsewhere is not a body whose fields can all be seen.
 */
import type { Evaluator } from '../../resolve/evaluate';
import { stripGlobal } from '../../resolve/evaluate';
import type { Sym } from '../../resolve/sym';
import type { Ctx, Value } from '../../resolve/value';
import { fileRole } from '../../project/roles';
import type { ClientDecl } from '../../frameworks/types';
import type { FileLocation } from '../../types';
import type { RelationInput } from '../types';

const AXIOS_BODY = new Set(['post', 'put', 'patch']);

function literalKeys(v: Value): ReadonlySet<string> | null {
  if (v.t !== 'obj' || v.spreads.length > 0 || v.assigned) return null;
  return new Set(Object.keys(v.props));
}

function bodyOf(ev: Evaluator, fw: string, decl: ClientDecl, ctx: Ctx): ReadonlySet<string> | null {
  if (fw === 'axios') {
    const method = decl.callee.k === 'member' ? decl.callee.prop : null;
    const data = decl.args[1];
    return method && AXIOS_BODY.has(method) && data ? literalKeys(ev.evaluate(data, ctx)) : null;
  }
  if (fw !== 'fetch' || !decl.args[1]) return null;
  const opts = ev.evaluate(decl.args[1], ctx);
  const body: Sym | undefined = opts.t === 'obj' && opts.spreads.length === 0 ? opts.props['body'] : undefined;
  if (!body) return null;
  const v = ev.evaluate(body, opts.t === 'obj' ? opts.ctx : ctx);
  if (v.t !== 'call' || v.callee.t !== 'ext' || stripGlobal(v.callee.path) !== 'JSON.stringify' || !v.args[0]) return null;
  return literalKeys(ev.evaluate(v.args[0], v.ctx));
}

export async function sentBodies(input: RelationInput, ev: Evaluator): Promise<Map<string, { fields: ReadonlySet<string>; at: FileLocation }>> {
  const out = new Map<string, { fields: ReadonlySet<string>; at: FileLocation }>();
  for (const e of input.store.sources()) {
    for (const fw of ['fetch', 'axios']) {
      for (const d of e.parsed.decls.requests[fw] ?? []) {
        if (fileRole(input.ctx.config, d.file) === 'test') continue;
        await input.ctx.pause();
        let fields: ReadonlySet<string> | null = null;
        try {
          fields = bodyOf(ev, fw, d, { file: d.file, fn: d.fn, params: null });
        } catch {
          fields = null;
        }
        if (fields && fields.size > 0) out.set(`${d.file}:${d.span.line}:${d.span.column}`, { fields, at: { file: d.file, ...d.anchor } });
      }
    }
  }
  return out;
}
