/**
 * Python module facts, built in ONE walk of the tree-sitter tree: imports, top-level and function-local
 * assignments as symbols, classes with attribute defaults (Pydantic settings), functions with parameters
 * and returns, decorated definitions, and every call with positional and keyword arguments.
 *
 * This is the walk over statements; expressions become symbols in `syms.ts`, calls are recorded by
 * `calls.ts`, imports by `imports.ts`, and scopes are resolved by `scope.ts`.
 */
import { pyDiscriminants, type PyDiscriminant } from './discriminants';
import type { Span } from '../../types';
import type { CallArgs, ClassFact, FunctionFact, ImportFact, ModuleFacts, ParamFact, Sym } from '../../resolve/sym';
import { symText } from '../../resolve/sym';
import type { SyntaxNode } from '../../parse/syntaxTree';
import { scanCalls, type PyCall } from './calls';
import { importedModules, recordImport, recordImportFrom, type ImportTables } from './imports';
import { bindingKey, collectAssigned, moduleScope, type Scope } from './scope';
import { spanOfTs, toSym } from './syms';

export type { PyCall } from './calls';
export type { PyDiscriminant } from './discriminants';
export { spanOfTs } from './syms';

export interface PyDecorator {
  readonly expr: Sym;
  readonly span: Span;
}

export interface PyDecorated {
  readonly kind: 'function' | 'class';
  readonly name: string;
  /** Function id (for functions). */
  readonly fnId: string | null;
  readonly decorators: readonly PyDecorator[];
  readonly span: Span;
}

export interface PyFileFacts {
  readonly module: ModuleFacts;
  readonly calls: readonly PyCall[];
  readonly decorated: readonly PyDecorated[];
  /** True when the tree had syntax errors (extraction still ran, tolerant). */
  readonly hasErrors: boolean;
  /** Message-kind tests (`data["type"] == "chat"`), for the real-time plugins. */
  readonly discriminants: readonly PyDiscriminant[];
}

/** The class whose body is being walked: its name and the attribute defaults found so far. */
type ClassCtx = { name: string; attrs: Record<string, Sym>; fields?: string[]; inner?: Record<string, ClassFact> };

/**
 * The facts of one parsed Python module. With `valuesOnly` (no contribution reads the file, only the
 * evaluator its module facts) calls, decorators and discriminants are left out, except the calls of
 * constructors (a class's `baseInit`): they are most of the walk's cost. Without `discriminants` (the
 * text cannot hold one, see `mayHaveDiscriminants`) the tree is not searched for them.
 */
export function buildPyFacts(root: SyntaxNode, file: string, valuesOnly = false, discriminants = true): PyFileFacts {
  return new PyFactsBuilder(file, valuesOnly, discriminants).build(root);
}

