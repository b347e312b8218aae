/** The lexical scope shape both fact builders walk with (JS/TS and Python). */
import type { Sym } from '../resolve/sym';

export interface Scope {
  /** Id of the function the scope belongs to; null for the module. */
  readonly fnId: string | null;
  /** Names the scope declares or assigns. */
  readonly locals: Set<string>;
  /** Parameters, by name, as symbols. */
  readonly params: Map<string, Sym>;
  readonly parent: Scope | null;
  /** What the function returns (its `return` expressions), when collected. */
  readonly returns: Sym[] | null;
  /**
   * What `this` is in this scope (JS): a method's receiver, null where a plain function has its own
   * unknown `this`; undefined (arrow functions, blocks) reads the enclosing scope's.
   */
  readonly self?: Sym | null;
}

/** A module's scope with nothing declared yet. */
export function emptyModuleScope(): Scope {
  return { fnId: null, locals: new Set(), params: new Map(), parent: null, returns: null };
}
