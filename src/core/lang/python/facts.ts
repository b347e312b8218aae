/**
 * Python module facts, built in ONE walk of the tree-sitter tree: imports, top-level and function-local
 * assignments as symbols, classes with attribute defaults (Pydantic settings), functions with parameters
 * and returns, decorated definitions, and every call with positional and keyword arguments.
 */
import type { Span } from '../../types';
import type { ClassFact, FunctionFact, ImportFact, ModuleFacts, ParamFact, Sym } from '../../resolve/sym';
import type { TsNode, TsTree } from '../../parse/treeSitter';

export interface PyCall {
  readonly callee: Sym;
  readonly args: readonly Sym[];
  readonly kw: Readonly<Record<string, Sym>>;
  readonly fn: string | null;
  readonly span: Span;
  /** From the callee's last name to the end of the first argument. */
  readonly anchor: Span;
}

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
}

interface Scope {
  readonly fnId: string | null;
  readonly locals: Set<string>;
  readonly params: Map<string, Sym>;
  readonly parent: Scope | null;
  readonly returns: Sym[] | null;
}

export function spanOfTs(n: TsNode): Span {
  return { line: n.startPosition.row + 1, column: n.startPosition.column + 1, endLine: n.endPosition.row + 1, endColumn: n.endPosition.column + 1 };
}

export function buildPyFacts(tree: TsTree, file: string): PyFileFacts {
  return new PyFactsBuilder(file).build(tree);
}

class PyFactsBuilder {
  private readonly bindings: Record<string, Sym> = Object.create(null);
  private readonly imports: Record<string, ImportFact> = Object.create(null);
  private readonly functions: Record<string, FunctionFact> = Object.create(null);
  private readonly classes: Record<string, ClassFact> = Object.create(null);
  private readonly reexports: { specifier: string; names: null }[] = [];
  private readonly calls: PyCall[] = [];
  private readonly decorated: PyDecorated[] = [];
  private readonly dottedImports: string[] = [];

  constructor(private readonly file: string) {}

