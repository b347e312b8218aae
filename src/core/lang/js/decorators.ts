/**
 * Decorators of JS/TS classes and their members (`@Controller('cats')`, `@Get(':id')`,
 * `@SubscribeMessage('events')`), each as a symbol of its expression with its arguments, the way a
 * call's arguments are recorded. Frameworks built on decorators (NestJS) read them from
 * {@link JsDecorated} facts; the walk itself never visits decorator expressions as calls.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types';
import type { Annotation, Sym } from '../../resolve/sym';
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

/** A decorator as plain data: its name, and the string properties of an object-literal first argument (`@Expose({ name: 'x' })`). */
function annotationOf(d: TSESTree.Decorator): Annotation {
  const e = d.expression;
  const callee = e.type === 'CallExpression' ? e.callee : e;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : '?';
  const args: Record<string, string | true | null> = {};
  const first = e.type === 'CallExpression' ? e.arguments[0] : undefined;
  if (first?.type === 'ObjectExpression') {
    for (const p of first.properties) {
      if (p.type !== 'Property' || p.computed || p.key.type !== 'Identifier') args['?'] = null;
      else args[p.key.name] = p.value.type === 'Literal' && typeof p.value.value === 'string' ? p.value.value : p.value.type === 'Literal' && p.value.value === true ? true : null;
    }
  } else if (first) args['?'] = null;
  return { name, args };
}

/** The instance fields a class declares (`name: string;`, `@Expose() id = 0`), with their decorators as annotations. */
export function declaredFields(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): { fields?: string[]; annotations?: Record<string, Annotation[]> } {
  const fields: string[] = [];
  const annotations: Record<string, Annotation[]> = { '': (node.decorators ?? []).map(annotationOf) };
  for (const el of node.body.body) {
    if (el.type !== 'PropertyDefinition' || el.static || el.computed) continue;
    if (el.value && (el.value.type === 'ArrowFunctionExpression' || el.value.type === 'FunctionExpression')) continue;
    const key = memberKey(el);
    if (key === null) continue;
    fields.push(key);
    annotations[key] = (el.decorators ?? []).map(annotationOf);
  }
  return fields.length ? { fields, annotations } : {};
}

/** A parameter's declared class (`dto: CreateUserDto`) and decorators (`@Body()`), when it has them. */
export function paramTyping(p: TSESTree.Parameter): { type?: string; decorators?: string[] } {
  const inner = p.type === 'TSParameterProperty' ? p.parameter : p;
  const ann = 'typeAnnotation' in inner ? inner.typeAnnotation?.typeAnnotation : undefined;
  // `api: BaseCRUDAPI<T>` is typed with the class `BaseCRUDAPI` (its type arguments do not change which class).
  const type = ann?.type === 'TSTypeReference' && ann.typeName.type === 'Identifier' ? ann.typeName.name : undefined;
  const decorators = (p.decorators ?? []).map((d) => {
    const e = d.expression;
    const callee = e.type === 'CallExpression' ? e.callee : e;
    const name = callee.type === 'Identifier' ? callee.name : '?';
    return e.type === 'CallExpression' && e.arguments.length > 0 ? `${name}(…)` : name;
  });
  return { ...(type ? { type } : {}), ...(decorators.length ? { decorators } : {}) };
}

/** `x: SomeClass` (a plain class name): `SomeClass()` as the instance an injector would give; null otherwise. */
export function injectedType(id: TSESTree.Identifier, sym: (n: Node) => Sym): Sym | null {
  const t = id.typeAnnotation?.typeAnnotation;
  if (t?.type !== 'TSTypeReference' || t.typeName.type !== 'Identifier') return null;
  return { k: 'call', callee: sym(t.typeName as Node), args: [] };
}
