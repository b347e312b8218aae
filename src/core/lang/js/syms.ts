/**
 * JS/TS expressions as symbolic values ({@link Sym}): literals, template strings and `+` as
 * concatenations, `??`/`||` as fallbacks, names resolved through the scope, member chains, env vars
 * (`process.env.X`, `import.meta.env.X`), calls, object and array literals, function references.
 * Anything else becomes a `dyn` carrying its (clipped) source text.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ImportFact, Sym } from '../../resolve/sym';
import { fnId, propKey, type Node } from './ast';
import { declaredInScope, resolveIdent, type Scope } from './scope';

const TS_WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSInstantiationExpression', 'ChainExpression', 'AwaitExpression']);

/** What converting an expression needs besides its scope: the source text and the module's imports so far. */
export interface SymSource {
  readonly text: string;
  readonly imports: Readonly<Record<string, ImportFact>>;
}

/** The symbolic value of an expression. */
export function toSym(node: Node, scope: Scope, src: SymSource): Sym {
  const sym = (n: Node) => toSym(n, scope, src);
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'string') return { k: 'str', v: node.value };
      if (typeof node.value === 'number') return { k: 'num', v: node.value };
      return dyn(node, src);
    case 'TemplateLiteral':
      return templateSym(node, sym);
    case 'BinaryExpression':
      if (node.operator === '+') return { k: 'concat', parts: [sym(node.left), sym(node.right)] };
      return dyn(node, src);
    case 'AssignmentExpression':
      // `const io = (module.exports.io = server.io)`: the value assigned.
      if (node.operator === '=') return sym(node.right);
      return dyn(node, src);
    case 'ConditionalExpression':
      return { k: 'alt', options: [sym(node.consequent), sym(node.alternate)] };
    case 'LogicalExpression':
      if (node.operator === '??' || node.operator === '||') return { k: 'fallback', options: [sym(node.left), sym(node.right)] };
      // `ready && url`: the right side, or a falsy left side (SWR's "do not fetch yet" key).
      if (node.operator === '&&') return { k: 'alt', options: [{ k: 'dyn', text: 'false' }, sym(node.right)] };
      return dyn(node, src);
    case 'Identifier':
      if (node.name === 'undefined') return { k: 'dyn', text: 'undefined' };
      return resolveIdent(node.name, scope);
    case 'ThisExpression':
      return thisSym(scope);
    case 'MemberExpression':
      return memberSym(node, scope, src);
    case 'CallExpression':
    case 'NewExpression':
      return injectedInstance(node, src, sym) ?? { k: 'call', callee: sym(node.callee as Node), args: argSyms(node.arguments, scope, src) };
    case 'ImportExpression':
      return { k: 'call', callee: { k: 'ref', name: 'import' }, args: [sym(node.source)] };
    case 'ObjectExpression':
      return objectSym(node, sym);
    case 'ArrayExpression':
      return { k: 'arr', items: node.elements.map((e) => (e && e.type !== 'SpreadElement' ? sym(e) : ({ k: 'dyn', text: '…' } as Sym))) };
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'FunctionDeclaration': // `export default function (app) {}`
      // The function fact itself is recorded when the walk reaches the node; its id is positional.
      return { k: 'func', id: fnId(node) };
    default:
      if (TS_WRAPPERS.has(node.type)) {
        const inner = (node as { expression?: Node; argument?: Node }).expression ?? (node as { argument?: Node }).argument;
        if (inner) return sym(inner);
      }
      return dyn(node, src);
  }
}

/** `this` in `scope`: the receiver of the enclosing method (arrow functions see through), else run-time. */
export function thisSym(scope: Scope): Sym {
  for (let s: Scope | null = scope; s; s = s.parent) if (s.self !== undefined) return s.self ?? { k: 'dyn', text: 'this' };
  return { k: 'dyn', text: 'this' };
}

