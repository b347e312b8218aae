/**
 * Go file facts, built in ONE walk of the tree-sitter tree: imports (package name → import path),
 * package-level `const`/`var` values (and assignments to package-level vars inside functions),
 * functions, methods and function literals with their parameters, parameter and field types, returns,
 * function-local values, and every call with its arguments.
 *
 * Go packages share one scope across their files: a name this file does not declare is imported from
 * the package (specifier `.`), which the resolver walks file by file (see `modules.ts`).
 */
import type { Span } from '../../types';
import type { FunctionFact, ImportFact, ModuleFacts, ParamFact, Sym } from '../../resolve/sym';
import type { TsNode, TsTree } from '../../parse/treeSitter';
import { bindingKey, collectLocals, type GoScope } from './scope';
import { argSyms, spanOf, toSym, type SymHost } from './syms';
import { emptyModuleScope } from '../scope';

/** The specifier of the importing file's own package (its other files). */
export const SAME_PACKAGE = '.';

export interface GoCall {
  readonly callee: Sym;
  readonly args: readonly Sym[];
  readonly fn: string | null;
  readonly span: Span;
  /** From the callee's last name to the end of the first argument. */
  readonly anchor: Span;
}

export interface GoFileFacts {
  readonly module: ModuleFacts;
  /** The `package` clause's name. */
  readonly pkg: string;
  readonly calls: readonly GoCall[];
  /** Parameter types by function id (`github.com/gin-gonic/gin.RouterGroup`, pointers stripped; local types bare). */
  readonly paramTypes: Readonly<Record<string, readonly string[]>>;
  /** Method receivers by function id: the receiver's name and type. */
  readonly receivers: Readonly<Record<string, { readonly name: string; readonly type: string }>>;
  /** Struct field types: `Server.router` → type. */
  readonly fieldTypes: Readonly<Record<string, string>>;
  /** Declared types of vars (`var APIv1 *gin.RouterGroup`), by binding key (`fn::name` for locals). */
  readonly varTypes: Readonly<Record<string, string>>;
  readonly hasErrors: boolean;
}

const CONTAINER = /_statement$|_clause$|_case$|^block$|^statement_list$/;

/** Predeclared identifiers: never package-level names. */
const BUILTINS = new Set(['nil', 'true', 'false', 'iota', 'append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new', 'panic', 'print', 'println', 'real', 'recover', 'string', 'int', 'bool', 'byte', 'rune', 'error', 'any']);

/** The facts of one parsed Go file. */
export function buildGoFacts(tree: TsTree, file: string): GoFileFacts {
  return new GoFactsBuilder(file).build(tree);
}

class GoFactsBuilder implements SymHost {
  private readonly imports: Record<string, ImportFact> = Object.create(null);
  /** Package name → import path, for types. */
  private readonly importPaths: Record<string, string> = Object.create(null);
  private readonly bindings: Record<string, Sym> = Object.create(null);
  private readonly functions: Record<string, FunctionFact> = Object.create(null);
  private readonly calls: GoCall[] = [];
  private readonly paramTypes: Record<string, string[]> = Object.create(null);
  private readonly receivers: Record<string, { name: string; type: string }> = Object.create(null);
  private readonly fieldTypes: Record<string, string> = Object.create(null);
  private readonly varTypes: Record<string, string> = Object.create(null);
  private readonly topNames = new Set<string>();
  private readonly literals = new Map<number, Sym>();
  private pkg = '';

  constructor(private readonly file: string) {}

  build(tree: TsTree): GoFileFacts {
    const root = tree.rootNode;
    const scope = emptyModuleScope();
    for (const d of root.namedChildren) if (d) this.declare(d);
    for (const d of root.namedChildren) if (d) this.top(d, scope);
    // Package-level vars this file declares without a value may be assigned in another file.
    for (const n of this.topNames) if (!(n in this.bindings) && !this.functionNamed(n)) this.imports[n] ??= { specifier: SAME_PACKAGE, name: n };
    return {
      module: {
        file: this.file,
        language: 'go',
        bindings: this.bindings,
        imports: this.imports,
        functions: this.functions,
        classes: Object.create(null) as Record<string, never>,
        exports: null,
        reexports: [{ specifier: SAME_PACKAGE, names: null }],
        deps: [...new Set([SAME_PACKAGE, ...Object.values(this.importPaths)])],
      },
      pkg: this.pkg,
      calls: this.calls,
      paramTypes: this.paramTypes,
      receivers: this.receivers,
      fieldTypes: this.fieldTypes,
      varTypes: this.varTypes,
      hasErrors: root.hasError,
    };
  }

