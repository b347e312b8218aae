/**
 * JS/TS module facts, built in ONE walk of the ESTree: imports, exports (ESM and CommonJS), top-level and
 * function-local bindings as symbolic values, functions with their parameters and returns, classes, and
 * every call expression with its callee and arguments as symbols. Extractors read these facts; they never
 * walk the tree again.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';
import type { ClassFact, FunctionFact, ImportFact, ModuleFacts, ParamFact, ReexportFact, Sym } from '../../resolve/sym';
import type { JsProgram } from './parser';

type Node = TSESTree.Node;

export interface JsCall {
  readonly callee: Sym;
  readonly args: readonly Sym[];
  /** Id of the innermost enclosing function, or null at module level. */
  readonly fn: string | null;
  /** The whole call expression. */
  readonly span: Span;
  /** Where a diagnostic about this call goes: from the callee's last name to the end of the first argument. */
  readonly anchor: Span;
  readonly isNew: boolean;
}

export interface JsFileFacts {
  readonly module: ModuleFacts;
  readonly calls: readonly JsCall[];
  /** Span of each exported name's declaration (for route handlers such as `export async function GET`). */
  readonly exportSpans: Readonly<Record<string, Span>>;
}

interface Scope {
  readonly fnId: string | null;
  readonly locals: Set<string>;
  readonly params: Map<string, Sym>;
  readonly parent: Scope | null;
  readonly returns: Sym[] | null;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const TS_WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSInstantiationExpression', 'ChainExpression', 'AwaitExpression']);
const SKIP_KEYS = new Set(['parent', 'loc', 'range', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'decorators']);

export function spanOf(node: { loc: TSESTree.SourceLocation }): Span {
  return { line: node.loc.start.line, column: node.loc.start.column + 1, endLine: node.loc.end.line, endColumn: node.loc.end.column + 1 };
}

export function buildJsFacts(program: JsProgram, file: string, text: string): JsFileFacts {
  return new JsFactsBuilder(file, text).build(program);
}

class JsFactsBuilder {
  private readonly bindings: Record<string, Sym> = Object.create(null);
  private readonly imports: Record<string, ImportFact> = Object.create(null);
  private readonly functions: Record<string, FunctionFact> = Object.create(null);
  private readonly classes: Record<string, ClassFact> = Object.create(null);
  private readonly exports: Record<string, string> = Object.create(null);
  private readonly reexports: ReexportFact[] = [];
  private readonly calls: JsCall[] = [];
  private readonly exportSpans: Record<string, Span> = Object.create(null);
  private readonly reassigned = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  build(program: JsProgram): JsFileFacts {
    const scope: Scope = { fnId: null, locals: new Set(), params: new Map(), parent: null, returns: null };
    collectDeclared(program.body, scope.locals);
    for (const stmt of program.body) this.visit(stmt, scope, null);
    return {
      module: {
        file: this.file,
        language: 'js',
        bindings: this.bindings,
        imports: this.imports,
        functions: this.functions,
        classes: this.classes,
        exports: this.exports,
        reexports: this.reexports,
        deps: this.deps(),
      },
      calls: this.calls,
      exportSpans: this.exportSpans,
    };
  }

  private deps(): string[] {
    const out = new Set<string>();
    for (const i of Object.values(this.imports)) out.add(i.specifier);
    for (const r of this.reexports) out.add(r.specifier);
    for (const c of this.calls) {
      const a = c.args[0];
      if (c.callee.k === 'ref' && (c.callee.name === 'require' || c.callee.name === 'import') && a?.k === 'str') out.add(a.v);
    }
    for (const b of Object.values(this.bindings)) collectImportCalls(b, out);
    return [...out];
  }

  // ---------------------------------------------------------------- walk

