/**
 * Instances of workspace classes, seen from the classes outside the workspace they derive from: the
 * constructor call each external base (`fastapi.APIRouter`, `express.Router`) receives, with the
 * arguments that reach it through every constructor on the way (`super().__init__(prefix=prefix,
 * **kwargs)`), and keyword arguments read through `**options` spreads.
 */
import type { CallArgs, ClassFact, ParamFact, Sym } from './sym';
import { symText } from './sym';
import { memberOf } from './members';
import type { Construction, Ctx, EvalHost, Value } from './value';

/** Bases followed per instance (diamonds and long chains stop here). */
const MAX_BASES = 16;

const NO_ARGS: CallArgs = { args: [], kw: {}, kwSpreads: [] };

/**
 * Keyword argument `name` of a call: written out, or taken from its `**options` spreads (the last one
 * that sets it wins); null when it is not passed, unknown when a spread that may set it is unknown.
 */
export function keywordArg(ev: EvalHost, call: CallArgs & { readonly opaque?: string }, ctx: Ctx, name: string): Value | null {
  const s = call.kw[name];
  if (s) return ev.evaluate(s, ctx);
  for (let i = call.kwSpreads.length - 1; i >= 0; i--) {
    const spread = call.kwSpreads[i]!;
    const v = memberOf(ev, ev.evaluate(spread, ctx), name);
    if (v.t !== 'unknown') return v;
    if (!v.absent) return { t: 'unknown', text: name, why: `from \`**${symText(spread)}\`` };
  }
  return call.opaque ? { t: 'unknown', text: name, why: call.opaque } : null;
}

/**
 * The constructor calls of the external classes an instance's class reaches through its bases (depth
 * first, in declaration order), each with the arguments that reach it; an `unknown` stands for a base
 * that could not be evaluated. Empty for a class whose bases all stay in the workspace.
 */
export function externalConstructions(ev: EvalHost, inst: Extract<Value, { t: 'instance' }>): Value[] {
  const out: Value[] = [];
  const init = inst.init ?? { ...NO_ARGS, ctx: { file: inst.file, fn: null, params: null }, opaque: `\`${inst.cls}\` is constructed out of sight` };
  walk(ev, inst.file, inst.cls, init, inst, out, new Set());
  return out;
}

function walk(ev: EvalHost, file: string, cls: string, init: Construction, self: Value, out: Value[], seen: Set<string>): void {
  const key = `${file}#${cls}`;
  if (seen.has(key) || seen.size >= MAX_BASES) return;
  seen.add(key);
  const c = ev.program.module(file)?.classes[cls];
  if (!c) {
    out.push({ t: 'unknown', text: cls, why: `class \`${cls}\` is not indexed` });
    return;
  }
  const next = c.ctor ? throughConstructor(ev, file, c, init, self) : init;
  for (const b of c.bases) {
    const base = ev.evaluate(b, { file, fn: null, params: null });
    if (base.t === 'class') walk(ev, base.file, base.name, next, self, out, seen);
    else if (base.t === 'ext') out.push({ t: 'call', callee: base, args: next.args, kw: next.kw, kwSpreads: next.kwSpreads, ctx: next.ctx, ...(next.opaque ? { opaque: next.opaque } : {}) });
    else if (base.t === 'unknown') out.push(base);
  }
}

/** What a class's own constructor passes on to its base's, with its parameters bound to `init`. */
function throughConstructor(ev: EvalHost, file: string, c: ClassFact, init: Construction, self: Value): Construction {
  const ctor = c.ctor!;
  const fn = ev.program.module(file)?.functions[ctor];
  // A JS constructor has no `self` parameter: its arguments bind from the first one.
  const js = ev.program.module(file)?.language === 'js';
  const params = fn ? (js ? init.args.map((a) => ev.evaluate(a, init.ctx)) : bindParams(ev, fn.params, init, self)) : null;
  const ctx: Ctx = { file, fn: ctor, params, ...(js ? { self } : {}) };
  if (!c.baseInit) return { ...NO_ARGS, ctx, opaque: `\`${c.name}.__init__\` has no \`super().__init__(…)\` call to read` };
  return { ...c.baseInit, ctx };
}

/**
 * A constructor's parameters for one construction: `self`, then the positional arguments, keywords by
 * name (or from the construction's `**options`), the remaining keywords in `**kwargs`. Parameters left
 * out are holes, so their defaults apply.
 */
function bindParams(ev: EvalHost, params: readonly ParamFact[], init: Construction, self: Value): Value[] {
  const bound = new Array<Value>(params.length);
  const positional = params.flatMap((p, i) => (p.keywordOnly || p.restKeywords ? [] : [i]));
  if (positional[0] !== undefined) bound[positional[0]] = self;
  for (let k = 0; k < init.args.length && k + 1 < positional.length; k++) {
    const a = init.args[k]!;
    const i = positional[k + 1]!;
    if (a.k === 'dyn' && a.text.startsWith('*')) {
      // `*args`: from here on, which argument lands where is only known at run time.
      for (const j of positional.slice(k + 1)) bound[j] = { t: 'unknown', text: params[j]!.name, why: `passed through \`${a.text}\`` };
      break;
    }
    bound[i] = ev.evaluate(a, init.ctx);
  }
  const extra: Record<string, Sym> = {};
  for (const [name, s] of Object.entries(init.kw)) {
    const i = params.findIndex((p, j) => j > 0 && p.name === name && !p.restKeywords);
    if (i > 0) bound[i] = ev.evaluate(s, init.ctx);
    else extra[name] = s;
  }
  params.forEach((p, i) => {
    if (i === 0 || bound[i] !== undefined || p.restKeywords || init.kwSpreads.length === 0) return;
    const v = keywordArg(ev, { ...NO_ARGS, kwSpreads: init.kwSpreads }, init.ctx, p.name);
    if (v) bound[i] = v;
  });
  const rest = params.findIndex((p) => p.restKeywords);
  if (rest >= 0) bound[rest] = { t: 'obj', props: extra, spreads: init.kwSpreads, ctx: init.ctx };
  return bound;
}