class PyFactsBuilder implements ImportTables {
  readonly imports: Record<string, ImportFact> = Object.create(null);
  readonly reexports: { specifier: string; names: null }[] = [];
  readonly dottedImports: string[] = [];
  private readonly bindings: Record<string, Sym> = Object.create(null);
  private readonly functions: Record<string, FunctionFact> = Object.create(null);
  private readonly classes: Record<string, ClassFact> = Object.create(null);
  private readonly calls: PyCall[] = [];
  private readonly decorated: PyDecorated[] = [];
  /** Function ids of the `__init__` methods walked so far (their calls give `baseInit`). */
  private readonly ctors = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly valuesOnly: boolean,
    private readonly withDiscriminants: boolean,
  ) {}

  build(root: SyntaxNode): PyFileFacts {
    const scope = moduleScope(root);
    this.block(root, scope);
    return {
      module: {
        file: this.file,
        language: 'python',
        bindings: this.bindings,
        imports: this.imports,
        functions: this.functions,
        classes: this.classes,
        exports: null,
        reexports: this.reexports,
        deps: importedModules(this),
      },
      calls: this.calls,
      decorated: this.decorated,
      hasErrors: root.hasError,
      discriminants: this.valuesOnly || !this.withDiscriminants ? [] : pyDiscriminants(root, scope),
    };
  }

  private scanCalls(node: SyntaxNode, scope: Scope): void {
    if (this.valuesOnly && !(scope.fnId !== null && this.ctors.has(scope.fnId))) return;
    scanCalls(node, scope, this.calls);
  }

  private block(node: SyntaxNode, scope: Scope): void {
    for (const child of node.namedChildren) if (child) this.stmt(child, scope, null);
  }

  private stmt(node: SyntaxNode, scope: Scope, classCtx: ClassCtx | null): void {
    switch (node.type) {
      case 'import_statement':
        return recordImport(this, node);
      case 'import_from_statement':
        return recordImportFrom(this, node);
      case 'future_import_statement':
        return;
      case 'expression_statement':
        for (const e of node.namedChildren) if (e) this.exprStmt(e, scope, classCtx);
        return;
      case 'decorated_definition':
        return this.decoratedDef(node, scope, classCtx);
      case 'function_definition':
        this.funcDef(node, scope, classCtx);
        return;
      case 'class_definition':
        this.classDef(node, scope, classCtx);
        return;
      case 'return_statement': {
        const e = node.namedChildren[0];
        if (scope.returns && e) scope.returns.push(toSym(e, scope));
        if (e) this.scanCalls(e, scope);
        return;
      }
      case 'for_statement':
        this.loopVariable(node, scope);
        this.compound(node, scope, classCtx);
        return;
      default:
        this.compound(node, scope, classCtx);
    }
  }

  /**
   * `for bp in [a.bp, b.bp]:` binds `bp`, in its body, to one of the items (redash registers its auth
   * blueprints so); a loop over anything else binds nothing. As with assignments, the first binding wins.
   */
  private loopVariable(node: SyntaxNode, scope: Scope): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left?.type !== 'identifier' || (right?.type !== 'list' && right?.type !== 'tuple')) return;
    const items = toSym(right, scope);
    const key = bindingKey(left.text, scope);
    if (items.k === 'arr' && items.items.length > 0 && !(key in this.bindings)) this.bindings[key] = { k: 'alt', options: items.items };
  }

  /** Compound statements (if/for/while/with/try): visit their blocks; scan other nodes for calls. */
  private compound(node: SyntaxNode, scope: Scope, classCtx: ClassCtx | null): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'block' || child.type.endsWith('_clause') || child.type === 'else_clause') this.blockLike(child, scope, classCtx);
      else this.scanCalls(child, scope);
    }
  }

  private blockLike(node: SyntaxNode, scope: Scope, classCtx: ClassCtx | null): void {
    if (node.type === 'block') {
      for (const c of node.namedChildren) if (c) this.stmt(c, scope, classCtx);
      return;
    }
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'block') this.blockLike(c, scope, classCtx);
      else this.scanCalls(c, scope);
    }
  }

  private exprStmt(e: SyntaxNode, scope: Scope, classCtx: ClassCtx | null): void {
    if (e.type === 'assignment') {
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      if (classCtx?.fields && left?.type === 'identifier' && e.childForFieldName('type')) classCtx.fields.push(left.text);
      // `module.attr = value` patterns are rare for routes; only plain names are bound.
      if (left?.type === 'identifier' && right) {
        const value = toSym(right, scope);
        if (classCtx) classCtx.attrs[left.text] = value;
        else {
          const key = bindingKey(left.text, scope);
          // First assignment wins: later ones are usually overrides under a condition.
          if (!(key in this.bindings)) this.bindings[key] = value;
        }
      }
      if (right) this.scanCalls(right, scope);
      return;
    }
    if (e.type === 'augmented_assignment') {
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      if (left?.type === 'identifier' && right && e.childForFieldName('operator')?.text === '+=') {
        const key = bindingKey(left.text, scope);
        const prev = this.bindings[key];
        if (prev) this.bindings[key] = { k: 'concat', parts: [prev, toSym(right, scope)] };
      }
      if (right) this.scanCalls(right, scope);
      return;
    }
    this.scanCalls(e, scope);
  }

  private decoratedDef(node: SyntaxNode, scope: Scope, classCtx: ClassCtx | null): void {
    const def = node.childForFieldName('definition');
    if (!def) return;
    const decorators = this.valuesOnly ? [] : this.decorators(node, scope);
    if (def.type === 'function_definition') {
      const fnId = this.funcDef(def, scope, classCtx);
      if (this.valuesOnly) return;
      const name = def.childForFieldName('name')?.text ?? '<lambda>';
      this.decorated.push({ kind: 'function', name: classCtx ? `${classCtx.name}.${name}` : name, fnId, decorators, span: spanOfTs(def.childForFieldName('name') ?? def) });
    } else if (def.type === 'class_definition') {
      this.classDef(def, scope, classCtx);
      if (this.valuesOnly) return;
      const name = def.childForFieldName('name')?.text ?? '<class>';
      this.decorated.push({ kind: 'class', name, fnId: null, decorators, span: spanOfTs(def.childForFieldName('name') ?? def) });
    }
  }

  private decorators(node: SyntaxNode, scope: Scope): PyDecorator[] {
    const decorators: PyDecorator[] = [];
    for (const c of node.namedChildren) {
      if (c?.type !== 'decorator') continue;
      const expr = c.namedChildren[0];
      if (expr) {
        decorators.push({ expr: toSym(expr, scope), span: spanOfTs(c) });
        this.scanCalls(expr, scope);
      }
    }
    return decorators;
  }

  private funcDef(node: SyntaxNode, scope: Scope, classCtx: { name: string } | null): string {
    const nameNode = node.childForFieldName('name');
    const name = nameNode?.text ?? '<lambda>';
    const id = `@${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
    const inner: Scope = { fnId: id, locals: new Set(), params: new Map(), parent: scope, returns: [] };
    if (classCtx && name === '__init__') this.ctors.add(id);
    const params = this.params(node.childForFieldName('parameters'), id, scope, inner);
    const body = node.childForFieldName('body');
    if (body) {
      collectAssigned(body, inner.locals);
      for (const p of inner.params.keys()) inner.locals.delete(p);
      this.blockLike(body, inner, null);
    }
    const fullName = classCtx ? `${classCtx.name}.${name}` : name;
    this.functions[id] = { id, name: fullName, params, returns: inner.returns!, line: node.startPosition.row + 1 };
    if (!classCtx) this.bindings[bindingKey(name, scope)] = { k: 'func', id };
    return id;
  }

  /**
   * Named parameters of function `id` (defaults evaluated in `scope`), bound in `inner`; those after `*`
   * or `*args` are keyword-only, and `**kwargs` comes last. `*args` itself is not a parameter here.
   */
  private params(paramsNode: SyntaxNode | null, id: string, scope: Scope, inner: Scope): ParamFact[] {
    const params: ParamFact[] = [];
    let keywordOnly = false;
    for (const p of paramsNode?.namedChildren ?? []) {
      if (!p) continue;
      // `*args: T` and `**kwargs: T` are typed parameters around the splat pattern.
      const splat = p.type === 'typed_parameter' ? (p.namedChildren.find((c) => c?.type.endsWith('_splat_pattern')) ?? p) : p;
      let pname: string | null = null;
      let def: Sym | undefined;
      // The annotation as written (`UserIn`), for frameworks reading request bodies from it.
      const annotation = splat.type === 'typed_parameter' || splat.type === 'typed_default_parameter' ? (p.childForFieldName('type')?.text ?? null) : null;
      switch (splat.type) {
        case 'identifier':
          pname = p.text;
          break;
        case 'typed_parameter':
          pname = p.namedChildren.find((c) => c?.type === 'identifier')?.text ?? null;
          break;
        case 'default_parameter':
        case 'typed_default_parameter': {
          pname = p.childForFieldName('name')?.text ?? null;
          const v = p.childForFieldName('value');
          if (v) def = toSym(v, scope);
          break;
        }
        case 'list_splat_pattern':
        case 'keyword_separator':
          keywordOnly = true;
          continue;
        case 'dictionary_splat_pattern': {
          const name = splat.namedChildren.find((c) => c?.type === 'identifier')?.text;
          if (name) this.param(params, inner, id, { name, restKeywords: true });
          continue;
        }
        default:
          continue; // `/`
      }
      if (pname !== null) this.param(params, inner, id, { name: pname, ...(def ? { default: def } : {}), ...(keywordOnly ? { keywordOnly } : {}), ...(annotation ? { type: annotation } : {}) });
    }
    return params;
  }

  private param(params: ParamFact[], inner: Scope, id: string, fact: ParamFact): void {
    inner.params.set(fact.name, { k: 'param', fn: id, index: params.length, name: fact.name });
    params.push(fact);
  }

  /** `outer`: the class whose body defines this one (a DRF serializer's `class Meta`); it is kept there too, as `inner`. */
  private classDef(node: SyntaxNode, scope: Scope, outer: ClassCtx | null = null): void {
    const name = node.childForFieldName('name')?.text ?? '<class>';
    const bases: Sym[] = [];
    const sup = node.childForFieldName('superclasses');
    for (const b of sup?.namedChildren ?? []) if (b && b.type !== 'keyword_argument') bases.push(toSym(b, scope));
    const attrs: Record<string, Sym> = {};
    const fields: string[] = [];
    const inner: Record<string, ClassFact> = {};
    const ctx = { name, attrs, fields, inner };
    const body = node.childForFieldName('body');
    const firstCall = this.calls.length;
    for (const c of body?.namedChildren ?? []) if (c) this.stmt(c, scope, ctx);
    const methods = this.methodIds(body);
    const ctor = methods['__init__'];
    const baseInit = ctor ? baseInitCall(this.calls.slice(firstCall), ctor, bases) : null;
    const fact: ClassFact = { name, bases, attrs, methods, ...(fields.length ? { fields } : {}), ...(ctor ? { ctor } : {}), ...(baseInit ? { baseInit } : {}), ...(Object.keys(inner).length ? { inner } : {}), line: node.startPosition.row + 1 };
    this.classes[name] = fact;
    if (outer?.inner) outer.inner[name] = fact;
    if (!scope.fnId) this.bindings[name] = { k: 'class', name };
  }

  /** The methods (name → id, as `funcDef` makes it) defined directly in a class body; the last wins. */
  private methodIds(body: SyntaxNode | null): Record<string, string> {
    const out: Record<string, string> = {};
    for (const c of body?.namedChildren ?? []) {
      const def = c?.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
      const name = def?.type === 'function_definition' ? def.childForFieldName('name')?.text : undefined;
      // A plain object (it goes through the facts cache as JSON): `__proto__` cannot be a key of it.
      if (!def || !name || name === '__proto__') continue;
      const id = `@${def.startPosition.row + 1}:${def.startPosition.column + 1}`;
      if (id in this.functions) out[name] = id;
    }
    return out;
  }
}

/**
 * The first call in constructor `ctor` of the base's constructor: `super().__init__(…)`,
 * `super(Cls, self).__init__(…)` or `Base.__init__(self, …)` for one of the class's `bases`.
 */
function baseInitCall(calls: readonly PyCall[], ctor: string, bases: readonly Sym[]): CallArgs | null {
  const baseTexts = new Set(bases.map((b) => symText(b, 200)));
  for (const c of calls) {
    if (c.fn !== ctor || c.callee.k !== 'member' || c.callee.prop !== '__init__') continue;
    const obj = c.callee.obj;
    if (obj.k === 'call' && obj.callee.k === 'ref' && obj.callee.name === 'super') return { args: c.args, kw: c.kw, kwSpreads: c.kwSpreads };
    if (baseTexts.has(symText(obj, 200))) return { args: c.args.slice(1), kw: c.kw, kwSpreads: c.kwSpreads };
  }
  return null;
}
