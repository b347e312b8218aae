/**
 * The fields of a route's answer, read from its evaluated bodies: object and dict literals (no spread,
 * no computed key), `jsonify(…)`/`JSONResponse(…)`/`Response(…)` around one, and Pydantic models (a
 * `response_model=` class or a returned instance) with their aliases: `Field(alias=…)` and
 * `alias_generator=to_camel`/`to_pascal` in `model_config`. Anything else makes the shape unknown
 * (a string saying why): nothing is judged against it.
 */
import type { Evaluator } from '../../resolve/evaluate';
import { stripGlobal } from '../../resolve/evaluate';
import type { Sym } from '../../resolve/sym';
import type { Ctx, Value } from '../../resolve/value';

/** A set of field names, or why it cannot be seen. */
export type Fields = ReadonlySet<string> | string;

const WRAPPERS = /(?:^|\.)(?:jsonify|JSONResponse|ORJSONResponse|UJSONResponse|Response|JsonResponse)$/;
const MODEL_BASES = /(?:^|\.)(?:BaseModel|SQLModel)$/;

/**
 * `literalDicts`: only a dict written in the answer itself counts (Python, where `d["k"] = v` and
 * `d.update()` are not recorded: a dict bound to a name may have changed before it is sent).
 */
export function fieldsOfBody(ev: Evaluator, body: Sym, ctx: Ctx, literalDicts: boolean): Fields {
  return fieldsOf(ev, ev.evaluate(body, ctx), 0, literalDicts ? body : null);
}

/** `written`: the symbol the value was evaluated from, when only literals count. */
function fieldsOf(ev: Evaluator, v: Value, depth: number, written: Sym | null): Fields {
  if (depth > 6) return 'the answer is built too deep to follow';
  switch (v.t) {
    case 'obj': {
      if (written && written.k !== 'obj') return 'the answer is a dict built elsewhere, which may change before it is sent';
      if (v.spreads.length > 0) return 'the answer spreads another object or has a computed key';
      return new Set([...Object.keys(v.props), ...Object.keys(v.assigned ?? {})]);
    }
    case 'alt': {
      const out = new Set<string>();
      for (const o of v.options) {
        const f = fieldsOf(ev, o, depth + 1, written);
        if (typeof f === 'string') return f;
        for (const k of f) out.add(k);
      }
      return out;
    }
    case 'class':
      return modelFields(ev, v.file, v.name, 0);
    case 'instance':
      return modelFields(ev, v.file, v.cls, 0);
    case 'call': {
      if (v.callee.t !== 'ext' || !WRAPPERS.test(stripGlobal(v.callee.path))) return 'the answer is the result of a call that is not followed';
      const inner = v.args[0] ?? v.kw['content'] ?? v.kw['data'];
      if (!inner || v.args.length > 1 || (v.kwSpreads?.length ?? 0) > 0) return 'the answer is not one literal';
      return fieldsOf(ev, ev.evaluate(inner, v.ctx), depth + 1, written ? inner : null);
    }
    default:
      return 'the answer is not a literal or a model';
  }
}

type Style = 'camel' | 'pascal' | null;
interface Model {
  readonly fields: ReadonlyArray<{ readonly name: string; readonly alias: string | null }>;
  /** The alias generator of the nearest class that configures one (undefined: none does). */
  readonly style: Style | undefined;
}

/** A Pydantic model's fields as they are written on the wire (by alias), with its bases'. */
function modelFields(ev: Evaluator, file: string, name: string, depth: number): Fields {
  const m = collectModel(ev, file, name, depth);
  if (typeof m === 'string') return m;
  return new Set(m.fields.map((f) => f.alias ?? applyStyle(f.name, m.style ?? null)));
}

