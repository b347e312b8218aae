/**
 * Class facts of JS/TS modules beyond their bodies' shape: what `this` is in a member (the method's
 * receiver, a parameter the evaluator binds to an instance), the constructor's `this.x = …`
 * assignments, its `super(…)` call, and the methods by name.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { THIS_PARAM, type CallArgs, type Sym } from '../../resolve/sym';
import { fnId, type FunctionLike, type Node } from './ast';
import type { Scope } from './scope';
import { thisSym } from './syms';

/** The `self` of a function's scope: the receiver for a class member, its own unknown `this` for a plain function. */
export function selfOf(node: FunctionLike, id: string, method: boolean): Pick<Scope, 'self'> {
  if (method) return { self: { k: 'param', fn: id, index: THIS_PARAM, name: 'this' } };
  return node.type === 'ArrowFunctionExpression' ? {} : { self: null };
}

/** Class decorators of dependency injectors (Angular, NestJS, tsyringe, InversifyJS, TypeDI): they build the class. */
const DI_DECORATORS = /^(?:Injectable|Component|Directive|Pipe|NgModule|Controller|Resolver|WebSocketGateway|injectable|singleton|autoInjectable|scoped|Service)$/;

interface Frame {
  readonly ctorId: string | null;
  /** Built by a dependency injector: a constructor parameter typed with a class gets an instance of it. */
  readonly injected: boolean;
  readonly methods: Record<string, string>;
  readonly selfAssigned: Record<string, Sym>;
  baseInit?: CallArgs;
}

/** Collects, per class being walked (classes nest), its methods and what its constructor does. */
export class ClassMembers {
  private readonly stack: Frame[] = [];

  open(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Frame {
    const ctor = node.body.body.find((el): el is TSESTree.MethodDefinition => el.type === 'MethodDefinition' && el.kind === 'constructor');
    // Plain objects, as the cache gives them back: read them with `own` (a member may be named `constructor`).
    const injected = (node.decorators ?? []).some((d) => DI_DECORATORS.test(decoratorName(d.expression)));
    const frame: Frame = { ctorId: ctor ? fnId(ctor.value as FunctionLike) : null, injected, methods: {}, selfAssigned: {} };
    this.stack.push(frame);
    return frame;
  }

  /** The facts of the class just walked. */
  close(): { ctor?: string; methods: Record<string, string>; selfAssigned: Record<string, Sym>; baseInit?: CallArgs } {
    const f = this.stack.pop()!;
    return { ...(f.ctorId ? { ctor: f.ctorId } : {}), methods: f.methods, selfAssigned: f.selfAssigned, ...(f.baseInit ? { baseInit: f.baseInit } : {}) };
  }

  /** The frame whose constructor `scope` is in (directly or in an arrow function), or null. */
  private inConstructor(scope: Scope): Frame | null {
    const f = this.stack[this.stack.length - 1];
    const self = thisSym(scope);
    return f && f.ctorId !== null && self.k === 'param' && self.fn === f.ctorId ? f : null;
  }

  /** `this.x = v` in a constructor: recorded (the first value wins); true when it was one. */
  assign(node: TSESTree.AssignmentExpression, scope: Scope, sym: (n: Node) => Sym): boolean {
    const left = node.left;
    if (left.type !== 'MemberExpression' || left.object.type !== 'ThisExpression' || left.computed || left.property.type !== 'Identifier') return false;
    const f = this.inConstructor(scope);
    if (!f) return false;
    if (node.operator === '=' && !Object.hasOwn(f.selfAssigned, left.property.name)) f.selfAssigned[left.property.name] = sym(node.right);
    return true;
  }

  /**
   * A TypeScript parameter property of the constructor (`constructor(private http: HttpClient)`): the
   * field holds the argument; in a class a dependency injector builds (`@Injectable()`), the argument
   * is `injected`, an instance of the parameter's declared class, when it has one.
   */
  parameterProperty(fnId: string, name: string, param: Sym, injected: Sym | null): void {
    const f = this.stack[this.stack.length - 1];
    if (!f || f.ctorId !== fnId || Object.hasOwn(f.selfAssigned, name)) return;
    f.selfAssigned[name] = f.injected && injected ? injected : param;
  }

  /** `super(…)` in a constructor: the arguments the base class's constructor gets. */
  superCall(node: TSESTree.CallExpression, scope: Scope, sym: (n: Node) => Sym): void {
    if (node.callee.type !== 'Super') return;
    const f = this.inConstructor(scope);
    if (!f || f.baseInit) return;
    f.baseInit = { args: node.arguments.map((a) => (a.type === 'SpreadElement' ? ({ k: 'dyn', text: '…' } as Sym) : sym(a as Node))), kw: {}, kwSpreads: [] };
  }
}

/** `Injectable` of `@Injectable()`, `@Injectable`, `@di.Injectable()`. */
function decoratorName(e: TSESTree.Expression): string {
  const callee = e.type === 'CallExpression' ? e.callee : e;
  if (callee.type === 'Identifier') return callee.name;
  return callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : '';
}
