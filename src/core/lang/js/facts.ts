/**
 * JS/TS module facts, built in ONE walk of the ESTree: imports, exports (ESM and CommonJS), top-level and
 * function-local bindings as symbolic values, functions with their parameters and returns, classes, and
 * every call expression with its callee and arguments as symbols. Extractors read these facts; they never
 * walk the tree again.
 *
 * This is the walk itself; expressions become symbols in `syms.ts`, calls are recorded by `calls.ts`,
 * imports and exports by `exports.ts`, properties assigned to named objects by `assignments.ts`, and
 * scopes are resolved by `scope.ts`.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';
import type { ClassFact, FunctionFact, ImportFact, ModuleFacts, ParamFact, ReexportFact, Sym } from '../../resolve/sym';
import type { JsProgram } from './parser';
import { FUNCTION_TYPES, fnId, joinName, paramName, patternNames, patternTarget, propKey, type FunctionLike, type Node } from './ast';
import { PropertyAssignments, windowGlobal } from './assignments';
import { LOOPS, Reassignments } from './reassign';
import { ClassMembers, selfOf } from './classes';
import { linkAttrFacts, type JsLinkAttr } from './links';
import { callFact, defaultsFact, loadedSpecifiers, navigationFact, type JsCall, type JsDefaultsSet } from './calls';
import { compareDiscriminant, HandlerMaps, switchDiscriminants, type JsDiscriminant } from './discriminants';
import { recordCommonJsExport, recordEnum, recordExportAll, recordExportDefault, recordExportNamed, recordImport, recordObjectAssignExport, type ModuleTables } from './exports';
import { bindingKey, collectDeclared, declaredKey, moduleScope, type Scope } from './scope';
import { toSym, type SymSource } from './syms';
import { decoratedIn, declaredFields, injectedType, paramTyping, type JsDecorated } from './decorators';
import { comparisonsOf, type JsComparison } from './comparisons';
import { PayloadReads, type JsBodyRead, type JsPayloadRead } from './payloads';
import { exportedTypeDecl, type JsTsTypes } from './tsTypes';
import { providerFact, type JsProvider } from './providers';

export type { JsCall, JsDefaultsSet } from './calls';
export type { JsDecorated, JsDecorator } from './decorators';
export type { JsComparison } from './comparisons';
export type { JsDiscriminant } from './discriminants';
export type { JsBodyRead, JsPayloadRead } from './payloads';
export type { JsProvider } from './providers';
export { memberPath, spanOf } from './ast';

export interface JsFileFacts {
  readonly module: ModuleFacts;
  readonly calls: readonly JsCall[];
  /** Span of each exported name's declaration (for route handlers such as `export async function GET`). */
  readonly exportSpans: Readonly<Record<string, Span>>;
  /** Classes and class members that carry decorators, with the decorators' expressions. */
  readonly decorated: readonly JsDecorated[];
  /** Span of each imported local name's specifier (where a module uses what it imports). */
  readonly importSpans: Readonly<Record<string, Span>>;
  /** Members compared with strings (`req.method === 'POST'`, switch cases). */
  readonly comparisons: readonly JsComparison[];
  /** Message-kind tests (`switch (msg.type)` cases, `data.type === "x"`), for the real-time relations. */
  readonly discriminants: readonly JsDiscriminant[];
  /** Fields read off awaited calls' results and bodies (`data.accessToken`), for the payload relation. */
  readonly payloadReads?: readonly JsPayloadRead[];
  /** Fields handlers read off their request's body (`req.body.name`). */
  readonly bodyReads?: readonly JsBodyRead[];
  /** Declared TS types and the request answers given one (`axios.get<User>(…)`), for the payload relation. */
  readonly tsTypes?: JsTsTypes;
  /** Client defaults set by assignment (`axios.defaults.baseURL = …`). */
  readonly defaultsSets?: readonly JsDefaultsSet[];
  /** `<Ctx.Provider value={…}>` elements: the value a React-style context gets below them. */
  readonly providers?: readonly JsProvider[];
  /** `href={…}`/`src={…}` JSX attributes given as expressions (see `links.ts`). */
  readonly linkAttrs?: readonly JsLinkAttr[];
}