  private functionNamed(name: string): boolean {
    return this.bindings[name]?.k === 'func';
  }

  /** First pass: the package clause, imports and the names declared at package level. */
  private declare(d: TsNode): void {
    switch (d.type) {
      case 'package_clause':
        this.pkg = d.namedChildren[0]?.text ?? '';
        return;
      case 'import_declaration':
        for (const spec of d.descendantsOfType('import_spec')) if (spec) this.importSpec(spec);
        return;
      case 'function_declaration': {
        const n = d.childForFieldName('name')?.text;
        if (n) this.topNames.add(n);
        return;
      }
      case 'const_declaration':
      case 'var_declaration':
        for (const spec of d.descendantsOfType(['const_spec', 'var_spec'])) for (const id of spec?.childrenForFieldName('name') ?? []) if (id) this.topNames.add(id.text);
        return;
      case 'type_declaration':
        for (const spec of d.descendantsOfType('type_spec')) {
          const n = spec?.childForFieldName('name')?.text;
          if (n) this.topNames.add(n);
        }
        return;
    }
  }

  private importSpec(spec: TsNode): void {
    const pathNode = spec.childForFieldName('path');
    if (!pathNode) return;
    const path = pathNode.text.slice(1, -1);
    const alias = spec.childForFieldName('name')?.text;
    if (alias === '_' || alias === '.') return;
    const name = alias ?? defaultPackageName(path);
    this.imports[name] = { specifier: path, name: '*' };
    this.importPaths[name] = path;
  }

  /** Second pass: values, functions and methods, struct fields. */
  private top(d: TsNode, scope: GoScope): void {
    switch (d.type) {
      case 'const_declaration':
      case 'var_declaration':
        for (const spec of d.descendantsOfType(['const_spec', 'var_spec'])) if (spec) this.spec(spec, scope);
        return;
      case 'function_declaration':
      case 'method_declaration':
        this.funcDecl(d, scope);
        return;
      case 'type_declaration':
        for (const spec of d.descendantsOfType('type_spec')) if (spec) this.typeSpec(spec);
        return;
    }
  }

  private typeSpec(spec: TsNode): void {
    const name = spec.childForFieldName('name')?.text;
    const type = spec.childForFieldName('type');
    if (!name || type?.type !== 'struct_type') return;
    for (const f of type.descendantsOfType('field_declaration')) {
      const t = f?.childForFieldName('type');
      if (!f || !t) continue;
      const tt = this.typeName(t);
      const names = f.childrenForFieldName('name');
      // An embedded field (`*gin.Engine`) is named after its type.
      if (names.length === 0) this.fieldTypes[`${name}.${tt.slice(tt.lastIndexOf('.') + 1)}`] = tt;
      for (const n of names) if (n) this.fieldTypes[`${name}.${n.text}`] = tt;
    }
  }

  /** A type as `importpath.Name` (pointers stripped), a local `Name`, or its source text. */
  typeName(t: TsNode): string {
    if (t.type === 'pointer_type') {
      const inner = t.namedChildren[0];
      return inner ? this.typeName(inner) : t.text;
    }
    if (t.type === 'qualified_type') {
      const pkg = t.childForFieldName('package')?.text ?? '';
      const name = t.childForFieldName('name')?.text ?? '';
      return `${this.importPaths[pkg] ?? pkg}.${name}`;
    }
    if (t.type === 'generic_type') {
      const inner = t.childForFieldName('type');
      return inner ? this.typeName(inner) : t.text;
    }
    return t.text;
  }

  /** `const X = "…"`, `var a, b = f(), g()`; inside functions the names are locals. */
  private spec(spec: TsNode, scope: GoScope): void {
    const names = spec.childrenForFieldName('name').filter((n): n is TsNode => !!n);
    const values = spec.childForFieldName('value')?.namedChildren.filter((n): n is TsNode => !!n) ?? [];
    const type = spec.childForFieldName('type');
    if (type) for (const n of names) this.varTypes[bindingKey(n.text, scope)] = this.typeName(type);
    this.bindPairs(names, values, scope, true);
  }