  private visit(node: Node | null | undefined, scope: Scope, nameHint: string | null): void {
    if (!node || typeof node !== 'object') return;
    switch (node.type) {
      case 'ImportDeclaration':
        return this.importDecl(node);
      case 'ExportNamedDeclaration':
        return this.exportNamed(node, scope);
      case 'ExportDefaultDeclaration':
        return this.exportDefault(node, scope);
      case 'ExportAllDeclaration':
        if (node.exportKind === 'type') return;
        if (node.exported) {
          const local = `__ns_${nameOf(node.exported)}`;
          this.imports[local] = { specifier: node.source.value, name: '*' };
          this.exports[nameOf(node.exported)] = local;
        } else this.reexports.push({ specifier: node.source.value, names: null });
        return;
      case 'VariableDeclarator':
        return this.declarator(node, scope);
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.func(node, scope, nameHint);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        return this.classDecl(node, scope, nameHint);
      case 'AssignmentExpression':
        this.assignment(node, scope);
        break;
      case 'CallExpression':
      case 'NewExpression':
        this.call(node, scope);
        break;
      case 'ReturnStatement':
        if (scope.returns && node.argument) scope.returns.push(this.sym(node.argument, scope));
        break;
      case 'Property':
        if (!node.computed && FUNCTION_TYPES.has(node.value.type)) {
          this.func(node.value as FunctionLike, scope, joinName(nameHint, propKey(node)));
          return;
        }
        this.visit(node.value, scope, joinName(nameHint, propKey(node)));
        return;
      case 'ObjectExpression':
        for (const p of node.properties) this.visit(p, scope, nameHint);
        return;
      case 'TSInterfaceDeclaration':
      case 'TSTypeAliasDeclaration':
      case 'TSModuleDeclaration':
      case 'TSDeclareFunction':
      case 'TSEnumDeclaration':
        return;
      default:
        break;
    }
    for (const key of Object.keys(node)) {
      if (SKIP_KEYS.has(key)) continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) for (const c of child) this.visit(c as Node, scope, null);
      else if (child && typeof child === 'object' && 'type' in child) this.visit(child as Node, scope, null);
    }
  }

  private importDecl(node: TSESTree.ImportDeclaration): void {
    if (node.importKind === 'type') return;
    const specifier = node.source.value;
    for (const s of node.specifiers) {
      if (s.type === 'ImportDefaultSpecifier') this.imports[s.local.name] = { specifier, name: 'default' };
      else if (s.type === 'ImportNamespaceSpecifier') this.imports[s.local.name] = { specifier, name: '*' };
      else if (s.importKind !== 'type') this.imports[s.local.name] = { specifier, name: nameOf(s.imported) };
    }
  }