const CONDITIONAL = new Set(['IfStatement', 'ConditionalExpression', 'LogicalExpression', 'SwitchStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
const SKIP_KEYS = new Set(['parent', 'loc', 'range', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'decorators']);

/** The facts of one parsed JS/TS module. */
export function buildJsFacts(program: JsProgram, file: string, text: string): JsFileFacts {
  return new JsFactsBuilder(file, text).build(program);
}

/** The directive prologue of a body (`'use server'`, `'use client'`, `'use strict'`), when it has one. */
function directivesOf(body: readonly Node[]): { directives?: string[] } {
  const out: string[] = [];
  for (const stmt of body) {
    if (stmt.type !== 'ExpressionStatement' || typeof stmt.directive !== 'string') break;
    out.push(stmt.directive);
  }
  return out.length ? { directives: out } : {};
}

class JsFactsBuilder implements ModuleTables, SymSource {
  readonly bindings: Record<string, Sym> = Object.create(null);
  readonly imports: Record<string, ImportFact> = Object.create(null);
  readonly exports: Record<string, string> = Object.create(null);
  readonly reexports: ReexportFact[] = [];
  readonly exportSpans: Record<string, Span> = Object.create(null);
  readonly importSpans: Record<string, Span> = Object.create(null);
  private readonly functions: Record<string, FunctionFact> = Object.create(null);
  private readonly classes: Record<string, ClassFact> = Object.create(null);
  private readonly calls: JsCall[] = [];
  private readonly defaultsSets: JsDefaultsSet[] = [];
  private readonly providers: JsProvider[] = [];
  private readonly linkAttrs: JsLinkAttr[] = [];
  private readonly decorated: JsDecorated[] = [];
  private readonly comparisons: JsComparison[] = [];
  private readonly discriminants: JsDiscriminant[] = [];
  private readonly handlerMaps = new HandlerMaps();
  private readonly propertyAssignments = new PropertyAssignments();
  private readonly classMembers = new ClassMembers();
  private readonly payloads = new PayloadReads();
  /** How many branches (if, ?:, loops, switch, try, && / ||) and loops the walk is inside, in the current function. */
  private conditional = 0;
  private loops = 0;
  private readonly reassignments = new Reassignments();

  constructor(
    private readonly file: string,
    readonly text: string,
  ) {}

  build(program: JsProgram): JsFileFacts {
    const scope = moduleScope(program.body);
    for (const stmt of program.body) this.visit(stmt, scope, null);
    this.propertyAssignments.apply(this.bindings);
    this.payloads.finish();
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
        ...directivesOf(program.body),
      },
      calls: this.calls,
      exportSpans: this.exportSpans,
      decorated: this.decorated,
      importSpans: this.importSpans,
      comparisons: this.comparisons,
      discriminants: [...this.discriminants, ...this.handlerMaps.discriminants()],
      payloadReads: this.payloads.reads,
      bodyReads: this.payloads.bodyReads,
      ...(this.payloads.types.facts() ? { tsTypes: this.payloads.types.facts()! } : {}),
      defaultsSets: this.defaultsSets,
      ...(this.providers.length ? { providers: this.providers } : {}),
      ...(this.linkAttrs.length ? { linkAttrs: this.linkAttrs } : {}),
    };
  }

  private deps(): string[] {
    const out = new Set<string>();
    for (const i of Object.values(this.imports)) out.add(i.specifier);
    for (const r of this.reexports) out.add(r.specifier);
    loadedSpecifiers(this.calls, this.bindings, out);
    return [...out];
  }

  private sym(node: Node, scope: Scope): Sym {
    return toSym(node, scope, this);
  }

  // ---------------------------------------------------------------- walk

  private visit(node: Node | null | undefined, scope: Scope, nameHint: string | null): void {
    if (!node || typeof node !== 'object') return;
    switch (node.type) {
      case 'ImportDeclaration':
        this.payloads.types.importDecl(node);
        return recordImport(this, node);
      case 'ExportNamedDeclaration':
        return this.visit(recordExportNamed(this, node) ?? exportedTypeDecl(node), scope, null);
      case 'ExportDefaultDeclaration': {
        const next = recordExportDefault(this, node, (n) => this.sym(n, scope));
        if (next) this.visit(next.node, scope, next.hint);
        return;
      }
      case 'ExportAllDeclaration':
        return recordExportAll(this, node);
      case 'VariableDeclarator':
        return this.declarator(node, scope);
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.func(node, scope, nameHint);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        this.decorated.push(...decoratedIn(node, node.id?.name ?? nameHint ?? '<class>', (n) => this.sym(n, scope)));
        return this.classDecl(node, scope, nameHint);
      case 'AssignmentExpression':
        if (this.assignmentVisit(node, scope)) return;
        break;
      case 'CallExpression':
      case 'NewExpression':
        this.calls.push(this.conditional ? { ...callFact(node, scope, this), conditional: true } : callFact(node, scope, this));
        if (node.type === 'CallExpression') this.classMembers.superCall(node, scope, (n) => this.sym(n, scope));
        if (node.type === 'CallExpression') recordObjectAssignExport(this, node, (n) => this.sym(n, scope));
        break;
      case 'JSXOpeningElement':
        this.providers.push(...providerFact(node, scope, (n) => this.sym(n, scope)));
        this.linkAttrs.push(...linkAttrFacts(node, scope, this));
        break;
      case 'SwitchStatement':
        this.comparisons.push(...comparisonsOf(node, (n) => this.sym(n, scope), scope.fnId));
        this.discriminants.push(...switchDiscriminants(node, scope.fnId));
        break;
      case 'BinaryExpression': {
        this.comparisons.push(...comparisonsOf(node, (n) => this.sym(n, scope), scope.fnId));
        const d = compareDiscriminant(node, scope.fnId);
        if (d) this.discriminants.push(d);
        break;
      }
      case 'MemberExpression':
        this.handlerMaps.member(node, (name) => declaredKey(name, scope), scope.fnId);
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
        return this.payloads.types.declare(node, scope);
      case 'TSModuleDeclaration':
      case 'TSDeclareFunction':
        return;
      case 'TSEnumDeclaration':
        return recordEnum(this, node, bindingKey(node.id.name, scope));
      default:
        break;
    }
    this.visitNested(node, scope);
  }

  /** An assignment's facts; true when it defined a global, whose sides are visited here (under its name). */
  private assignmentVisit(node: TSESTree.AssignmentExpression, scope: Scope): boolean {
    this.assignment(node, scope);
    // `window.API = { … }` at top level defines the global `API` (classic scripts share it).
    const global = scope.fnId === null ? windowGlobal(node) : null;
    if (global === null) return false;
    this.bindings[global] ??= this.sym(node.right, scope);
    this.visit(node.left, scope, null);
    this.visit(node.right, scope, global);
    return true;
  }

  /** The children of a node that may run only on some paths (an `url += "/x"` there is a second value), or repeatedly. */
  private visitNested(node: Node, scope: Scope): void {
    const branch = CONDITIONAL.has(node.type);
    const loop = LOOPS.has(node.type);
    if (branch) this.conditional++;
    if (loop) this.loops++;
    this.visitChildren(node, scope);
    if (branch) this.conditional--;
    if (loop) this.loops--;
  }

  private visitChildren(node: Node, scope: Scope): void {
    this.payloads.visit(node, scope);
    for (const key of Object.keys(node)) {
      if (SKIP_KEYS.has(key)) continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) for (const c of child) this.visit(c as Node, scope, null);
      else if (child && typeof child === 'object' && 'type' in child) this.visit(child as Node, scope, null);
    }
  }

  private declarator(node: TSESTree.VariableDeclarator, scope: Scope): void {
    const init = node.init;
    if (node.id.type === 'Identifier') {
      const key = bindingKey(node.id.name, scope);
      this.reassignments.declared(key, { branch: this.conditional, loop: this.loops, fn: scope.fnId });
      this.handlerMaps.declared(key, init);
      this.bindings[key] = init ? this.sym(init, scope) : { k: 'dyn', text: node.id.name };
      if (init) this.visit(init, scope, node.id.name);
      this.payloads.declarator(node, scope);
      return;
    }
    if (node.id.type === 'ObjectPattern' && init) {
      const src = this.sym(init, scope);
      for (const p of node.id.properties) {
        if (p.type === 'Property' && !p.computed) {
          const local = patternTarget(p.value);
          if (local) this.bindings[bindingKey(local, scope)] = { k: 'member', obj: src, prop: propKey(p) };
        } else if (p.type === 'RestElement' && p.argument.type === 'Identifier') {
          // `{ a, ...rest } = init`: rest is init without the names taken out (never read from it).
          this.bindings[bindingKey(p.argument.name, scope)] = src;
        }
      }
    } else {
      for (const id of patternNames(node.id)) this.bindings[bindingKey(id.name, scope)] = { k: 'dyn', text: id.name };
    }
    if (init) this.visit(init, scope, null);
    this.payloads.declarator(node, scope);
    this.payloads.bodyPattern(node, scope);
  }

  private assignment(node: TSESTree.AssignmentExpression, scope: Scope): void {
    const nav = navigationFact(node, scope, this);
    if (nav) this.calls.push(nav);
    const set = defaultsFact(node, scope, this, this.conditional > 0);
    if (set) return void this.defaultsSets.push(set);
    if (recordCommonJsExport(this, node, (n) => this.sym(n, scope))) return;
    // `this.x = …` in a constructor: a field of the instance.
    if (this.classMembers.assign(node, scope, (n) => this.sym(n, scope))) return;
    // Properties assigned to a named object (`options.url = …`): each one is a value it may have.
    if (this.propertyAssignments.record(node, scope, (n) => this.sym(n, scope), this.bindings)) return;
    // Reassigned variables: each value a read may see (see `reassign.ts`).
    const left = node.left;
    if (left.type !== 'Identifier') return;
    const key = declaredKey(left.name, scope);
    if (key === null) return;
    const next = this.reassignments.assign(key, left.name, node.operator, this.bindings[key], this.sym(node.right, scope), { branch: this.conditional, loop: this.loops, fn: scope.fnId });
    if (next !== undefined) this.bindings[key] = next;
  }

  /** A function; `method`: a class member, whose `this` is the instance (an arrow's otherwise is its scope's). */
  private func(node: FunctionLike, scope: Scope, nameHint: string | null, method = false): string {
    const [outer, outerLoops] = [this.conditional, this.loops];
    [this.conditional, this.loops] = [0, 0];
    try {
      return this.funcBody(node, scope, nameHint, method);
    } finally {
      [this.conditional, this.loops] = [outer, outerLoops];
    }
  }

  private funcBody(node: FunctionLike, scope: Scope, nameHint: string | null, method: boolean): string {
    const name = ('id' in node && node.id ? node.id.name : null) ?? nameHint ?? '<anonymous>';
    const id = fnId(node);
    const inner: Scope = { fnId: id, locals: new Set(), params: new Map(), parent: scope, returns: [], ...selfOf(node, id, method) };
    const params = node.params.map((p, index) => this.param(p, index, id, scope, inner));
    if (node.body.type === 'BlockStatement') {
      collectDeclared(node.body.body, inner.locals);
      for (const stmt of node.body.body) this.visit(stmt, inner, null);
    } else {
      inner.returns!.push(this.sym(node.body as Node, inner));
      this.visit(node.body as Node, inner, null);
    }
    this.functions[id] = { id, name, params, returns: inner.returns!, line: node.loc.start.line, ...(node.body.type === 'BlockStatement' ? directivesOf(node.body.body) : {}) };
    if (node.type === 'FunctionDeclaration' && node.id) this.bindings[bindingKey(node.id.name, scope)] = { k: 'func', id };
    return id;
  }

  /** Parameter `index` of function `id`: its fact (with a default evaluated outside), and its names bound in `inner`. */
  private param(p: TSESTree.Parameter, index: number, id: string, scope: Scope, inner: Scope): ParamFact {
    const param = p.type === 'TSParameterProperty' ? p.parameter : p;
    const base: Sym = { k: 'param', fn: id, index, name: paramName(param) };
    let target: TSESTree.Node = param;
    let def: Sym | undefined;
    if (target.type === 'AssignmentPattern') {
      def = this.sym(target.right, scope);
      target = target.left;
    }
    if (target.type === 'Identifier') {
      inner.params.set(target.name, base);
      if (p.type === 'TSParameterProperty') this.classMembers.parameterProperty(id, target.name, base, injectedType(target, (n) => this.sym(n, scope)));
    } else if (target.type === 'ObjectPattern') {
      for (const prop of target.properties) {
        if (prop.type !== 'Property' || prop.computed) continue;
        const local = patternTarget(prop.value);
        if (local) inner.params.set(local, { k: 'member', obj: base, prop: propKey(prop) });
      }
    } else if (target.type === 'RestElement' && target.argument.type === 'Identifier') inner.params.set(target.argument.name, { k: 'dyn', text: target.argument.name });
    return { name: paramName(param), ...(def ? { default: def } : {}), ...paramTyping(p) };
  }

  private classDecl(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, scope: Scope, nameHint: string | null): void {
    const name = node.id?.name ?? nameHint ?? '<class>';
    const attrs: Record<string, Sym> = {};
    const members = this.classMembers.open(node);
    const declared = declaredFields(node);
    for (const el of node.body.body) {
      if (el.type === 'PropertyDefinition' && !el.computed && el.value) {
        const key = el.key.type === 'Identifier' ? el.key.name : el.key.type === 'Literal' ? String(el.key.value) : null;
        if (key) attrs[key] = this.sym(el.value, scope);
        // A function-valued field (`post = (path) => …`) is a method whose `this` is the instance.
        if (key && FUNCTION_TYPES.has(el.value.type)) {
          members.methods[key] = this.func(el.value as FunctionLike, scope, `${name}.${key}`, true);
          continue;
        }
      }
      if (el.type === 'MethodDefinition' && !el.computed && el.value.type === 'FunctionExpression') {
        const key = el.key.type === 'Identifier' ? el.key.name : String((el.key as TSESTree.Literal).value);
        const id = this.func(el.value, scope, `${name}.${key}`, true);
        if (el.kind === 'method') members.methods[key] = id;
      } else if (el.type === 'PropertyDefinition' && el.value) this.visit(el.value, scope, null);
    }
    this.classes[name] = { name, bases: node.superClass ? [this.sym(node.superClass, scope)] : [], attrs, ...this.classMembers.close(), ...declared };
    if (node.type === 'ClassDeclaration' && node.id) this.bindings[bindingKey(node.id.name, scope)] = { k: 'class', name };
  }
}