/** Call arguments as symbols; a spread argument is only known at run time. */
export function argSyms(args: readonly TSESTree.CallExpressionArgument[], scope: Scope, src: SymSource): Sym[] {
  return args.map((a) => (a.type === 'SpreadElement' ? ({ k: 'dyn', text: sourceText(a, src.text) } as Sym) : toSym(a, scope, src)));
}

/**
 * Angular's `inject(SomeClass)` (imported from `@angular/core`) gives the instance the injector builds:
 * `SomeClass()`, as a constructor parameter typed with the class does in an injected class.
 */
function injectedInstance(node: TSESTree.CallExpression | TSESTree.NewExpression, src: SymSource, sym: (n: Node) => Sym): Sym | null {
  const c = node.callee;
  const a = node.arguments[0];
  if (node.type !== 'CallExpression' || c.type !== 'Identifier' || node.arguments.length !== 1 || a?.type !== 'Identifier') return null;
  const imp = src.imports[c.name];
  if (imp?.specifier !== '@angular/core' || imp.name !== 'inject') return null;
  return { k: 'call', callee: sym(a as Node), args: [] };
}

/** The source of a node on one line, clipped to 80 characters (for messages). */
export function sourceText(node: Node, text: string): string {
  const t = text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  return t.length > 80 ? t.slice(0, 79) + '…' : t;
}

function dyn(node: Node, src: SymSource): Sym {
  return { k: 'dyn', text: sourceText(node, src.text) };
}

function templateSym(node: TSESTree.TemplateLiteral, sym: (n: Node) => Sym): Sym {
  const parts: Sym[] = [];
  node.quasis.forEach((q, i) => {
    const s = q.value.cooked ?? q.value.raw;
    if (s) parts.push({ k: 'str', v: s });
    const e = node.expressions[i];
    if (e) parts.push(sym(e));
  });
  return parts.length === 1 && parts[0]!.k === 'str' ? parts[0]! : { k: 'concat', parts };
}

function memberSym(node: TSESTree.MemberExpression, scope: Scope, src: SymSource): Sym {
  const env = envName(node, scope, src);
  if (env) return { k: 'env', name: env };
  const obj = toSym(node.object, scope, src);
  if (!node.computed && node.property.type === 'Identifier') return { k: 'member', obj, prop: node.property.name };
  if (node.computed && node.property.type === 'Literal' && (typeof node.property.value === 'string' || typeof node.property.value === 'number'))
    return { k: 'member', obj, prop: String(node.property.value) };
  return dyn(node, src);
}

function objectSym(node: TSESTree.ObjectExpression, sym: (n: Node) => Sym): Sym {
  const props: Record<string, Sym> = {};
  const spreads: Sym[] = [];
  for (const p of node.properties) {
    if (p.type === 'SpreadElement') spreads.push(sym(p.argument));
    else if (!p.computed || p.key.type === 'Literal') {
      const key = propKey(p);
      props[key] = sym(p.value as Node);
    }
    // `{ [key]: v }`: a key only known at run time, like a spread of unknown keys.
    else spreads.push({ k: 'dyn', text: '[computed key]' });
  }
  return { k: 'obj', props, spreads };
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X` (when `process` is not a local name). */
function envName(node: TSESTree.MemberExpression, scope: Scope, src: SymSource): string | null {
  const prop = node.computed ? (node.property.type === 'Literal' && typeof node.property.value === 'string' ? node.property.value : null) : node.property.type === 'Identifier' ? node.property.name : null;
  if (prop === null) return null;
  const obj = node.object;
  if (obj.type !== 'MemberExpression' || obj.computed || obj.property.type !== 'Identifier' || obj.property.name !== 'env') return null;
  if (obj.object.type === 'Identifier' && obj.object.name === 'process' && !declaredInScope('process', scope) && !('process' in src.imports)) return prop;
  if (obj.object.type === 'MetaProperty') return prop;
  return null;
}
