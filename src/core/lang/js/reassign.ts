/**
 * Variables assigned again after they are declared (`let url = …; if (id) url = …`), read without flow
 * analysis: one symbol stands for every value a read may see. A placeholder (`let route = ""`) is
 * replaced by the first value; a value set on some paths only (in a branch, a loop, or a nested function)
 * is one more alternative, whatever it is built from; a value set on every path after the declaration
 * replaces it (`url = `${url}/items``: the variable read on the right is the value before). A variable
 * built up from itself in a loop (`url = url + "/" + part`) has no value known statically.
 */
import type { Sym } from '../../resolve/sym';

/** Where the walk is: branch and loop depth within the current function, and that function. */
export interface WalkPlace {
  readonly branch: number;
  readonly loop: number;
  readonly fn: string | null;
}

export const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

export class Reassignments {
  private readonly reassigned = new Set<string>();
  private readonly declaredAt = new Map<string, WalkPlace>();

  declared(key: string, at: WalkPlace): void {
    this.declaredAt.set(key, at);
  }

  /** The binding of `key` after `name op right` at `at`; undefined leaves it as it is. */
  assign(key: string, name: string, op: string, prev: Sym | undefined, next: Sym, at: WalkPlace): Sym | undefined {
    const decl = this.declaredAt.get(key) ?? { branch: 0, loop: 0, fn: null };
    const elsewhere = at.fn !== decl.fn;
    const somePaths = elsewhere || at.branch > decl.branch;
    const first = !this.reassigned.has(key);
    this.reassigned.add(key);
    if (op === '+=' && prev) {
      const appended: Sym = { k: 'concat', parts: [prev, next] };
      // Appended on some paths only (in a branch the variable was not declared in): either value.
      return somePaths ? { k: 'alt', options: [prev, appended] } : appended;
    }
    if (op !== '=') return undefined;
    const selfRef = refers(next, key);
    if (selfRef && (elsewhere || at.loop > decl.loop)) return { k: 'dyn', text: `${name} (built up from itself ${elsewhere ? 'in another function' : 'in a loop'})` };
    // `let route = ""` (or no value) set later: the value it is given.
    if (first && (!prev || prev.k === 'dyn' || isPlaceholder(prev))) return next;
    const value = prev && selfRef ? replaceRef(next, key, prev) : next;
    if (!prev || !somePaths) return value;
    return { k: 'alt', options: [...(prev.k === 'alt' ? prev.options : [prev]), value] };
  }
}

/** An initial value that only stands for "not set yet" (`let route = ""`), replaced by the first assignment. */
function isPlaceholder(s: Sym): boolean {
  return (s.k === 'str' && s.v === '') || (s.k === 'dyn' && (s.text === 'null' || s.text === 'undefined'));
}

/** Does the symbol read binding `key`? */
function refers(s: Sym, key: string): boolean {
  return replaceRef(s, key, { k: 'dyn', text: key }) !== s;
}

/** `s` with reads of binding `key` replaced by `by` (the same object when there are none). */
function replaceRef(s: Sym, key: string, by: Sym): Sym {
  const list = (xs: readonly Sym[]): readonly Sym[] => {
    const out = xs.map((x) => replaceRef(x, key, by));
    return out.every((x, i) => x === xs[i]) ? xs : out;
  };
  switch (s.k) {
    case 'ref':
      return s.name === key ? by : s;
    case 'concat': {
      const parts = list(s.parts);
      return parts === s.parts ? s : { ...s, parts };
    }
    case 'alt':
    case 'fallback': {
      const options = list(s.options);
      return options === s.options ? s : { ...s, options };
    }
    case 'member': {
      const obj = replaceRef(s.obj, key, by);
      return obj === s.obj ? s : { ...s, obj };
    }
    case 'call': {
      const callee = replaceRef(s.callee, key, by);
      const args = list(s.args);
      return callee === s.callee && args === s.args ? s : { ...s, callee, args };
    }
    default:
      return s;
  }
}