  /** Bind names to values pairwise (`a, b := x, y`); `a, err := f()` binds nothing (a tuple). */
  private bindPairs(names: readonly TsNode[], values: readonly TsNode[], scope: GoScope, declares: boolean): void {
    const pairwise = names.length === values.length;
    values.forEach((v, i) => {
      const sym = toSym(v, scope, this);
      this.scanCalls(v, scope);
      const n = names[i];
      if (!pairwise || !n || n.type !== 'identifier' || n.text === '_') return;
      const key = declares ? bindingKey(n.text, scope) : this.assignKey(n.text, scope);
      if (key !== null && !(key in this.bindings)) {
        this.bindings[key] = sym;
        // `s := &Server{…}`: the local has the literal's type (for its methods).
        const lit = v.type === 'unary_expression' ? v.childForFieldName('operand') : v;
        const type = lit?.type === 'composite_literal' ? lit.childForFieldName('type') : null;
        if (type && !(key in this.varTypes)) this.varTypes[key] = this.typeName(type);
      }
    });
  }

  /** `s.router = chi.NewRouter()` where `s` has a declared type of this package. */
  private fieldAssign(left: TsNode, value: TsNode, scope: GoScope): void {
    if (left.type !== 'selector_expression') return;
    const obj = left.childForFieldName('operand');
    const field = left.childForFieldName('field')?.text;
    if (obj?.type !== 'identifier' || !field) return;
    const sym = this.ident(obj.text, scope);
    const t = sym.k === 'param' ? (sym.index === -1 ? this.receivers[sym.fn]?.type : this.paramTypes[sym.fn]?.[sym.index]) : sym.k === 'ref' ? this.varTypes[sym.name] : undefined;
    if (t && !t.includes('.') && /^\w+$/.test(t)) this.bindings[`${t}.${field}`] ??= toSym(value, scope, this);
  }

  /** Where `name = v` stores: a local of an enclosing function, or a package-level name; null for a parameter. */
  private assignKey(name: string, scope: GoScope): string | null {
    for (let s: GoScope | null = scope; s; s = s.parent) {
      if (s.params.has(name)) return null;
      if (s.fnId && s.locals.has(name)) return `${s.fnId}::${name}`;
    }
    return name;
  }

  ident(name: string, scope: GoScope): Sym {
    for (let s: GoScope | null = scope; s; s = s.parent) {
      const p = s.params.get(name);
      if (p) return p;
      if (s.fnId && s.locals.has(name)) return { k: 'ref', name: `${s.fnId}::${name}` };
    }
    if (this.topNames.has(name) || name in this.imports) return { k: 'ref', name };
    if (BUILTINS.has(name)) return { k: 'dyn', text: name };
    this.imports[name] = { specifier: SAME_PACKAGE, name };
    return { k: 'ref', name };
  }

  /** `Server{router: r}` and `s.router = r`: the first value a field of a type of this package gets, as binding `Server.router`. */
  fieldInit(type: TsNode, field: string, value: Sym): void {
    const t = this.typeName(type);
    if (!t.includes('.') && /^\w+$/.test(t)) this.bindings[`${t}.${field}`] ??= value;
  }

  funcLit(node: TsNode, scope: GoScope): Sym {
    const hit = this.literals.get(node.id);
    if (hit) return hit;
    const sym: Sym = { k: 'func', id: fnIdOf(node) };
    this.literals.set(node.id, sym);
    this.function(node, scope, '<func>');
    return sym;
  }

  private funcDecl(node: TsNode, scope: GoScope): void {
    const name = node.childForFieldName('name')?.text ?? '<func>';
    const recv = node.type === 'method_declaration' ? node.childForFieldName('receiver')?.namedChildren.find((c) => c?.type === 'parameter_declaration') : null;
    const recvType = recv?.childForFieldName('type');
    const typeName = recvType ? this.typeName(recvType) : null;
    const id = this.function(node, scope, typeName ? `${typeName}.${name}` : name, recv ?? null);
    if (!typeName) this.bindings[name] = { k: 'func', id };
  }

