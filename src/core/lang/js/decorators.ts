/**
 * Decorators of JS/TS classes and their members (`@Controller('cats')`, `@Get(':id')`,
 * `@SubscribeMessage('events')`), each as a symbol of its expression with its arguments, the way a
 * call's arguments are recorded. Frameworks built on decorators (NestJS) read them from
 * {@link JsDecorated} facts; the walk itself never visits decorator expressions as calls.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';
import type { Sym } from '../../resolve/sym';
import { fnId, spanOf, type Node } from './ast';

export interface JsDecorator {
  /** The decorator's expression: usually a call (`Get(':id')` → callee `Get`, args `[':id']`). */
  readonly expr: Sym;
  readonly span: Span;
}

export interface JsDecorated {
  readonly kind: 'class' | 'method' | 'property';
  /** `Cls` for a class, `Cls.member` for a member. */
  readonly name: string;
  /** The class the declaration belongs to (itself, for a class). */
  readonly className: string;
  /** Function id of a method. */
  readonly fnId: string | null;
  readonly decorators: readonly JsDecorator[];
  /** The declaration's name (its key, for a member). */
  readonly span: Span;
}

type Decoratable = { readonly decorators?: readonly TSESTree.Decorator[] };

/** The decorated declarations of a class: itself and its members that carry decorators. */
export function decoratedIn(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string, sym: (n: Node) => Sym): JsDecorated[] {
  const out: JsDecorated[] = [];
  const own = decoratorsOf(node, sym);
  if (own.length) out.push({ kind: 'class', name, className: name, fnId: null, decorators: own, span: spanOf(node.id ?? node) });
  for (const el of node.body.body) {
    if (el.type !== 'MethodDefinition' && el.type !== 'PropertyDefinition') continue;
    const key = memberKey(el);
    const decorators = decoratorsOf(el, sym);
    if (key === null || decorators.length === 0) continue;
    const isMethod = el.type === 'MethodDefinition';
    // Function ids are positional, so this is the id the walk gives the method.
    const id = isMethod && el.value.type === 'FunctionExpression' ? fnId(el.value) : null;
    out.push({ kind: isMethod ? 'method' : 'property', name: `${name}.${key}`, className: name, fnId: id, decorators, span: spanOf(el.key) });
  }
  return out;
}

/** The decorators of a class or member, as symbols; empty when it has none. */
function decoratorsOf(node: Decoratable, sym: (n: Node) => Sym): JsDecorator[] {
  return (node.decorators ?? []).map((d) => ({ expr: sym(d.expression), span: spanOf(d) }));
}

/** The name of a class member's key, or null when it is computed. */
export function memberKey(el: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | null {
  if (el.computed) return null;
  if (el.key.type === 'Identifier') return el.key.name;
  if (el.key.type === 'Literal') return String(el.key.value);
  if (el.key.type === 'PrivateIdentifier') return `#${el.key.name}`;
  return null;
}