  private exportNamed(node: TSESTree.ExportNamedDeclaration, scope: Scope): void {
    if (node.exportKind === 'type') return;
    if (node.source) {
      const names: Record<string, string> = {};
      for (const s of node.specifiers) names[nameOf(s.exported)] = nameOf(s.local);
      this.reexports.push({ specifier: node.source.value, names });
      return;
    }
    const decl = node.declaration;
    if (decl) {
      if (decl.type === 'VariableDeclaration') {
        for (const d of decl.declarations) {
          for (const id of patternNames(d.id)) {
            this.exports[id.name] = id.name;
            this.exportSpans[id.name] = spanOf(id);
          }
        }
      } else if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) {
        this.exports[decl.id.name] = decl.id.name;
        this.exportSpans[decl.id.name] = spanOf(decl.id);
      }
      this.visit(decl, scope, null);
      return;
    }
    for (const s of node.specifiers) {
      const exported = nameOf(s.exported);
      this.exports[exported] = nameOf(s.local);
      this.exportSpans[exported] = spanOf(s.exported);
    }
  }

  private exportDefault(node: TSESTree.ExportDefaultDeclaration, scope: Scope): void {
    const d = node.declaration;
    if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
      this.exports['default'] = d.id.name;
      this.visit(d, scope, d.id.name);
    } else if (d.type === 'Identifier') {
      this.exports['default'] = d.name;
    } else {
      this.bindings['default'] = this.sym(d as Node, scope);
      this.exports['default'] = 'default';
      this.visit(d, scope, 'default');
    }
    this.exportSpans['default'] = spanOf(node);
  }

  private declarator(node: TSESTree.VariableDeclarator, scope: Scope): void {
    const init = node.init;
    if (node.id.type === 'Identifier') {
      const key = this.bindingKey(node.id.name, scope);
      this.bindings[key] = init ? this.sym(init, scope) : { k: 'dyn', text: node.id.name };
      if (init) this.visit(init, scope, node.id.name);
      return;
    }
    if (node.id.type === 'ObjectPattern' && init) {
      const src = this.sym(init, scope);
      for (const p of node.id.properties) {
        if (p.type === 'Property' && !p.computed) {
          const local = patternTarget(p.value);
          if (local) this.bindings[this.bindingKey(local, scope)] = { k: 'member', obj: src, prop: propKey(p) };
        }
      }
    } else {
      for (const id of patternNames(node.id)) this.bindings[this.bindingKey(id.name, scope)] = { k: 'dyn', text: id.name };
    }
    if (init) this.visit(init, scope, null);
  }

  private bindingKey(name: string, scope: Scope): string {
    return scope.fnId ? `${scope.fnId}::${name}` : name;
  }

  private assignment(node: TSESTree.AssignmentExpression, scope: Scope): void {
    const left = node.left;
    // CommonJS exports.
    if (left.type === 'MemberExpression' && !left.computed && left.property.type === 'Identifier') {
      const objText = memberPath(left.object);
      const prop = left.property.name;
      if (objText === 'module' && prop === 'exports') {
        if (node.right.type === 'Identifier') this.exports['default'] = node.right.name;
        else {
          this.bindings['module.exports'] = this.sym(node.right, scope);
          this.exports['default'] = 'module.exports';
        }
        return;
      }
      if (objText === 'exports' || objText === 'module.exports') {
        if (node.right.type === 'Identifier') this.exports[prop] = node.right.name;
        else {
          this.bindings[`exports.${prop}`] = this.sym(node.right, scope);
          this.exports[prop] = `exports.${prop}`;
        }
        return;
      }
    }
    // Reassigned variables: the first value wins, `+=` appends (a query string, usually).
    if (left.type === 'Identifier') {
      const key = this.resolveKey(left.name, scope);
      if (key === null) return;
      const prev = this.bindings[key];
      if (node.operator === '+=' && prev) this.bindings[key] = { k: 'concat', parts: [prev, this.sym(node.right, scope)] };
      else if (node.operator === '=' && (!prev || prev.k === 'dyn') && !this.reassigned.has(key)) this.bindings[key] = this.sym(node.right, scope);
      this.reassigned.add(key);
    }
  }

  private resolveKey(name: string, scope: Scope): string | null {
    for (let s: Scope | null = scope; s; s = s.parent) {
      if (s.params.has(name)) return null;
      if (s.locals.has(name)) return s.fnId ? `${s.fnId}::${name}` : name;
    }
    return null;
  }

  private call(node: TSESTree.CallExpression | TSESTree.NewExpression, scope: Scope): void {
    const callee = this.sym(node.callee as Node, scope);
    const args = node.arguments.map((a) => (a.type === 'SpreadElement' ? ({ k: 'dyn', text: this.src(a) } as Sym) : this.sym(a, scope)));
    const span = spanOf(node);
    const startNode = node.callee.type === 'MemberExpression' ? node.callee.property : node.callee;
    const endNode = node.arguments[0] ?? node;
    const anchor = { line: startNode.loc.start.line, column: startNode.loc.start.column + 1, endLine: endNode.loc.end.line, endColumn: endNode.loc.end.column + 1 };
    this.calls.push({ callee, args, fn: scope.fnId, span, anchor, isNew: node.type === 'NewExpression' });
  }

  private func(node: FunctionLike, scope: Scope, nameHint: string | null): string {
    const name = ('id' in node && node.id ? node.id.name : null) ?? nameHint ?? '<anonymous>';
    const id = fnId(node);
    const inner: Scope = { fnId: id, locals: new Set(), params: new Map(), parent: scope, returns: [] };
    const params: ParamFact[] = [];
    node.params.forEach((p, index) => {
      const param = p.type === 'TSParameterProperty' ? p.parameter : p;
      const base: Sym = { k: 'param', fn: id, index, name: paramName(param) };
      let target: TSESTree.Node = param;
      let def: Sym | undefined;
      if (target.type === 'AssignmentPattern') {
        def = this.sym(target.right, scope);
        target = target.left;
      }
      if (target.type === 'Identifier') inner.params.set(target.name, base);
      else if (target.type === 'ObjectPattern') {
        for (const prop of target.properties) {
          if (prop.type !== 'Property' || prop.computed) continue;
          const local = patternTarget(prop.value);
          if (local) inner.params.set(local, { k: 'member', obj: base, prop: propKey(prop) });
        }
      } else if (target.type === 'RestElement' && target.argument.type === 'Identifier') inner.params.set(target.argument.name, { k: 'dyn', text: target.argument.name });
      params.push(def ? { name: paramName(param), default: def } : { name: paramName(param) });
    });
    if (node.body.type === 'BlockStatement') {
      collectDeclared(node.body.body, inner.locals);
      for (const stmt of node.body.body) this.visit(stmt, inner, null);
    } else {
      inner.returns!.push(this.sym(node.body as Node, inner));
      this.visit(node.body as Node, inner, null);
    }
    this.functions[id] = { id, name, params, returns: inner.returns!, line: node.loc.start.line };
    if (node.type === 'FunctionDeclaration' && node.id) this.bindings[this.bindingKey(node.id.name, scope)] = { k: 'func', id };
    return id;
  }

  private classDecl(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, scope: Scope, nameHint: string | null): void {
    const name = node.id?.name ?? nameHint ?? '<class>';
    const attrs: Record<string, Sym> = {};
    for (const el of node.body.body) {
      if (el.type === 'PropertyDefinition' && !el.computed && el.value) {
        const key = el.key.type === 'Identifier' ? el.key.name : el.key.type === 'Literal' ? String(el.key.value) : null;
        if (key) attrs[key] = this.sym(el.value, scope);
      }
      if (el.type === 'MethodDefinition' && !el.computed && el.value.type === 'FunctionExpression') {
        const key = el.key.type === 'Identifier' ? el.key.name : String((el.key as TSESTree.Literal).value);
        this.func(el.value, scope, `${name}.${key}`);
      } else if (el.type === 'PropertyDefinition' && el.value) this.visit(el.value, scope, null);
    }
    this.classes[name] = { name, bases: node.superClass ? [this.sym(node.superClass, scope)] : [], attrs };
    if (node.type === 'ClassDeclaration' && node.id) this.bindings[this.bindingKey(node.id.name, scope)] = { k: 'class', name };
  }

  // ---------------------------------------------------------------- symbols

  sym(node: Node, scope: Scope): Sym {
    switch (node.type) {
      case 'Literal':
        if (typeof node.value === 'string') return { k: 'str', v: node.value };
        if (typeof node.value === 'number') return { k: 'num', v: node.value };
        return { k: 'dyn', text: this.src(node) };
      case 'TemplateLiteral': {
        const parts: Sym[] = [];
        node.quasis.forEach((q, i) => {
          const s = q.value.cooked ?? q.value.raw;
          if (s) parts.push({ k: 'str', v: s });
          const e = node.expressions[i];
          if (e) parts.push(this.sym(e, scope));
        });
        return parts.length === 1 && parts[0]!.k === 'str' ? parts[0]! : { k: 'concat', parts };
      }
      case 'BinaryExpression':
        if (node.operator === '+') return { k: 'concat', parts: [this.sym(node.left, scope), this.sym(node.right, scope)] };
        return { k: 'dyn', text: this.src(node) };
      case 'LogicalExpression':
        if (node.operator === '??' || node.operator === '||') return { k: 'fallback', options: [this.sym(node.left, scope), this.sym(node.right, scope)] };
        return { k: 'dyn', text: this.src(node) };
      case 'Identifier':
        if (node.name === 'undefined') return { k: 'dyn', text: 'undefined' };
        return this.resolveIdent(node.name, scope);
      case 'ThisExpression':
        return { k: 'dyn', text: 'this' };
      case 'MemberExpression': {
        const env = envName(node, scope, this);
        if (env) return { k: 'env', name: env };
        const obj = this.sym(node.object, scope);
        if (!node.computed && node.property.type === 'Identifier') return { k: 'member', obj, prop: node.property.name };
        if (node.computed && node.property.type === 'Literal' && (typeof node.property.value === 'string' || typeof node.property.value === 'number'))
          return { k: 'member', obj, prop: String(node.property.value) };
        return { k: 'dyn', text: this.src(node) };
      }
      case 'CallExpression':
      case 'NewExpression':
        return {
          k: 'call',
          callee: this.sym(node.callee as Node, scope),
          args: node.arguments.map((a) => (a.type === 'SpreadElement' ? ({ k: 'dyn', text: this.src(a) } as Sym) : this.sym(a, scope))),
        };
      case 'ImportExpression':
        return { k: 'call', callee: { k: 'ref', name: 'import' }, args: [this.sym(node.source, scope)] };
      case 'ObjectExpression': {
        const props: Record<string, Sym> = {};
        const spreads: Sym[] = [];
        for (const p of node.properties) {
          if (p.type === 'SpreadElement') spreads.push(this.sym(p.argument, scope));
          else if (!p.computed || p.key.type === 'Literal') {
            const key = propKey(p);
            props[key] = this.sym(p.value as Node, scope);
          }
        }
        return { k: 'obj', props, spreads };
      }
      case 'ArrayExpression':
        return { k: 'arr', items: node.elements.map((e) => (e && e.type !== 'SpreadElement' ? this.sym(e, scope) : ({ k: 'dyn', text: '…' } as Sym))) };
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        // The function fact itself is recorded when the walk reaches the node; its id is positional.
        return { k: 'func', id: fnId(node) };
      default:
        if (TS_WRAPPERS.has(node.type)) {
          const inner = (node as { expression?: Node; argument?: Node }).expression ?? (node as { argument?: Node }).argument;
          if (inner) return this.sym(inner, scope);
        }
        return { k: 'dyn', text: this.src(node) };
    }
  }

  resolveIdent(name: string, scope: Scope): Sym {
    for (let s: Scope | null = scope; s; s = s.parent) {
      const p = s.params.get(name);
      if (p) return p;
      if (s.locals.has(name)) return { k: 'ref', name: s.fnId ? `${s.fnId}::${name}` : name };
    }
    return { k: 'ref', name };
  }

  isDeclared(name: string, scope: Scope): boolean {
    for (let s: Scope | null = scope; s; s = s.parent) if (s.params.has(name) || s.locals.has(name)) return true;
    return name in this.imports;
  }

  src(node: Node): string {
    const t = this.text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
    return t.length > 80 ? t.slice(0, 79) + '…' : t;
  }
}