  /** A function, method or literal: parameters (the receiver as index -1), locals, body, returns. */
  private function(node: TsNode, scope: GoScope, name: string, recv: TsNode | null = null): string {
    const id = fnIdOf(node);
    const inner: GoScope = { fnId: id, locals: new Set(), params: new Map(), parent: scope, returns: [] };
    const params: ParamFact[] = [];
    const types: string[] = [];
    if (recv) {
      const rn = recv.childForFieldName('name')?.text;
      const rt = recv.childForFieldName('type');
      if (rn && rt) {
        inner.params.set(rn, { k: 'param', fn: id, index: -1, name: rn });
        this.receivers[id] = { name: rn, type: this.typeName(rt) };
      }
    }
    for (const p of node.childForFieldName('parameters')?.namedChildren ?? []) {
      if (!p || (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration')) continue;
      const t = p.childForFieldName('type');
      const tt = t ? this.typeName(t) : '';
      const names = p.childrenForFieldName('name').filter((n): n is TsNode => !!n);
      for (const n of names.length ? names.map((x) => x.text) : [`_${params.length}`]) {
        inner.params.set(n, { k: 'param', fn: id, index: params.length, name: n });
        params.push(tt ? { name: n, type: tt } : { name: n });
        types.push(tt);
      }
    }
    const body = node.childForFieldName('body');
    if (body) {
      collectLocals(body, inner.locals);
      for (const p of inner.params.keys()) inner.locals.delete(p);
      this.stmt(body, inner);
    }
    this.functions[id] = { id, name, params, returns: inner.returns!, line: node.startPosition.row + 1 };
    this.paramTypes[id] = types;
    return id;
  }

  private stmt(node: TsNode, scope: GoScope): void {
    switch (node.type) {
      case 'short_var_declaration':
      case 'assignment_statement': {
        const left = node.childForFieldName('left')?.namedChildren.filter((n): n is TsNode => !!n) ?? [];
        const right = node.childForFieldName('right')?.namedChildren.filter((n): n is TsNode => !!n) ?? [];
        const op = node.childForFieldName('operator')?.text ?? node.children.find((c) => c && !c.isNamed && /=/.test(c.type))?.type;
        if (node.type === 'short_var_declaration' || op === '=') this.bindPairs(left, right, scope, node.type === 'short_var_declaration');
        if (op === '=' && left.length === right.length) left.forEach((l, i) => this.fieldAssign(l, right[i]!, scope));
        else for (const r of right) this.scanCalls(r, scope);
        return;
      }
      case 'var_declaration':
      case 'const_declaration':
        for (const spec of node.descendantsOfType(['const_spec', 'var_spec'])) if (spec) this.spec(spec, scope);
        return;
      case 'return_statement': {
        const list = node.namedChildren[0];
        const first = list?.type === 'expression_list' ? list.namedChildren[0] : list;
        if (first && scope.returns) scope.returns.push(toSym(first, scope, this));
        if (list) this.scanCalls(list, scope);
        return;
      }
      case 'func_literal':
        this.funcLit(node, scope);
        return;
      case 'expression_statement':
      case 'go_statement':
      case 'defer_statement':
        this.scanCalls(node, scope);
        return;
      default:
        // Blocks, compound statements and their clauses hold statements; anything else is an expression.
        if (CONTAINER.test(node.type)) for (const c of node.namedChildren) if (c) this.stmt(c, scope);
        else this.scanCalls(node, scope);
    }
  }

  /** Record every call inside an expression; function literals are walked (once) as functions. */
  private scanCalls(node: TsNode, scope: GoScope): void {
    if (node.type === 'func_literal') {
      this.funcLit(node, scope);
      return;
    }
    if (node.type === 'call_expression') {
      const fn = node.childForFieldName('function');
      const argsNode = node.childForFieldName('arguments');
      if (fn) {
        const start = fn.type === 'selector_expression' ? (fn.childForFieldName('field') ?? fn) : fn;
        const first = argsNode?.namedChildren[0] ?? node;
        this.calls.push({
          callee: toSym(fn, scope, this),
          args: argSyms(argsNode, scope, this),
          fn: scope.fnId,
          span: spanOf(node),
          anchor: { line: start.startPosition.row + 1, column: start.startPosition.column + 1, endLine: first.endPosition.row + 1, endColumn: first.endPosition.column + 1 },
        });
      }
    }
    for (const c of node.namedChildren) if (c) this.scanCalls(c, scope);
  }
}

function fnIdOf(node: TsNode): string {
  return `@${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
}

/**
 * The name an import binds when it has no alias: the package clause of the imported package, which is
 * by convention its last path element without a major-version suffix (`chi/v5` → `chi`) or a `go-`
 * prefix (`go-chi` → `chi`); `gopkg.in/yaml.v3` → `yaml`.
 */
export function defaultPackageName(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1] ?? path;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]!;
  last = last.replace(/\.v\d+$/, '').replace(/^go-/, '').replace(/[-.]go$/, '');
  return last.replace(/[^A-Za-z0-9_]/g, '_');
}
