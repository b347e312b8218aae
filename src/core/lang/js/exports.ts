/**
 * The module interface of JS/TS files: ESM imports, named/default/star exports and re-exports, and
 * CommonJS `module.exports` / `exports.x` assignments, recorded into the module's tables.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';
import type { ImportFact, ReexportFact, Sym } from '../../resolve/sym';
import { memberPath, nameOf, patternNames, spanOf, type Node } from './ast';

/** The tables of a module's facts that imports and exports write to. */
export interface ModuleTables {
  readonly bindings: Record<string, Sym>;
  readonly imports: Record<string, ImportFact>;
  readonly exports: Record<string, string>;
  readonly reexports: ReexportFact[];
  /** Span of each exported name's declaration. */
  readonly exportSpans: Record<string, Span>;
}

/** `import a, { b as c } from 'x'`, `import * as ns from 'x'` (type-only imports are skipped). */
export function recordImport(t: ModuleTables, node: TSESTree.ImportDeclaration): void {
  if (node.importKind === 'type') return;
  const specifier = node.source.value;
  for (const s of node.specifiers) {
    if (s.type === 'ImportDefaultSpecifier') t.imports[s.local.name] = { specifier, name: 'default' };
    else if (s.type === 'ImportNamespaceSpecifier') t.imports[s.local.name] = { specifier, name: '*' };
    else if (s.importKind !== 'type') t.imports[s.local.name] = { specifier, name: nameOf(s.imported) };
  }
}

/** `export * from 'x'` (a re-export) and `export * as ns from 'x'` (a namespace import, exported). */
export function recordExportAll(t: ModuleTables, node: TSESTree.ExportAllDeclaration): void {
  if (node.exportKind === 'type') return;
  if (node.exported) {
    const local = `__ns_${nameOf(node.exported)}`;
    t.imports[local] = { specifier: node.source.value, name: '*' };
    t.exports[nameOf(node.exported)] = local;
  } else t.reexports.push({ specifier: node.source.value, names: null });
}

/** `export const/function/class …`, `export { a as b }`, `export { a } from 'x'`; returns the declaration to walk. */
export function recordExportNamed(t: ModuleTables, node: TSESTree.ExportNamedDeclaration): TSESTree.NamedExportDeclarations | null {
  if (node.exportKind === 'type') return null;
  if (node.source) {
    const names: Record<string, string> = {};
    for (const s of node.specifiers) names[nameOf(s.exported)] = nameOf(s.local);
    t.reexports.push({ specifier: node.source.value, names });
    return null;
  }
  const decl = node.declaration;
  if (decl) {
    if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations) {
        for (const id of patternNames(d.id)) exportName(t, id.name, id.name, spanOf(id));
      }
    } else if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) {
      exportName(t, decl.id.name, decl.id.name, spanOf(decl.id));
    }
    return decl;
  }
  for (const s of node.specifiers) exportName(t, nameOf(s.exported), nameOf(s.local), spanOf(s.exported));
  return null;
}

function exportName(t: ModuleTables, exported: string, local: string, span: Span): void {
  t.exports[exported] = local;
  t.exportSpans[exported] = span;
}

/**
 * `export default …`: a named function or class, a name, or an expression (bound as `default`).
 * Returns what to walk next and the name hint for it, or null.
 */
export function recordExportDefault(t: ModuleTables, node: TSESTree.ExportDefaultDeclaration, sym: (n: Node) => Sym): { node: Node; hint: string } | null {
  const d = node.declaration;
  t.exportSpans['default'] = spanOf(node);
  if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
    t.exports['default'] = d.id.name;
    return { node: d, hint: d.id.name };
  }
  if (d.type === 'Identifier') {
    t.exports['default'] = d.name;
    return null;
  }
  t.bindings['default'] = sym(d as Node);
  t.exports['default'] = 'default';
  return { node: d as Node, hint: 'default' };
}

/** CommonJS `module.exports = …` and `exports.x = …`; false when the assignment is neither. */
export function recordCommonJsExport(t: ModuleTables, node: TSESTree.AssignmentExpression, sym: (n: Node) => Sym): boolean {
  const left = node.left;
  if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') return false;
  const objText = memberPath(left.object);
  const prop = left.property.name;
  if (objText === 'module' && prop === 'exports') {
    if (node.right.type === 'Identifier') t.exports['default'] = node.right.name;
    else {
      t.bindings['module.exports'] = sym(node.right);
      t.exports['default'] = 'module.exports';
    }
    return true;
  }
  if (objText === 'exports' || objText === 'module.exports') {
    if (node.right.type === 'Identifier') t.exports[prop] = node.right.name;
    else {
      t.bindings[`exports.${prop}`] = sym(node.right);
      t.exports[prop] = `exports.${prop}`;
    }
    return true;
  }
  return false;
}