function collectModel(ev: Evaluator, file: string, name: string, depth: number): Model | string {
  const m = ev.program.module(file);
  const cls = m?.classes[name];
  if (!m || !cls || depth > 6) return `model \`${name}\` cannot be read`;
  // Pydantic v1 `class Config:` sits beside the model in the facts: its alias generator is not tied to one model.
  if (m.classes['Config']?.attrs['alias_generator']) return 'a `class Config` alias generator';
  const fields: Array<{ name: string; alias: string | null }> = [];
  let style: Style | undefined;
  let isModel = false;
  for (const b of cls.bases) {
    const bv = ev.evaluate(b, { file, fn: null, params: null });
    if (bv.t === 'ext' && MODEL_BASES.test(stripGlobal(bv.path))) isModel = true;
    else if (bv.t === 'class') {
      const base = collectModel(ev, bv.file, bv.name, depth + 1);
      if (typeof base === 'string') return base;
      fields.push(...base.fields);
      style ??= base.style;
      isModel = true;
    } else return `a base of \`${name}\` cannot be read`;
  }
  if (!isModel) return `\`${name}\` is not a model`;
  const own = ownStyle(ev, file, name, cls.attrs['model_config']);
  if (typeof own === 'string') return own;
  if (own !== undefined) style = own.style;
  for (const f of cls.fields ?? []) {
    const alias = fieldAlias(cls.attrs[f]);
    if (alias === undefined) return `the alias of \`${name}.${f}\` cannot be read`;
    fields.push({ name: f, alias });
  }
  return { fields, style };
}

/** The alias generator `model_config` sets (null: none; undefined: no `model_config`), or why it cannot be read. */
function ownStyle(ev: Evaluator, file: string, name: string, cfg: Sym | undefined): { style: Style } | undefined | string {
  if (!cfg) return undefined;
  const gen = cfg.k === 'call' ? (cfg.kw?.['alias_generator'] ?? null) : cfg.k === 'obj' ? (cfg.props['alias_generator'] ?? null) : undefined;
  if (gen === undefined) return `the \`model_config\` of \`${name}\` cannot be read`;
  if (gen === null) return { style: null };
  const g = ev.evaluate(gen, { file, fn: null, params: null });
  const path = g.t === 'ext' ? stripGlobal(g.path) : '';
  if (/(?:^|\.)to_camel$/.test(path)) return { style: 'camel' };
  if (/(?:^|\.)to_pascal$/.test(path)) return { style: 'pascal' };
  return `the alias generator of \`${name}\` is not a known one`;
}

/** `Field(alias="x")` → `x`; no alias → null; an alias that is not a literal → undefined. */
function fieldAlias(s: Sym | undefined): string | null | undefined {
  if (!s || s.k !== 'call') return null;
  const callee = s.callee.k === 'ref' ? s.callee.name : s.callee.k === 'member' ? s.callee.prop : '';
  if (callee !== 'Field') return null;
  const a = s.kw?.['serialization_alias'] ?? s.kw?.['alias'];
  if (!a) return null;
  return a.k === 'str' ? a.v : undefined;
}

export function applyStyle(name: string, style: Style): string {
  if (style === null) return name;
  const camel = name.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
  return style === 'pascal' ? camel.charAt(0).toUpperCase() + camel.slice(1) : camel;
}

/** The case style of a name, for messages. */
export function caseStyle(name: string): string {
  if (name.includes('_')) return 'snake_case';
  if (name.includes('-')) return 'kebab-case';
  if (/^[A-Z]/.test(name)) return 'PascalCase';
  return /[A-Z]/.test(name) ? 'camelCase' : 'lower case';
}

/** `access_token`, `accessToken`, `AccessToken`, `access-token` → `accesstoken`. */
export function styleless(name: string): string {
  return name.replace(/[_-]/g, '').toLowerCase();
}

/**
 * The names a request body model accepts (FastAPI validates the body with it): field names, aliases and
 * generated aliases together, so that `populate_by_name` either way never makes a false finding. Among
 * `candidates` (annotated parameters), exactly one must be a workspace model; otherwise unknown.
 */
export function modelInputFields(ev: Evaluator, candidates: Sym, ctx: Ctx): Fields | null {
  const items = candidates.k === 'arr' ? candidates.items : [candidates];
  const models: Model[] = [];
  for (const it of items) {
    const v = ev.evaluate(it, ctx);
    if (v.t !== 'class') continue;
    const m = collectModel(ev, v.file, v.name, 0);
    if (typeof m === 'string') {
      if (/is not a model$/.test(m)) continue;
      return m;
    }
    models.push(m);
  }
  if (models.length === 0) return null;
  if (models.length > 1) return 'several body models (embedded bodies)';
  const m = models[0]!;
  return new Set(m.fields.flatMap((f) => [f.name, applyStyle(f.name, m.style ?? null), ...(f.alias ? [f.alias] : [])]));
}
