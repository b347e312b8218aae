/**
 * Lexical scopes of the JS/TS fact builder: which names a module or function declares, and how a
 * name resolves (a parameter, a function local qualified as `fn::name`, or a module-level name).
 */
import type { Sym } from '../../resolve/sym';
import { patternNames, type Node } from './ast';
import { emptyModuleScope, type Scope } from '../scope';

export type { Scope } from '../scope';

/** The module scope, with the names its body declares. */
export function moduleScope(body: readonly Node[]): Scope {
  const scope = emptyModuleScope();
  collectDeclared(body, scope.locals);
  return scope;
}

/** The key a name declared in `scope` is bound under: `fn::name` inside functions. */
export function bindingKey(name: string, scope: Scope): string {
  return scope.fnId ? `${scope.fnId}::${name}` : name;
}

/** The binding key of a declared name as seen from `scope`; null for parameters and undeclared names. */
export function declaredKey(name: string, scope: Scope): string | null {
  for (let s: Scope | null = scope; s; s = s.parent) {
    if (s.params.has(name)) return null;
    if (s.locals.has(name)) return s.fnId ? `${s.fnId}::${name}` : name;
  }
  return null;
}

/** A name read in `scope`: a parameter's symbol, or a reference to the binding it names. */
export function resolveIdent(name: string, scope: Scope): Sym {
  for (let s: Scope | null = scope; s; s = s.parent) {
    const p = s.params.get(name);
    if (p) return p;
    if (s.locals.has(name)) return { k: 'ref', name: s.fnId ? `${s.fnId}::${name}` : name };
  }
  return { k: 'ref', name };
}

/** True when a scope from `scope` outwards declares `name` (as a parameter or a local). */
export function declaredInScope(name: string, scope: Scope): boolean {
  for (let s: Scope | null = scope; s; s = s.parent) if (s.params.has(name) || s.locals.has(name)) return true;
  return false;
}

const BLOCK_TYPES = new Set(['BlockStatement', 'IfStatement', 'ForStatement', 'ForOfStatement', 'ForInStatement', 'TryStatement', 'WhileStatement', 'SwitchStatement', 'SwitchCase', 'CatchClause', 'LabeledStatement', 'DoWhileStatement']);

/** Names declared in a body, including in its nested blocks but not in nested functions or classes. */
export function collectDeclared(body: readonly Node[], into: Set<string>): void {
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
    if (BLOCK_TYPES.has(n.type)) {
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
