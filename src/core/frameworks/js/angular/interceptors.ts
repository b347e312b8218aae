/**
 * Angular interceptors that put a base in front of every `HttpClient` URL: `req.clone({ url:
 * environment.apiUrl + req.url })` in a class's `intercept(req, next)` or in an `HttpInterceptorFn`.
 * The text before `req.url` is a base for the app's requests (the project's), applied by the engine
 * (engine/sharedBases.ts). A clone made under a condition counts only when every condition on the
 * URL asks whether it is absolute (`!req.url.startsWith('http')`): relative URLs are then always
 * prefixed. Any other rewrite, or a condition that may pick relative URLs, leaves the app's calls
 * unresolved, naming the interceptor. Whether the interceptor is provided is not checked.
 */
import type { JsCall, JsFileFacts } from '../../../lang/js/facts';
import { displayParts } from '../../../match/url';
import type { Part, Value } from '../../../resolve/evaluate';
import type { Sym } from '../../../resolve/sym';
import type { ClientDecl, ResolveContext, SharedBase } from '../../types';

export const INTERCEPTOR_MARKER = /\bHttpInterceptor(?:Fn)?\b/;
/** `startsWith('http')`-style tests: they only tell absolute URLs from relative ones. */
const URL_TESTS = new Set(['startsWith', 'includes', 'indexOf', 'match', 'test']);
const ABSOLUTE_PREFIX = /^(?:https?:?(?:\/\/)?|\/\/|[a-z]+:\/\/)$/i;

/** The key every `HttpClient` request carries in `sharedBase`. */
export const HTTP_CLIENT_KEY = 'HttpClient';

/** `req.clone({ url: … })` calls on a parameter, in a file that declares an interceptor: setting declarations. */
export function interceptorDecls(file: string, text: string, js: JsFileFacts): ClientDecl[] {
  if (!INTERCEPTOR_MARKER.test(text)) return [];
  const out: ClientDecl[] = [];
  for (const c of js.calls) {
    if (c.isNew || c.callee.k !== 'member' || c.callee.prop !== 'clone' || c.callee.obj.k !== 'param' || c.fn === null) continue;
    const cfg = c.args[0];
    if (cfg?.k !== 'obj' || !cfg.props['url']) continue;
    const req = c.callee.obj;
    // Under a condition that may pick relative URLs: the base is not known to apply.
    const guarded = !!c.conditional && !onlyAbsoluteTests(js.calls, c.fn, req.name);
    out.push({ file, fn: c.fn, span: c.span, anchor: c.anchor, callee: req, args: guarded ? [cfg, { k: 'dyn', text: 'conditional' }] : [cfg], setting: true });
  }
  return out;
}

/** Every test on `<req>.url` in the function asks whether it is absolute (and there is at least one). */
function onlyAbsoluteTests(calls: readonly JsCall[], fn: string, req: string): boolean {
  const tests = calls.filter((c) => c.fn === fn && c.callee.k === 'member' && URL_TESTS.has(c.callee.prop) && isUrlOf(c.callee.obj, req));
  return tests.length > 0 && tests.every((c) => c.args[0]?.k === 'str' && ABSOLUTE_PREFIX.test(c.args[0].v));
}

function isUrlOf(s: Sym, req: string): boolean {
  return s.k === 'member' && s.prop === 'url' && s.obj.k === 'param' && s.obj.name === req;
}

/** The base an interceptor's `req.clone({ url })` puts in front of `req.url`, or why it cannot be read. */
export function interceptorSetting(decl: ClientDecl, ctx: ResolveContext): SharedBase | null {
  const ev = ctx.evaluator;
  const req = decl.callee;
  if (req.k !== 'param') return null;
  const fnName = ev.program.module(decl.file)?.functions[decl.fn ?? '']?.name ?? 'an interceptor';
  const label = `the interceptor ${fnName.replace(/\.intercept$/, '')}`;
  const common = { key: HTTP_CLIENT_KEY, scope: 'project', mode: 'concat', label } as const;
  if (decl.args.length > 1) return { ...common, value: null, why: 'rewrites the URL under a condition that may pick relative URLs' };
  const url: Value = ev.member(ctx.value(decl.args[0]!, decl), 'url');
  const parts = ev.partsOf(url);
  const last = parts[parts.length - 1];
  const isReqUrl = (p: Part | undefined) => !!p && 'param' in p && p.param === req.index && p.path.length === 1 && p.path[0] === 'url';
  const prefix = parts.slice(0, -1);
  if (!isReqUrl(last) || prefix.length === 0 || prefix.some((p) => 'param' in p)) {
    return { ...common, value: null, why: `rewrites the URL to \`${displayParts(parts)}\`, which is not a base in front of it` };
  }
  if (prefix.some((p) => !('lit' in p || 'env' in p))) return { ...common, value: null, why: `puts \`${displayParts(prefix)}\` in front of the URL, which cannot be evaluated` };
  return { ...common, value: { t: 'str', parts: prefix } };
}
