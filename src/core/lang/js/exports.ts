/**
 * The module interface of JS/TS files: ESM imports, named/default/star exports and re-exports, and
 * CommonJS `module.exports` / `exports.x` assignments, recorded into the module's tables.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';
import type { ImportFact, ReexportFact, Sym } from '../../resolve/sym';
import { memberPath, nameOf, patternNames, propKey, spanOf, type Node } from './ast';

/** The tables of a module's facts that imports and exports write to. */
export interface ModuleTables {
  readonly bindings: Record<string, Sym>;
  readonly imports: Record<string, ImportFact>;
  readonly exports: Record<string, string>;
  readonly reexports: ReexportFact[];
  /** Span of each exported name's declaration. */
  readonly exportSpans: Record<string, Span>;
  /** Span of each imported local name's specifier. */
  readonly importSpans: Record<string, Span>;
}

/** `import a, { b as c } from 'x'`, `import * as ns from 'x'` (type-only imports are skipped). */
export function recordImport(t: ModuleTables, node: TSESTree.ImportDeclaration): void {
  if (node.importKind === 'type') return;
  const specifier = node.source.value;
  for (const s of node.specifiers) {
    t.importSpans[s.local.name] = spanOf(s);
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
    } else if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration' || decl.type === 'TSEnumDeclaration') && decl.id) {
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

/** CommonJS `module.exports = …`, `exports.x = …` and `module.exports.x = …`; false when the assignment is none of them. */
export function recordCommonJsExport(t: ModuleTables, node: TSESTree.AssignmentExpression, sym: (n: Node) => Sym): boolean {
  const left = node.left;
  if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') return false;
  const objText = memberPath(left.object);
  const prop = left.property.name;
  if (objText === 'module' && prop === 'exports') {
    // The whole module: a value, or another module (`module.exports = require('./routes')`), whose
    // exports the evaluator then reads through this one.
    if (node.right.type === 'Identifier') t.exports['default'] = node.right.name;
    else {
      t.bindings['module.exports'] = sym(node.right);
      t.exports['default'] = 'module.exports';
    }
    return true;
  }
  if (objText === 'exports' || objText === 'module.exports') {
    exportProperty(t, prop, node.right, sym);
    return true;
  }
  return false;
}

/**
 * CommonJS `Object.assign(module.exports, { a, b: c }, require('./more'))` (or onto `exports`): each
 * property of an object literal is an export, and a required module (also spread into a literal) is
 * re-exported whole. Other sources (a variable holding an object) are not enumerated.
 */
export function recordObjectAssignExport(t: ModuleTables, node: TSESTree.CallExpression, sym: (n: Node) => Sym): void {
  if (memberPath(node.callee) !== 'Object.assign') return;
  const target = node.arguments[0];
  if (!target || (memberPath(target) !== 'module.exports' && memberPath(target) !== 'exports')) return;
  for (const source of node.arguments.slice(1)) {
    if (source.type === 'ObjectExpression') {
      for (const p of source.properties) {
        if (p.type === 'SpreadElement') reexportRequired(t, p.argument);
        else if (!p.computed || p.key.type === 'Literal') exportProperty(t, propKey(p), p.value as Node, sym);
      }
    } else reexportRequired(t, source.type === 'SpreadElement' ? source.argument : source);
  }
}

/** One named CommonJS export: a local name, or a value bound as `exports.<name>`. */
function exportProperty(t: ModuleTables, name: string, value: Node, sym: (n: Node) => Sym): void {
  if (value.type === 'Identifier') t.exports[name] = value.name;
  else {
    t.bindings[`exports.${name}`] = sym(value);
    t.exports[name] = `exports.${name}`;
  }
}

/** `require('x')` as a source of exports: every name of x is one of this module's. */
function reexportRequired(t: ModuleTables, n: Node): void {
  if (n.type !== 'CallExpression' || n.callee.type !== 'Identifier' || n.callee.name !== 'require') return;
  const arg = n.arguments[0];
  if (arg?.type === 'Literal' && typeof arg.value === 'string') t.reexports.push({ specifier: arg.value, names: null });
}

/**
 * A TypeScript enum as the object it compiles to: string members as their text, numeric ones counted on
 * from the last number (`A, B = 5, C` is 0, 5, 6); a computed member (`D = f()`) and those after it are unknown.
 */
export function recordEnum(t: ModuleTables, node: TSESTree.TSEnumDeclaration, key: string): void {
  if (node.declare) return;
  const props: Record<string, Sym> = {};
  let next: number | null = 0;
  for (const m of node.body.members) {
    const name = m.id.type === 'Identifier' ? m.id.name : String(m.id.value);
    const init = m.initializer;
    let value: Sym;
    if (!init) value = next === null ? { k: 'dyn', text: `${node.id.name}.${name}` } : { k: 'num', v: next };
    else if (init.type === 'Literal' && typeof init.value === 'string') value = { k: 'str', v: init.value };
    else if (init.type === 'Literal' && typeof init.value === 'number') value = { k: 'num', v: init.value };
    else value = { k: 'dyn', text: `${node.id.name}.${name}` };
    next = value.k === 'num' ? value.v + 1 : null;
    props[name] = value;
  }
  t.bindings[key] ??= { k: 'obj', props, spreads: [] };
}
