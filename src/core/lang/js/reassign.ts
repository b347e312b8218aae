/**
 * Variables assigned again after they are declared (`let url = …; if (id) url = …`), read without flow
 * analysis: one symbol stands for the values a read may see. A placeholder (`let route = ""`) is replaced
 * by the first value, and values set in branches after it are alternatives, as are literals set again in
 * a branch; a value set again on every path replaces the old one (`url = `${url}/users``, the variable read
 * on the right being the old value); so are object literals set again in a branch (a body chosen per path). Any other value set again in a branch keeps the first (a branch often
 * guards the value's own shape). A
 * variable built up from itself in a loop or another function (`path = path + "/" + part`) has no value
 * known statically; `+=` appends (on some paths only: either value).
 */
import type { Sym } from '../../resolve/sym';

/** Where the walk is: branch and loop depth within the current function, and that function. */
export interface WalkPlace {
  readonly branch: number;
  readonly loop: number;
  readonly fn: string | null;
}

/** At most this many values are kept for one variable (as many as a URL's alternatives are spelled out). */
const MAX_OPTIONS = 8;

export const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

export class Reassignments {
  private readonly reassigned = new Set<string>();
  private readonly placeheld = new Set<string>();
  private readonly declaredAt = new Map<string, WalkPlace>();

  declared(key: string, at: WalkPlace): void {
    this.declaredAt.set(key, at);
  }

  /** The binding of `key` after `name op right` at `at`; undefined leaves it as it is. */
  assign(key: string, name: string, op: string, prev: Sym | undefined, next: Sym, at: WalkPlace): Sym | undefined {
    const decl = this.declaredAt.get(key) ?? { branch: 0, loop: 0, fn: null };
    const elsewhere = at.fn !== decl.fn;
    const first = !this.reassigned.has(key);
    this.reassigned.add(key);
    if (op === '+=' && prev) {
      const appended: Sym = { k: 'concat', parts: [prev, next] };
      // Appended on some paths only (in a branch the variable was not declared in): either value.
      return elsewhere || at.branch > decl.branch ? { k: 'alt', options: [prev, appended] } : appended;
    }
    if (op !== '=') return undefined;
    const selfRef = refers(next, key);
    // `path = path.replace(`{${key}}`, value)` in a loop: a path-parameter helper filling OpenAPI-style
    // `{name}` placeholders. The path keeps its shape, each `{name}` segment standing for its value.
    if (selfRef && at.loop > decl.loop && !elsewhere && fillsPlaceholder(next, key)) return undefined;
    // Built up from itself in a loop or another function (`path = path + "/" + part`): not known statically.
    if (selfRef && (elsewhere || at.loop > decl.loop)) return { k: 'dyn', text: `${name} (built up from itself ${elsewhere ? 'in another function' : 'in a loop'})` };
    // `let route = ""` (or no value) set later: the value it is given (what it reads of itself is not known).
    if (first && (!prev || prev.k === 'dyn' || isPlaceholder(prev))) {
      if (prev && isPlaceholder(prev)) this.placeheld.add(key);
      return selfRef ? replaceRef(next, key, { k: 'dyn', text: name }) : next;
    }
    // Set again on every path after the declaration (`url = `${url}/users``): the new value, reading the old.
    if (prev && !elsewhere && at.branch <= decl.branch && at.loop <= decl.loop) return selfRef ? replaceRef(next, key, prev) : next;
    // Set again in a branch: another value when the first was a placeholder or both are literals
    // (`var method = "POST"; if (id) method = "PATCH"`). Other values set again keep the first: a branch
    // often guards the value's own shape (`if (path.match(/^http/)) url = path; else url = base + path`),
    // and spelling out both would make requests that never happen.
    if (prev && at.branch > decl.branch && !elsewhere && (this.placeheld.has(key) || literalChoice(prev, next) || objectChoice(prev, next, key))) {
      const options = [...(prev.k === 'alt' ? prev.options : [prev]), next];
      return options.length > MAX_OPTIONS ? { k: 'dyn', text: `${name} (set on more than ${MAX_OPTIONS} paths)` } : { k: 'alt', options };
    }
    return undefined;
  }
}

/** A literal set again in a branch (`var method = "POST"; if (id) method = "PATCH"`): either literal. */
function literalChoice(prev: Sym, next: Sym): boolean {
  return next.k === 'str' && (prev.k === 'str' || (prev.k === 'alt' && prev.options.every((o) => o.k === 'str')));
}

/** `x.replace(`{${k}}`, v)` / `x.replaceAll("{" + k + "}", v)` on binding `key`: a `{name}` placeholder filled. */
function fillsPlaceholder(s: Sym, key: string): boolean {
  if (s.k !== 'call' || s.callee.k !== 'member' || !/^replace(All)?$/.test(s.callee.prop) || s.args.length !== 2) return false;
  const obj = s.callee.obj;
  const pattern = s.args[0]!;
  if (obj.k !== 'ref' || obj.name !== key || pattern.k !== 'concat' || pattern.parts.length < 3) return false;
  const first = pattern.parts[0]!;
  const last = pattern.parts[pattern.parts.length - 1]!;
  return first.k === 'str' && first.v === '{' && last.k === 'str' && last.v === '}' && !refers(s.args[1]!, key);
}

/**
 * An object literal set again in a branch (`let body = { a }; if (group) body = { b }`): either object. A
 * request body or options object chosen on a path is as real as the first; keeping only the first would
 * pair its fields with a URL chosen on the other path.
 */
function objectChoice(prev: Sym, next: Sym, key: string): boolean {
  // An object built from the binding itself (`opts = { ...opts, b }`) is no alternative: as one, it would
  // hold itself (outline's options objects overflowed the stack).
  return next.k === 'obj' && (prev.k === 'obj' || (prev.k === 'alt' && prev.options.every((o) => o.k === 'obj'))) && !refers(next, key);
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
    case 'obj': {
      const spreads = list(s.spreads);
      const keys = Object.keys(s.props);
      const values = list(keys.map((k) => s.props[k]!));
      if (spreads === s.spreads && values.every((v, i) => v === s.props[keys[i]!])) return s;
      return { ...s, props: Object.fromEntries(keys.map((k, i) => [k, values[i]!])), spreads };
    }
    case 'arr': {
      const items = list(s.items);
      return items === s.items ? s : { ...s, items };
    }
    default:
      return s;
  }
}
