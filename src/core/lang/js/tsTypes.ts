/**
 * TypeScript types declared for a request's answer, for the payload relation: the plain interfaces and
 * object type literals a module declares at top level (their required properties), the names it imports
 * (type imports included, which the module facts leave out), and the places a request's answer is given
 * one of those types by name:
 *
 * - a type argument of the request call (`axios.get<User>(…)`, `this.http.get<User>(…)`: `via: 'typed'`,
 *   what the client hands back as the body; the relation decides per client whether that is known);
 * - `ky.get(…).json<User>()`, `(await res.json<User>())`: the JSON body (`via: 'json'`);
 * - `const u: User = await res.json()`, `(await r.json()) as User`: the origin's own `via`.
 *
 * A type that is generic, extends another, has an index signature, a method or a computed key, or is not
 * an object type (a union, an intersection, `Partial<…>`) is recorded with the reason and never judged;
 * so is a name declared twice (interfaces merge). Only a bare name is followed (`User`, not `User[]`).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ImportFact } from '../../resolve/sym';
import type { Span } from '../../types';
import { nameOf, spanOf, type Node } from './ast';
import type { Scope } from './scope';

export interface JsTypeField {
  readonly name: string;
  readonly span: Span;
}

/** A top-level interface or type alias: its required properties, or why its shape is not plain. */
export interface JsTypeDecl {
  readonly fields: readonly JsTypeField[] | null;
  readonly why: string | null;
}

/** A request's answer given a declared type by name. */
export interface JsTypedRead {
  readonly call: Span;
  readonly via: 'result' | 'json' | 'data' | 'typed';
  readonly type: string;
  /** The type reference (where a finding is reported). */
  readonly span: Span;
  readonly fn: string | null;
}

export interface JsTsTypes {
  readonly decls: Readonly<Record<string, JsTypeDecl>>;
  /** Local name → what it imports, type-only imports included. */
  readonly imports: Readonly<Record<string, ImportFact>>;
  readonly typed: readonly JsTypedRead[];
}

type Origin = { readonly call: Span; readonly via: 'result' | 'json' | 'data' };

/** A bare type name (`User`): not generic, not an array, not qualified. */
export function plainRef(t: TSESTree.TypeNode | undefined | null): { name: string; span: Span } | null {
  if (!t || t.type !== 'TSTypeReference' || t.typeName.type !== 'Identifier' || t.typeArguments) return null;
  return { name: t.typeName.name, span: spanOf(t as Node) };
}

function memberKey(m: TSESTree.TSPropertySignature): string | null {
  if (m.computed) return null;
  if (m.key.type === 'Identifier') return m.key.name;
  if (m.key.type === 'Literal' && typeof m.key.value === 'string') return m.key.value;
  return null;
}

/** `x: T | undefined` is as good as optional. */
function mayBeAbsent(m: TSESTree.TSPropertySignature): boolean {
  const t = m.typeAnnotation?.typeAnnotation;
  return !!t && t.type === 'TSUnionType' && t.types.some((u) => u.type === 'TSUndefinedKeyword');
}

function membersShape(members: readonly TSESTree.TypeElement[]): JsTypeDecl {
  const fields: JsTypeField[] = [];
  for (const m of members) {
    if (m.type !== 'TSPropertySignature') return { fields: null, why: 'it declares more than properties (an index signature or a method)' };
    const key = memberKey(m);
    if (key === null) return { fields: null, why: 'it has a computed key' };
    if (m.optional || mayBeAbsent(m)) continue;
    fields.push({ name: key, span: spanOf(m.key as Node) });
  }
  return { fields, why: null };
}

function shapeOf(node: TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration): JsTypeDecl {
  if (node.typeParameters) return { fields: null, why: 'it is generic' };
  if (node.type === 'TSInterfaceDeclaration') {
    if (node.extends.length > 0) return { fields: null, why: 'it extends another type' };
    return membersShape(node.body.body);
  }
  if (node.typeAnnotation.type !== 'TSTypeLiteral') return { fields: null, why: 'it is not a plain object type' };
  return membersShape(node.typeAnnotation.members);
}

export class TsTypes {
  private readonly decls: Record<string, JsTypeDecl> = {};
  private readonly imports: Record<string, ImportFact> = {};
  private readonly typed: JsTypedRead[] = [];

  /** A top-level `interface`/`type` declaration; nested ones (in functions) are not followed. */
  declare(node: TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration, scope: Scope): void {
    if (scope.fnId !== null) return;
    const name = node.id.name;
    this.decls[name] = name in this.decls ? { fields: null, why: 'it is declared more than once' } : shapeOf(node);
  }

  importDecl(node: TSESTree.ImportDeclaration): void {
    for (const s of node.specifiers) {
      if (s.type === 'ImportSpecifier') this.imports[s.local.name] = { specifier: node.source.value, name: nameOf(s.imported) };
    }
  }

  /** `x.get<User>(…)`, `….json<User>()`; `resultOf` gives a request result's origin (`res` in `res.json<User>()`). */
  call(node: TSESTree.CallExpression, scope: Scope, resultOf: (n: Node) => Origin | null, strip: (n: Node) => Node): void {
    const args = node.typeArguments?.params;
    if (!args || args.length !== 1) return;
    const ref = plainRef(args[0]);
    if (!ref) return;
    const callee = strip(node.callee as Node);
    const isJson = callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'json' && node.arguments.length === 0;
    if (!isJson) {
      this.typed.push({ call: spanOf(node as Node), via: 'typed', type: ref.name, span: ref.span, fn: scope.fnId });
      return;
    }
    const obj = strip(callee.object as Node);
    const origin = obj.type === 'CallExpression' ? { call: spanOf(obj), via: 'result' as const } : resultOf(callee.object as Node);
    if (origin?.via === 'result') this.typed.push({ call: origin.call, via: 'json', type: ref.name, span: ref.span, fn: scope.fnId });
  }

  /** `const u: User = <origin>`, `<origin> as User`. */
  annotated(type: TSESTree.TypeNode | undefined, origin: Origin, scope: Scope): void {
    const ref = plainRef(type);
    if (ref) this.typed.push({ call: origin.call, via: origin.via, type: ref.name, span: ref.span, fn: scope.fnId });
  }

  facts(): JsTsTypes | null {
    if (this.typed.length === 0 && Object.keys(this.decls).length === 0) return null;
    return { decls: this.decls, imports: this.imports, typed: this.typed };
  }
}

/** `export interface X …`, `export type X = …`: the declaration (the module tables skip type-only exports). */
export function exportedTypeDecl(node: TSESTree.ExportNamedDeclaration): TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration | null {
  const d = node.declaration;
  return d && (d.type === 'TSInterfaceDeclaration' || d.type === 'TSTypeAliasDeclaration') ? d : null;
}
