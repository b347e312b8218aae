/**
 * Decorators of JS/TS classes and their members (`@Controller('cats')`, `@Get(':id')`,
 * `@SubscribeMessage('events')`), each as a symbol of its expression with its arguments, the way a
 * call's arguments are recorded. Frameworks built on decorators (NestJS) read them from
 * {@link JsDecorated} facts; the walk itself never visits decorator expressions as calls.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';
import type { Sym } from '../../resolve/sym';
import { spanOf, type Node } from './ast';

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

/** The decorators of a class or member, as symbols; empty when it has none. */
export function decoratorsOf(node: Decoratable, sym: (n: Node) => Sym): JsDecorator[] {
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
