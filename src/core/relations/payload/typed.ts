/**
 * Reads declared by TypeScript types: a request's answer given a declared type by name (`axios.get<User>(…)`,
 * `const u: User = await res.json()`, see lang/js/tsTypes.ts) reads each required property of that type.
 * The name is followed to its declaration in the same module or, through a named import (type-only too),
 * in the imported module; a type whose shape is not plain, or a name that cannot be followed, reads nothing.
 */
import type { SchemaDecl, TypeShape } from '../../frameworks/types';
import type { FileLocation } from '../../types';
import type { PayloadRead } from './index';

type Decl<T extends SchemaDecl['t']> = Extract<SchemaDecl, { t: T }>;

interface ImportResolver {
  resolveImport(fromFile: string, specifier: string): string | null;
}

function declared(types: ReadonlyMap<string, Decl<'types'>>, program: ImportResolver, file: string, name: string, depth = 0): { shape: TypeShape; file: string } | null {
  const mod = types.get(file);
  if (!mod || depth > 4) return null;
  const own = mod.decls[name];
  if (own) return { shape: own, file };
  const imp = mod.imports[name];
  const target = imp ? program.resolveImport(file, imp.specifier) : null;
  return imp && target ? declared(types, program, target, imp.name, depth + 1) : null;
}

/** `file:line:column` of a request call → the reads its answer's declared type makes. */
export function typedReads(types: ReadonlyMap<string, Decl<'types'>>, typed: readonly Decl<'typed'>[], program: ImportResolver, unwrapped: (file: string) => boolean): Map<string, PayloadRead[]> {
  const out = new Map<string, PayloadRead[]>();
  for (const t of typed) {
    const d = declared(types, program, t.file, t.type);
    if (!d || d.shape.fields === null) continue;
    const key = `${t.file}:${t.call.line}:${t.call.column}`;
    const list = out.get(key) ?? [];
    for (const f of d.shape.fields) {
      const decl: FileLocation = { file: d.file, ...f.span };
      list.push({ field: f.name, via: t.via, at: { file: t.file, ...t.span }, unwrapped: unwrapped(t.file), declared: { type: t.type, at: decl } });
    }
    out.set(key, list);
  }
  return out;
}
