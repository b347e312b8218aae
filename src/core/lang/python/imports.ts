/**
 * Python imports: `import a.b.c`, `import a as b`, `from x import y as z`, `from x import *`, and the
 * module names a file depends on (including `from pkg import name` where name may be a submodule).
 */
import type { ImportFact } from '../../resolve/sym';
import type { SyntaxNode } from '../../parse/syntaxTree';

/** The tables of a module's facts that its imports write to. */
export interface ImportTables {
  readonly imports: Record<string, ImportFact>;
  /** `from x import *`: every name of x. */
  readonly reexports: { specifier: string; names: null }[];
  /** Full dotted names of `import a.b.c` statements. */
  readonly dottedImports: string[];
}

/** `import a.b.c` (binds `a`) and `import a.b as c`. */
export function recordImport(t: ImportTables, node: SyntaxNode): void {
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'dotted_name') {
      // `import a.b.c` binds `a`; members walk down into submodules.
      const top = c.text.split('.')[0]!;
      t.imports[top] = { specifier: top, name: '*' };
      t.dottedImports.push(c.text);
    } else if (c.type === 'aliased_import') {
      const name = c.childForFieldName('name')?.text;
      const alias = c.childForFieldName('alias')?.text;
      if (name && alias) t.imports[alias] = { specifier: name, name: '*' };
    }
  }
}

/** `from x import a, b as c` and `from x import *`. */
export function recordImportFrom(t: ImportTables, node: SyntaxNode): void {
  const mod = node.childForFieldName('module_name');
  if (!mod) return;
  const specifier = mod.text.replace(/\s+/g, '');
  for (const c of node.namedChildren) {
    if (!c || c.id === mod.id) continue;
    if (c.type === 'wildcard_import') {
      t.reexports.push({ specifier, names: null });
      continue;
    }
    if (c.type === 'dotted_name') {
      t.imports[c.text] = { specifier, name: c.text };
    } else if (c.type === 'aliased_import') {
      const name = c.childForFieldName('name')?.text;
      const alias = c.childForFieldName('alias')?.text;
      if (name && alias) t.imports[alias] = { specifier, name };
    }
  }
}

/** Every module specifier the imports name. */
export function importedModules(t: ImportTables): string[] {
  const out = new Set<string>();
  for (const i of Object.values(t.imports)) {
    out.add(i.specifier);
    // `from pkg import name`: name may be a submodule.
    if (i.name !== '*') out.add(i.specifier.endsWith('.') ? i.specifier + i.name : `${i.specifier}.${i.name}`);
  }
  for (const r of t.reexports) out.add(r.specifier);
  for (const d of t.dottedImports) out.add(d);
  return [...out];
}