type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** `process.env.X`, `process.env['X']`, `import.meta.env.X` (when `process` is not a local name). */
function envName(node: TSESTree.MemberExpression, scope: Scope, b: JsFactsBuilder): string | null {
  const prop = node.computed ? (node.property.type === 'Literal' && typeof node.property.value === 'string' ? node.property.value : null) : node.property.type === 'Identifier' ? node.property.name : null;
  if (prop === null) return null;
  const obj = node.object;
  if (obj.type !== 'MemberExpression' || obj.computed || obj.property.type !== 'Identifier' || obj.property.name !== 'env') return null;
  if (obj.object.type === 'Identifier' && obj.object.name === 'process' && !b.isDeclared('process', scope)) return prop;
  if (obj.object.type === 'MetaProperty') return prop;
  return null;
}

/** `import('x')` inside bound values (lazy route modules) also counts as a dependency. */
function collectImportCalls(s: Sym, out: Set<string>): void {
  if (s.k === 'call') {
    if (s.callee.k === 'ref' && (s.callee.name === 'import' || s.callee.name === 'require') && s.args[0]?.k === 'str') out.add(s.args[0].v);
    for (const a of s.args) collectImportCalls(a, out);
    collectImportCalls(s.callee, out);
  } else if (s.k === 'member') collectImportCalls(s.obj, out);
}