  build(tree: TsTree): PyFileFacts {
    const root = tree.rootNode;
    const scope: Scope = { fnId: null, locals: new Set(), params: new Map(), parent: null, returns: null };
    collectAssigned(root, scope.locals);
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
        deps: this.deps(),
      },
      calls: this.calls,
      decorated: this.decorated,
      hasErrors: root.hasError,
    };
  }

  private deps(): string[] {
    const out = new Set<string>();
    for (const i of Object.values(this.imports)) {
      out.add(i.specifier);
      // `from pkg import name`: name may be a submodule.
      if (i.name !== '*') out.add(i.specifier.endsWith('.') ? i.specifier + i.name : `${i.specifier}.${i.name}`);
    }
    for (const r of this.reexports) out.add(r.specifier);
    for (const d of this.dottedImports) out.add(d);
    return [...out];
  }

  private block(node: TsNode, scope: Scope): void {
    for (const child of node.namedChildren) if (child) this.stmt(child, scope, null);
  }

  private stmt(node: TsNode, scope: Scope, classCtx: { name: string; attrs: Record<string, Sym> } | null): void {
    switch (node.type) {
      case 'import_statement':
        return this.importStmt(node);
      case 'import_from_statement':
        return this.importFrom(node);
      case 'future_import_statement':
        return;
      case 'expression_statement':
        for (const e of node.namedChildren) if (e) this.exprStmt(e, scope, classCtx);
        return;
      case 'decorated_definition':
        return this.decoratedDef(node, scope, classCtx);
      case 'function_definition':
        this.funcDef(node, scope, classCtx, []);
        return;
      case 'class_definition':
        this.classDef(node, scope, []);
        return;
      case 'return_statement': {
        const e = node.namedChildren[0];
        if (scope.returns && e) scope.returns.push(this.sym(e, scope));
        if (e) this.scanCalls(e, scope);
        return;
      }
      default:
        // Compound statements (if/for/while/with/try): visit their blocks; scan other nodes for calls.
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'block' || child.type.endsWith('_clause') || child.type === 'else_clause') this.blockLike(child, scope, classCtx);
          else this.scanCalls(child, scope);
        }
    }
  }

  private blockLike(node: TsNode, scope: Scope, classCtx: { name: string; attrs: Record<string, Sym> } | null): void {
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

  private exprStmt(e: TsNode, scope: Scope, classCtx: { name: string; attrs: Record<string, Sym> } | null): void {
    if (e.type === 'assignment') {
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      if (left?.type === 'identifier' && right) {
        const value = this.sym(right, scope);
        if (classCtx) classCtx.attrs[left.text] = value;
        else {
          const key = scope.fnId ? `${scope.fnId}::${left.text}` : left.text;
          // First assignment wins: later ones are usually overrides under a condition.
          if (!(key in this.bindings)) this.bindings[key] = value;
        }
      } else if (left?.type === 'attribute' && right && classCtx === null) {
        // `module.attr = value` patterns are rare for routes; ignore.
      }
      if (right) this.scanCalls(right, scope);
      return;
    }
    if (e.type === 'augmented_assignment') {
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      if (left?.type === 'identifier' && right && e.childForFieldName('operator')?.text === '+=') {
        const key = scope.fnId ? `${scope.fnId}::${left.text}` : left.text;
        const prev = this.bindings[key];
        if (prev) this.bindings[key] = { k: 'concat', parts: [prev, this.sym(right, scope)] };
      }
      if (right) this.scanCalls(right, scope);
      return;
    }
    this.scanCalls(e, scope);
  }

  private importStmt(node: TsNode): void {
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'dotted_name') {
        // `import a.b.c` binds `a`; members walk down into submodules.
        const top = c.text.split('.')[0]!;
        this.imports[top] = { specifier: top, name: '*' };
        this.dottedImports.push(c.text);
      } else if (c.type === 'aliased_import') {
        const name = c.childForFieldName('name')?.text;
        const alias = c.childForFieldName('alias')?.text;
        if (name && alias) this.imports[alias] = { specifier: name, name: '*' };
      }
    }
  }

  private importFrom(node: TsNode): void {
    const mod = node.childForFieldName('module_name');
    if (!mod) return;
    const specifier = mod.text.replace(/\s+/g, '');
    for (const c of node.namedChildren) {
      if (!c || c.id === mod.id) continue;
      if (c.type === 'wildcard_import') {
        this.reexports.push({ specifier, names: null });
        continue;
      }
      if (c.type === 'dotted_name') {
        this.imports[c.text] = { specifier, name: c.text };
      } else if (c.type === 'aliased_import') {
        const name = c.childForFieldName('name')?.text;
        const alias = c.childForFieldName('alias')?.text;
        if (name && alias) this.imports[alias] = { specifier, name };
      }
    }
  }

  private decoratedDef(node: TsNode, scope: Scope, classCtx: { name: string; attrs: Record<string, Sym> } | null): void {
    const decorators: PyDecorator[] = [];
    for (const c of node.namedChildren) {
      if (c?.type === 'decorator') {
        const expr = c.namedChildren[0];
        if (expr) {
          decorators.push({ expr: this.sym(expr, scope), span: spanOfTs(c) });
          this.scanCalls(expr, scope);
        }
      }
    }
    const def = node.childForFieldName('definition');
    if (!def) return;
    if (def.type === 'function_definition') {
      const fnId = this.funcDef(def, scope, classCtx, decorators);
      const name = def.childForFieldName('name')?.text ?? '<lambda>';
      this.decorated.push({ kind: 'function', name: classCtx ? `${classCtx.name}.${name}` : name, fnId, decorators, span: spanOfTs(def.childForFieldName('name') ?? def) });
    } else if (def.type === 'class_definition') {
      this.classDef(def, scope, decorators);
      const name = def.childForFieldName('name')?.text ?? '<class>';
      this.decorated.push({ kind: 'class', name, fnId: null, decorators, span: spanOfTs(def.childForFieldName('name') ?? def) });
    }
  }

  private funcDef(node: TsNode, scope: Scope, classCtx: { name: string } | null, _decorators: PyDecorator[]): string {
    const nameNode = node.childForFieldName('name');
    const name = nameNode?.text ?? '<lambda>';
    const id = `@${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
    const inner: Scope = { fnId: id, locals: new Set(), params: new Map(), parent: scope, returns: [] };
    const params: ParamFact[] = [];
    const paramsNode = node.childForFieldName('parameters');
    let index = 0;
    for (const p of paramsNode?.namedChildren ?? []) {
      if (!p) continue;
      let pname: string | null = null;
      let def: Sym | undefined;
      switch (p.type) {
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
          if (v) def = this.sym(v, scope);
          break;
        }
        default:
          break; // *args, **kwargs, `*`, `/`
      }
      if (pname === null) continue;
      inner.params.set(pname, { k: 'param', fn: id, index, name: pname });
      params.push(def ? { name: pname, default: def } : { name: pname });
      index++;
    }
    const body = node.childForFieldName('body');
    if (body) {
      collectAssigned(body, inner.locals);
      for (const p of inner.params.keys()) inner.locals.delete(p);
      this.blockLike(body, inner, null);
    }
    const fullName = classCtx ? `${classCtx.name}.${name}` : name;
    this.functions[id] = { id, name: fullName, params, returns: inner.returns!, line: node.startPosition.row + 1 };
    if (!classCtx) {
      const key = scope.fnId ? `${scope.fnId}::${name}` : name;
      this.bindings[key] = { k: 'func', id };
    }
    return id;
  }

  private classDef(node: TsNode, scope: Scope, _decorators: PyDecorator[]): void {
    const name = node.childForFieldName('name')?.text ?? '<class>';
    const bases: Sym[] = [];
    const sup = node.childForFieldName('superclasses');
    for (const b of sup?.namedChildren ?? []) if (b && b.type !== 'keyword_argument') bases.push(this.sym(b, scope));
    const attrs: Record<string, Sym> = {};
    const ctx = { name, attrs };
    const body = node.childForFieldName('body');
    for (const c of body?.namedChildren ?? []) if (c) this.stmt(c, scope, ctx);
    this.classes[name] = { name, bases, attrs };
    if (!scope.fnId) this.bindings[name] = { k: 'class', name };
  }

  /** Record every call inside an expression (not inside nested lambdas' bodies, which run later). */
  private scanCalls(node: TsNode, scope: Scope): void {
    if (node.type === 'call') this.recordCall(node, scope);
    if (node.type === 'lambda') return;
    for (const c of node.namedChildren) if (c) this.scanCalls(c, scope);
  }

  private recordCall(node: TsNode, scope: Scope): void {
    const fnNode = node.childForFieldName('function');
    const argsNode = node.childForFieldName('arguments');
    if (!fnNode) return;
    const { args, kw } = this.callArgs(argsNode, scope);
    const start = fnNode.type === 'attribute' ? (fnNode.childForFieldName('attribute') ?? fnNode) : fnNode;
    const first = argsNode?.namedChildren[0] ?? node;
    this.calls.push({
      callee: this.sym(fnNode, scope),
      args,
      kw,
      fn: scope.fnId,
      span: spanOfTs(node),
      anchor: { line: start.startPosition.row + 1, column: start.startPosition.column + 1, endLine: first.endPosition.row + 1, endColumn: first.endPosition.column + 1 },
    });
  }

  private callArgs(argsNode: TsNode | null, scope: Scope): { args: Sym[]; kw: Record<string, Sym> } {
    const args: Sym[] = [];
    const kw: Record<string, Sym> = {};
    for (const a of argsNode?.namedChildren ?? []) {
      if (!a) continue;
      if (a.type === 'keyword_argument') {
        const n = a.childForFieldName('name')?.text;
        const v = a.childForFieldName('value');
        if (n && v) kw[n] = this.sym(v, scope);
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
        args.push({ k: 'dyn', text: a.text });
      } else if (a.type !== 'comment') args.push(this.sym(a, scope));
    }
    return { args, kw };
  }

  sym(node: TsNode, scope: Scope): Sym {
    switch (node.type) {
      case 'string':
        return this.stringSym(node, scope);
      case 'concatenated_string':
        return { k: 'concat', parts: node.namedChildren.filter((c): c is TsNode => !!c && c.type === 'string').map((c) => this.stringSym(c, scope)) };
      case 'integer':
        return { k: 'num', v: Number(node.text.replace(/_/g, '')) };
      case 'identifier':
        return this.resolveIdent(node.text, scope);
      case 'attribute': {
        const obj = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute');
        if (!obj || !attr) return { k: 'dyn', text: clip(node.text) };
        return { k: 'member', obj: this.sym(obj, scope), prop: attr.text };
      }
      case 'subscript': {
        const value = node.childForFieldName('value');
        const sub = node.childForFieldName('subscript');
        if (value && sub?.type === 'string') {
          const s = this.stringSym(sub, scope);
          if (s.k === 'str') return { k: 'member', obj: this.sym(value, scope), prop: s.v };
        }
        return { k: 'dyn', text: clip(node.text) };
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        if (!fn) return { k: 'dyn', text: clip(node.text) };
        const { args, kw } = this.callArgs(node.childForFieldName('arguments'), scope);
        return { k: 'call', callee: this.sym(fn, scope), args, kw };
      }
      case 'binary_operator': {
        const op = node.childForFieldName('operator')?.text;
        const l = node.childForFieldName('left');
        const r = node.childForFieldName('right');
        if (op === '+' && l && r) return { k: 'concat', parts: [this.sym(l, scope), this.sym(r, scope)] };
        return { k: 'dyn', text: clip(node.text) };
      }
      case 'boolean_operator': {
        const op = node.childForFieldName('operator')?.text;
        const l = node.childForFieldName('left');
        const r = node.childForFieldName('right');
        if (op === 'or' && l && r) return { k: 'fallback', options: [this.sym(l, scope), this.sym(r, scope)] };
        return { k: 'dyn', text: clip(node.text) };
      }
      case 'parenthesized_expression': {
        const inner = node.namedChildren[0];
        return inner ? this.sym(inner, scope) : { k: 'dyn', text: clip(node.text) };
      }
      case 'list':
      case 'tuple':
        return { k: 'arr', items: node.namedChildren.filter((c): c is TsNode => !!c && c.type !== 'comment').map((c) => this.sym(c, scope)) };
      case 'dictionary': {
        const props: Record<string, Sym> = {};
        const spreads: Sym[] = [];
        for (const p of node.namedChildren) {
          if (p?.type === 'pair') {
            const k = p.childForFieldName('key');
            const v = p.childForFieldName('value');
            if (k?.type === 'string' && v) {
              const ks = this.stringSym(k, scope);
              if (ks.k === 'str') props[ks.v] = this.sym(v, scope);
            }
          } else if (p?.type === 'dictionary_splat') {
            const e = p.namedChildren[0];
            if (e) spreads.push(this.sym(e, scope));
          }
        }
        return { k: 'obj', props, spreads };
      }
      case 'await': {
        const inner = node.namedChildren[0];
        return inner ? this.sym(inner, scope) : { k: 'dyn', text: clip(node.text) };
      }
      default:
        return { k: 'dyn', text: clip(node.text) };
    }
  }

  private stringSym(node: TsNode, scope: Scope): Sym {
    const start = node.namedChildren.find((c) => c?.type === 'string_start')?.text ?? node.text.slice(0, 1);
    const prefix = start.replace(/["']+$/, '').toLowerCase();
    const raw = prefix.includes('r');
    const fstring = prefix.includes('f');
    const parts: Sym[] = [];
    let lit = '';
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'string_content') {
        const t = raw ? c.text : unescapePy(c.text);
        lit += fstring ? t.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : t;
      } else if (c.type === 'escape_interpolation') lit += c.text.slice(0, 1);
      else if (c.type === 'escape_sequence') lit += raw ? c.text : unescapePy(c.text);
      else if (c.type === 'interpolation') {
        if (lit) parts.push({ k: 'str', v: lit });
        lit = '';
        const e = c.childForFieldName('expression') ?? c.namedChildren[0];
        parts.push(e ? this.sym(e, scope) : { k: 'dyn', text: clip(c.text) });
      }
    }
    if (lit || parts.length === 0) parts.push({ k: 'str', v: lit });
    return parts.length === 1 ? parts[0]! : { k: 'concat', parts };
  }

  private resolveIdent(name: string, scope: Scope): Sym {
    if (name === 'None' || name === 'True' || name === 'False') return { k: 'dyn', text: name };
    for (let s: Scope | null = scope; s; s = s.parent) {
      const p = s.params.get(name);
      if (p) return p;
      if (s.fnId && s.locals.has(name)) return { k: 'ref', name: `${s.fnId}::${name}` };
    }
    return { k: 'ref', name };
  }
}

/** Names assigned directly in a block (not inside nested functions or classes). */
function collectAssigned(node: TsNode, into: Set<string>): void {
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'decorated_definition') {
      const def = c.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
      const n = def?.childForFieldName('name')?.text;
      if (n) into.add(n);
      continue;
    }
    if (c.type === 'assignment' || c.type === 'augmented_assignment') {
      const left = c.childForFieldName('left');
      if (left?.type === 'identifier') into.add(left.text);
    }
    if (c.type === 'lambda') continue;
    collectAssigned(c, into);
  }
}

function unescapePy(s: string): string {
  return s.replace(/\\(n|t|r|\\|'|"|\n)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch === 'r' ? '\r' : ch === '\n' ? '' : ch));
}

function clip(t: string): string {
  const s = t.replace(/\s+/g, ' ');
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
}
