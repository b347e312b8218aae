/**
 * Rust module facts, built in ONE walk of the top-level items: `use` declarations and `mod` items as
 * imports, constants and statics as bindings, functions (free and in `impl` blocks) with their
 * attributes, parameters, `let` locals and body expressions. Inline `mod x { … }` blocks (tests, mostly)
 * are not entered.
 */
import type { Span } from '../../types';
import type { Annotation, ClassFact, FunctionFact, ImportFact, ModuleFacts, ReexportFact, Sym } from '../../resolve/sym';
import type { TsNode, TsTree } from '../../parse/treeSitter';
import { bodyExprs, rsExpr, spanOfTs, tokenGroups, type RsExpr } from './expr';
import { rsSym, type SymScope } from './syms';

export interface RsAttr {
  /** As written: `get`, `actix_web::get`, `utoipa::path`, `route`. */
  readonly path: string;
  readonly args: readonly RsExpr[];
  readonly span: Span;
}

export interface RsParam {
  readonly name: string;
  /** The type as written (`&mut web::ServiceConfig`). */
  readonly type: string;
}

export interface RsFn {
  /** `name` for free functions, `Type::name` for methods. */
  readonly id: string;
  readonly name: string;
  readonly attrs: readonly RsAttr[];
  readonly params: readonly RsParam[];
  /** Values bound by `let` in the body, first binding of a name (also module bindings `id::name`). */
  readonly lets: Readonly<Record<string, RsExpr>>;
  /** The body's statements, `let` values and tail expression. */
  readonly body: readonly RsExpr[];
  /** The tail expression (the value returned), when there is one. */
  readonly tail: RsExpr | null;
  readonly span: Span;
  /** The return type as written (`Result<Json<User>, AppError>`), when there is one. */
  readonly ret?: string;
  /** The body has a `return` expression (in closures too): the tail is not the only value returned. */
  readonly early?: true;
}

export interface RsFileFacts {
  readonly module: ModuleFacts;
  readonly fns: readonly RsFn[];
  readonly hasErrors: boolean;
}

export function buildRsFacts(tree: TsTree, file: string): RsFileFacts {
  return new RsFactsBuilder(file).build(tree.rootNode);
}

class RsFactsBuilder {
  private readonly imports: Record<string, ImportFact> = Object.create(null);
  private readonly bindings: Record<string, Sym> = Object.create(null);
  private readonly functions: Record<string, FunctionFact> = Object.create(null);
  private readonly reexports: ReexportFact[] = [];
  private readonly deps = new Set<string>();
  private readonly fns: RsFn[] = [];
  private readonly classes: Record<string, ClassFact> = Object.create(null);

  constructor(private readonly file: string) {
    // `crate::…`, `self::…` and `super::…` paths start at these module values.
    for (const k of ['crate', 'self', 'super']) this.imports[k] = { specifier: k, name: '*' };
  }

  build(root: TsNode): RsFileFacts {
    this.items(root, null);
    // `other_crate::a::b` needs no `use` (extern crates are in scope): its first segment is a module path.
    const roots = new Set<string>();
    for (const fn of this.fns) {
      fn.body.forEach((e) => pathRoots(e, roots));
      fn.attrs.forEach((a) => a.args.forEach((e) => pathRoots(e, roots)));
    }
    for (const r of roots) if (!(r in this.imports) && !(r in this.bindings) && r !== 'Self') this.imports[r] = { specifier: r, name: '*' };
    return {
      module: { file: this.file, language: 'rust', bindings: this.bindings, imports: this.imports, functions: this.functions, classes: this.classes, exports: null, reexports: this.reexports, deps: [...this.deps] },
      fns: this.fns,
      hasErrors: root.hasError,
    };
  }

  private items(list: TsNode, implType: string | null): void {
    let attrs: RsAttr[] = [];
    for (const c of list.namedChildren) {
      if (!c || c.type === 'line_comment' || c.type === 'block_comment') continue;
      if (c.type === 'attribute_item') {
        const a = attrOf(c);
        if (a) attrs.push(a);
        continue;
      }
      if (c.type === 'function_item') this.fn(c, attrs, implType);
      else if (implType === null) this.item(c, attrs);
      attrs = [];
    }
  }