/** Function ids are positional, so a symbol and the function fact agree without a second pass. */
function fnId(node: FunctionLike): string {
  return `@${node.loc.start.line}:${node.loc.start.column + 1}`;
}

function collectDeclared(body: readonly Node[], into: Set<string>): void {
  const visit = (n: Node | null | undefined): void => {
    if (!n || typeof n !== 'object') return;
    switch (n.type) {
      case 'VariableDeclaration':
        for (const d of n.declarations) {
          for (const id of patternNames(d.id)) into.add(id.name);
          visit(d.init ?? null);
        }
        return;
      case 'FunctionDeclaration':
        if (n.id) into.add(n.id.name);
        return;
      case 'ClassDeclaration':
        if (n.id) into.add(n.id.name);
        return;
      case 'ImportDeclaration':
        for (const s of n.specifiers) into.add(s.local.name);
        return;
      case 'ExportNamedDeclaration':
        visit(n.declaration);
        return;
      case 'ExportDefaultDeclaration':
        visit(n.declaration as Node);
        return;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ClassExpression':
        return;
      default:
        break;
    }
    // Block-level declarations (if/for/try bodies) belong to the function too.
    if (n.type === 'BlockStatement' || n.type === 'IfStatement' || n.type === 'ForStatement' || n.type === 'ForOfStatement' || n.type === 'ForInStatement' || n.type === 'TryStatement' || n.type === 'WhileStatement' || n.type === 'SwitchStatement' || n.type === 'SwitchCase' || n.type === 'CatchClause' || n.type === 'LabeledStatement' || n.type === 'DoWhileStatement') {
      for (const key of Object.keys(n)) {
        if (key === 'parent') continue;
        const child = (n as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) for (const c of child) visit(c as Node);
        else if (child && typeof child === 'object' && 'type' in child) visit(child as Node);
      }
    }
  };
  for (const n of body) visit(n);
}

