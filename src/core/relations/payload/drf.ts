/**
 * DRF serializers as payload shapes: the fields a serializer writes (`to_representation`) and reads
 * (`to_internal_value`), from its declared fields (`name = serializers.CharField(…)`, nested serializers),
 * `Meta.fields` (a list of names; `"__all__"`, `exclude` or no list at all is unknown) and
 * `write_only`/`read_only` (keyword or `Meta.extra_kwargs`). `source=` renames the model attribute, not the
 * field, so the wire name is the attribute's. A serializer overriding `to_representation`, `get_fields` or
 * `to_internal_value`, or deriving from a base that cannot be read, has an unknown shape.
 */
import type { Evaluator } from '../../resolve/evaluate';
import { stripGlobal } from '../../resolve/evaluate';
import type { ClassFact, Sym } from '../../resolve/sym';
import type { Value } from '../../resolve/value';

/** What a serializer sends (`out`) and accepts (`in`), or why it cannot be seen. */
export type SerializerShape = { readonly out: ReadonlySet<string>; readonly in: ReadonlySet<string> } | string;

const BASES = /(?:^|\.)(?:Serializer|ModelSerializer|HyperlinkedModelSerializer)$/;
const OPAQUE_METHODS = ['to_representation', 'get_fields', 'to_internal_value', '__init__'];

interface Collected {
  readonly declared: Set<string>;
  readonly writeOnly: Set<string>;
  /** `Meta.fields` of the nearest class that has a `Meta` (null: a plain serializer without one). */
  readonly listed: string[] | null;
  readonly model: boolean;
}

const isTrue = (s: Sym | undefined): boolean => s?.k === 'dyn' && s.text === 'True';

/** The class a value is, when it is a workspace class deriving (maybe through others) from a DRF serializer. */
export function isSerializerValue(ev: Evaluator, v: Value, depth = 0): boolean {
  if (v.t !== 'class' || depth > 6) return false;
  const cls = ev.program.module(v.file)?.classes[v.name];
  if (!cls) return false;
  return cls.bases.some((b) => {
    const bv = ev.evaluate(b, { file: v.file, fn: null, params: null });
    return (bv.t === 'ext' && BASES.test(stripGlobal(bv.path))) || isSerializerValue(ev, bv, depth + 1);
  });
}

export function serializerShape(ev: Evaluator, file: string, name: string): SerializerShape {
  const c = collect(ev, file, name, 0);
  if (typeof c === 'string') return c;
  let fields: Set<string>;
  if (c.listed) fields = new Set([...c.listed, ...c.declared]);
  else if (c.model) return `\`${name}\` lists no \`Meta.fields\``;
  else fields = c.declared;
  return { out: new Set([...fields].filter((f) => !c.writeOnly.has(f))), in: fields };
}

function collect(ev: Evaluator, file: string, name: string, depth: number): Collected | string {
  const cls = ev.program.module(file)?.classes[name];
  if (!cls || depth > 6) return `serializer \`${name}\` cannot be read`;
  const opaque = OPAQUE_METHODS.find((m) => cls.methods?.[m]);
  if (opaque) return `\`${name}\` overrides \`${opaque}\``;
  const declared = new Set<string>();
  const writeOnly = new Set<string>();
  let listed: string[] | null = null;
  let model = false;
  let isSerializer = false;
  for (const b of cls.bases) {
    const bv = ev.evaluate(b, { file, fn: null, params: null });
    if (bv.t === 'ext' && BASES.test(stripGlobal(bv.path))) {
      isSerializer = true;
      model ||= /Model/.test(stripGlobal(bv.path));
    } else if (bv.t === 'class') {
      const base = collect(ev, bv.file, bv.name, depth + 1);
      if (typeof base === 'string') return base;
      for (const f of base.declared) declared.add(f);
      for (const f of base.writeOnly) writeOnly.add(f);
      listed ??= base.listed;
      model ||= base.model;
      isSerializer = true;
    } else return `a base of \`${name}\` cannot be read`;
  }
  if (!isSerializer) return `\`${name}\` is not a serializer`;
  for (const [attr, s] of Object.entries(cls.attrs)) {
    if (s.k !== 'call') continue;
    declared.add(attr);
    if (isTrue(s.kw?.['write_only'])) writeOnly.add(attr);
  }
  const meta = cls.inner?.['Meta'];
  if (meta) {
    const own = metaFields(meta, name);
    if (typeof own === 'string') return own;
    if (own) listed = own;
    else if (meta.bases.length > 0 || model) return `the \`Meta.fields\` of \`${name}\` cannot be read`;
    const extra = extraWriteOnly(meta.attrs['extra_kwargs'], name);
    if (typeof extra === 'string') return extra;
    for (const f of extra) writeOnly.add(f);
  }
  return { declared, writeOnly, listed, model };
}

/** `Meta.fields` as a list of names (null: not set), or why it cannot be read. */
function metaFields(meta: ClassFact, name: string): string[] | null | string {
  if (meta.attrs['exclude']) return `\`${name}\` excludes fields from its model`;
  const f = meta.attrs['fields'];
  if (!f) return null;
  if (f.k === 'str') return f.v === '__all__' ? `\`${name}\` sends all fields of its model (\`"__all__"\`)` : `the \`Meta.fields\` of \`${name}\` cannot be read`;
  if (f.k !== 'arr' || !f.items.every((i) => i.k === 'str')) return `the \`Meta.fields\` of \`${name}\` cannot be read`;
  return f.items.map((i) => (i.k === 'str' ? i.v : ''));
}

/** `extra_kwargs = {"password": {"write_only": True}}`: the write-only names. */
function extraWriteOnly(s: Sym | undefined, name: string): string[] | string {
  if (!s) return [];
  if (s.k !== 'obj' || s.spreads.length > 0) return `the \`Meta.extra_kwargs\` of \`${name}\` cannot be read`;
  const out: string[] = [];
  for (const [field, opts] of Object.entries(s.props)) {
    if (opts.k !== 'obj') return `the \`Meta.extra_kwargs\` of \`${name}\` cannot be read`;
    if (isTrue(opts.props['write_only'])) out.push(field);
  }
  return out;
}

/**
 * `serializer.data` where `serializer` is one instance of a workspace serializer built without `many=`:
 * its output fields. Null when the value is not such an instance (the caller treats it as unknown).
 */
export function serializerData(ev: Evaluator, owner: Value): ReadonlySet<string> | string | null {
  if (owner.t !== 'instance' || !isSerializerValue(ev, { t: 'class', file: owner.file, name: owner.cls })) return null;
  if (!owner.init) return `the construction of \`${owner.cls}\` is not seen`;
  const many = owner.init.kw['many'];
  if (many && !(many.k === 'dyn' && many.text === 'False')) return `\`${owner.cls}(…, many=…)\` sends a list`;
  if (owner.init.kwSpreads.length > 0) return `\`${owner.cls}(**…)\` may get \`many=True\``;
  const s = serializerShape(ev, owner.file, owner.cls);
  return typeof s === 'string' ? s : s.out;
}
