/**
 * serde structs as payload shapes: a struct deriving `Serialize` sends its fields, one deriving
 * `Deserialize` reads them, by their wire names: `#[serde(rename_all = "…")]` on the struct, `rename = "x"`
 * and `alias = "x"` (read only) on a field; `skip`, `skip_serializing` and `skip_deserializing` leave a field
 * out of one side. `flatten`, a `rename(serialize = …)` pair, an enum representation (`tag`, `untagged`) or
 * a conversion (`from`, `into`, `try_from`, `transparent`, `remote`) makes the shape unknown.
 */
import type { Evaluator } from '../../resolve/evaluate';
import type { Annotation, Sym } from '../../resolve/sym';
import type { Ctx } from '../../resolve/value';
import type { Fields } from './shape';

const OPAQUE_CONTAINER = ['tag', 'untagged', 'content', 'from', 'into', 'try_from', 'transparent', 'remote', 'rename_all_fields'];
const OPAQUE_FIELD = ['flatten', 'with', 'serialize_with', 'deserialize_with', 'getter'];

/** `snake_case` field names in a serde `rename_all` style; null for a style not known. */
function renamed(name: string, style: string): string | null {
  const words = name.split('_').filter((w) => w !== '');
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  switch (style) {
    case 'lowercase':
      return name.toLowerCase();
    case 'UPPERCASE':
      return name.toUpperCase();
    case 'snake_case':
      return name;
    case 'SCREAMING_SNAKE_CASE':
      return name.toUpperCase();
    case 'kebab-case':
      return words.join('-');
    case 'SCREAMING-KEBAB-CASE':
      return words.join('-').toUpperCase();
    case 'camelCase':
      return words.map((w, i) => (i === 0 ? w : cap(w))).join('');
    case 'PascalCase':
      return words.map(cap).join('');
    default:
      return null;
  }
}

const serdeArgs = (list: readonly Annotation[] | undefined): Array<readonly [string, string | true | null]> =>
  (list ?? []).filter((a) => a.name === 'serde' || a.name === 'serde::serde').flatMap((a) => Object.entries(a.args));

const derives = (list: readonly Annotation[] | undefined, what: string): boolean =>
  (list ?? []).some((a) => a.name === 'derive' && Object.keys(a.args).some((k) => k === what || k.endsWith(`::${what}`)));

/** The wire names of the struct `sym` (evaluated in `ctx`) when it is serialized (`out`) or read (`in`). */
export function structFields(ev: Evaluator, sym: Sym, ctx: Ctx, side: 'out' | 'in'): Fields {
  const v = ev.evaluate(sym, ctx);
  if (v.t !== 'class') return 'the struct is not one of this workspace';
  const cls = ev.program.module(v.file)?.classes[v.name];
  const ann = cls?.annotations;
  if (!cls || !ann) return `struct \`${v.name}\` cannot be read`;
  if (!derives(ann[''], side === 'out' ? 'Serialize' : 'Deserialize')) return `\`${v.name}\` does not derive ${side === 'out' ? 'Serialize' : 'Deserialize'} itself`;
  let style = 'snake_case';
  for (const [k, val] of serdeArgs(ann[''])) {
    if (OPAQUE_CONTAINER.includes(k)) return `\`${v.name}\` has \`#[serde(${k})]\``;
    if (k === 'rename_all') {
      if (typeof val !== 'string' || renamed('a_b', val) === null) return `the \`rename_all\` of \`${v.name}\` cannot be read`;
      style = val;
    }
  }
  const out = new Set<string>();
  for (const f of cls.fields ?? []) {
    let wire = renamed(f, style)!;
    const aliases: string[] = [];
    let skip = false;
    for (const [k, val] of serdeArgs(ann[f])) {
      if (OPAQUE_FIELD.includes(k)) return `\`${v.name}.${f}\` has \`#[serde(${k})]\``;
      if (k === 'rename') {
        if (typeof val !== 'string') return `the rename of \`${v.name}.${f}\` cannot be read`;
        wire = val;
      } else if (k === 'alias' && typeof val === 'string') aliases.push(val);
      else if (k === 'skip' || (side === 'out' && k === 'skip_serializing') || (side === 'in' && k === 'skip_deserializing')) skip = true;
    }
    if (skip) continue;
    out.add(wire);
    if (side === 'in') for (const a of aliases) out.add(a);
  }
  return out;
}