function patternNames(p: Node): TSESTree.Identifier[] {
  switch (p.type) {
    case 'Identifier':
      return [p];
    case 'ObjectPattern':
      return p.properties.flatMap((q) => (q.type === 'RestElement' ? patternNames(q.argument) : patternNames(q.value as Node)));
    case 'ArrayPattern':
      return p.elements.flatMap((e) => (e ? patternNames(e) : []));
    case 'AssignmentPattern':
      return patternNames(p.left);
    case 'RestElement':
      return patternNames(p.argument);
    default:
      return [];
  }
}

function patternTarget(p: Node): string | null {
  if (p.type === 'Identifier') return p.name;
  if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') return p.left.name;
  return null;
}

function paramName(p: Node): string {
  if (p.type === 'Identifier') return p.name;
  if (p.type === 'AssignmentPattern') return paramName(p.left);
  if (p.type === 'RestElement') return `...${paramName(p.argument)}`;
  if (p.type === 'ObjectPattern') return '{…}';
  return '…';
}

function propKey(p: TSESTree.Property): string {
  if (p.key.type === 'Identifier') return p.key.name;
  if (p.key.type === 'Literal') return String(p.key.value);
  return '?';
}

function nameOf(n: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return n.type === 'Identifier' ? n.name : n.value;
}

function joinName(hint: string | null, key: string): string {
  return hint ? `${hint}.${key}` : key;
}

/** Dotted text of a member chain of identifiers (`module.exports`), or '' when it is not one. */
export function memberPath(n: Node): string {
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    const o = memberPath(n.object);
    return o ? `${o}.${n.property.name}` : '';
  }
  return '';
}