  private item(c: TsNode, attrs: RsAttr[]): void {
    switch (c.type) {
      case 'use_declaration': {
        const arg = c.childForFieldName('argument');
        if (arg) this.use(arg, []);
        break;
      }
      case 'mod_item': {
        const name = c.childForFieldName('name')?.text;
        const inline = c.childForFieldName('body');
        // An inline module other than tests (`mod unix { … }`): its functions are read, as `mod::fn`.
        if (name && inline && name !== 'tests' && !attrs.some((a) => a.path === 'cfg' && a.args.some((x) => x.k === 'path' && x.segs[0] === 'test'))) this.items(inline, name);
        if (name && !inline && !attrs.some((a) => a.path === 'path')) {
          this.imports[name] = { specifier: `self::${name}`, name: '*' };
          this.deps.add(`self::${name}`);
        }
        break;
      }
      case 'const_item':
      case 'static_item': {
        const name = c.childForFieldName('name')?.text;
        const value = c.childForFieldName('value');
        if (name && value) this.bindings[name] = rsSym(rsExpr(value), NO_SCOPE);
        break;
      }
      case 'struct_item':
        this.struct(c, attrs);
        break;
      case 'impl_item': {
        const type = c.childForFieldName('type')?.text.replace(/<.*$/s, '');
        const body = c.childForFieldName('body');
        if (type && body) this.items(body, type);
        break;
      }
    }
  }

  /** A struct with named fields: a class of the module, its attributes and its fields' kept as annotations. */
  private struct(c: TsNode, attrs: readonly RsAttr[]): void {
    const name = c.childForFieldName('name')?.text;
    const body = c.childForFieldName('body');
    if (!name || body?.type !== 'field_declaration_list') return;
    const annotations: Record<string, Annotation[]> = { '': attrs.map(annotationOf) };
    const fields: string[] = [];
    let pending: Annotation[] = [];
    for (const f of body.namedChildren) {
      if (f?.type === 'attribute_item') {
        const a = attrOf(f);
        if (a) pending.push(annotationOf(a));
      } else if (f?.type === 'field_declaration') {
        const field = f.childForFieldName('name')?.text.replace(/^r#/, '');
        if (field) {
          fields.push(field);
          annotations[field] = pending;
        }
        pending = [];
      }
    }
    this.classes[name] = { name, bases: [], attrs: {}, fields, annotations };
    if (!(name in this.bindings)) this.bindings[name] = { k: 'class', name };
  }

  /** `use a::b::{c, d as e, f::*}`: one import per name, a glob as a re-export of the whole module. */
  private use(n: TsNode, prefix: readonly string[]): void {
    const segs = (x: TsNode) => x.text.replace(/\s+/g, '').split('::').filter(Boolean);
    const add = (full: readonly string[], alias?: string) => {
      if (full.length === 0) return;
      const name = full[full.length - 1]!;
      const spec = full.slice(0, -1);
      if (name === 'self') return add(spec, alias);
      this.imports[alias ?? name] = spec.length ? { specifier: spec.join('::'), name } : { specifier: name, name: '*' };
      this.deps.add(spec.length ? spec.join('::') : name);
    };
    switch (n.type) {
      case 'identifier':
      case 'scoped_identifier':
      case 'self':
      case 'crate':
      case 'super':
        return add([...prefix, ...segs(n)]);
      case 'use_as_clause': {
        const path = n.childForFieldName('path');
        const alias = n.childForFieldName('alias')?.text;
        if (path && alias && alias !== '_') add([...prefix, ...segs(path)], alias);
        return;
      }
      case 'use_wildcard': {
        const full = [...prefix, ...segs(n).filter((s) => s !== '*')];
        if (full.length) {
          this.reexports.push({ specifier: full.join('::'), names: null });
          this.deps.add(full.join('::'));
        }
        return;
      }
      case 'scoped_use_list': {
        const path = n.childForFieldName('path');
        const list = n.childForFieldName('list');
        const next = path ? [...prefix, ...segs(path)] : prefix;
        if (list) for (const c of list.namedChildren) if (c) this.use(c, next);
        return;
      }
      case 'use_list':
        for (const c of n.namedChildren) if (c) this.use(c, prefix);
        return;
    }
  }

  private fn(c: TsNode, attrs: RsAttr[], implType: string | null): void {
    const name = c.childForFieldName('name')?.text;
    const body = c.childForFieldName('body');
    if (!name) return;
    const id = implType ? `${implType}::${name}` : name;
    const params: RsParam[] = [];
    for (const p of c.childForFieldName('parameters')?.namedChildren ?? []) {
      if (p?.type !== 'parameter') continue;
      params.push({ name: p.childForFieldName('pattern')?.text.replace(/^mut\s+/, '') ?? '', type: p.childForFieldName('type')?.text ?? '' });
    }
    const locals = body ? letBindings(body) : [];
    const scope: SymScope = { fn: id, locals: new Set(locals.map(([n]) => n)), params: params.map((p) => p.name) };
    const lets: Record<string, RsExpr> = Object.create(null);
    for (const [local, value] of locals) {
      lets[local] = rsExpr(value);
      this.bindings[`${id}::${local}`] = rsSym(lets[local], scope);
    }
    const exprs = body ? bodyExprs(body) : [];
    const tailNode = body?.namedChildren.filter((x) => x && x.type !== 'line_comment' && x.type !== 'block_comment').at(-1);
    const tail = tailNode && !tailNode.type.endsWith('_statement') && tailNode.type !== 'let_declaration' && !tailNode.type.endsWith('_item') ? rsExpr(tailNode) : null;
    const ret = c.childForFieldName('return_type')?.text;
    const early = body !== null && hasReturn(body);
    this.fns.push({ id, name, attrs, params, lets, body: exprs, tail, span: spanOfTs(c.childForFieldName('name') ?? c), ...(ret ? { ret } : {}), ...(early ? { early } : {}) });
    this.functions[id] = { id, name: id, params: params.map((p) => ({ name: p.name })), returns: tail ? [rsSym(tail, scope)] : [], line: c.startPosition.row + 1 };
    if (!implType) this.bindings[name] = { k: 'func', id };
  }
}

const NO_SCOPE: SymScope = { fn: null, locals: new Set(), params: [] };

function hasReturn(n: TsNode): boolean {
  for (const c of n.namedChildren) {
    if (!c || c.type === 'function_item') continue;
    if (c.type === 'return_expression' || hasReturn(c)) return true;
  }
  return false;
}

/** An attribute as plain data (see `Annotation`). */
function annotationOf(a: RsAttr): Annotation {
  const args: Record<string, string | true | null> = {};
  for (const x of a.args) {
    if (x.k === 'kv') args[x.key] = x.value.k === 'str' ? x.value.v : null;
    else if (x.k === 'path') args[x.segs.join('::')] = true;
    else if (x.k === 'call' && x.fn.k === 'path') args[x.fn.segs.join('::')] = null;
    else args['?'] = null;
  }
  return { name: a.path, args };
}

/** `let name = value;` anywhere in a body (nested functions excluded), first binding of a name wins. */
function letBindings(body: TsNode): [string, TsNode][] {
  const out: [string, TsNode][] = [];
  const seen = new Set<string>();
  const walk = (n: TsNode) => {
    for (const c of n.namedChildren) {
      if (!c || c.type === 'function_item') continue;
      if (c.type === 'let_declaration') {
        const pat = c.childForFieldName('pattern');
        const value = c.childForFieldName('value');
        const name = pat?.type === 'identifier' ? pat.text : pat?.type === 'mut_pattern' ? pat.namedChildren.at(-1)?.text : undefined;
        if (name && value && !seen.has(name)) {
          seen.add(name);
          out.push([name, value]);
        }
      }
      walk(c);
    }
  };
  walk(body);
  return out;
}

function attrOf(item: TsNode): RsAttr | null {
  const a = item.namedChildren.find((c) => c?.type === 'attribute');
  if (!a) return null;
  const path = a.namedChildren[0];
  if (!path) return null;
  const args = a.childForFieldName('arguments');
  return { path: path.text.replace(/\s+/g, ''), args: args ? tokenGroups(args) : [], span: spanOfTs(item) };
}

/** First segments of the multi-segment paths in an expression. */
function pathRoots(e: RsExpr, out: Set<string>): void {
  switch (e.k) {
    case 'path':
      if (e.segs.length > 1) out.add(e.segs[0]!);
      return;
    case 'call':
      pathRoots(e.fn, out);
      e.args.forEach((a) => pathRoots(a, out));
      return;
    case 'mcall':
      pathRoots(e.recv, out);
      e.args.forEach((a) => pathRoots(a, out));
      return;
    case 'macro':
      e.args.forEach((a) => pathRoots(a, out));
      return;
    case 'block':
      e.body.forEach((a) => pathRoots(a, out));
      return;
    case 'arr':
      e.items.forEach((a) => pathRoots(a, out));
      return;
    case 'kv':
      pathRoots(e.value, out);
      return;
    case 'other':
      e.inner.forEach((a) => pathRoots(a, out));
      return;
    default:
      return;
  }
}
