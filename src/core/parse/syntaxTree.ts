/**
 * A tree-sitter tree copied into plain arrays in ONE cursor walk, read through {@link SyntaxNode}s that
 * answer like web-tree-sitter's nodes (type, text, children, fields, positions) without crossing into
 * WASM again. Each web-tree-sitter `Node` getter marshals the node into the WASM heap, calls in and
 * builds new objects on the way back; a facts builder that asks a few questions of every node paid more
 * for that than for the parse itself (plane's API: 2.6 s of facts for 1.0 s of parsing). The walk asks
 * four questions per node (type, field, start, end); positions are worked out from the text (tree-sitter
 * counts rows at "\n" and columns in UTF-16 units for a JS string, as {@link pointAt} does).
 */
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';
import { cursorWasm, disableCursorWasm, type CursorWasm } from './treeSitter';

export interface Point {
  readonly row: number;
  readonly column: number;
}

/** The arrays of one tree: node i's type, field (0: none), text range, first child and next sibling (-1: none). */
interface Flat {
  readonly text: string;
  readonly types: readonly (string | null)[];
  readonly named: readonly boolean[];
  readonly fields: readonly (string | null)[];
  readonly type: Uint16Array;
  readonly field: Uint16Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  readonly first: Int32Array;
  readonly next: Int32Array;
  readonly nodes: Array<SyntaxNode | undefined>;
  readonly hasError: boolean;
  lines: number[] | null;
}

const ERROR_SYMBOL = 0xffff;

/** The moves and questions of one cursor: the WASM binding's own functions when reachable, else the public API. */
interface Walker {
  first(): boolean;
  next(): boolean;
  parent(): boolean;
  typeId(): number;
  fieldId(): number;
  start(): number;
  end(): number;
  done(): void;
}

function publicWalker(cursor: TreeCursor): Walker {
  return {
    first: () => cursor.gotoFirstChild(),
    next: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
    typeId: () => cursor.nodeTypeId,
    fieldId: () => cursor.currentFieldId,
    start: () => cursor.startIndex,
    end: () => cursor.endIndex,
    done: () => cursor.delete(),
  };
}

/**
 * The binding's cursor functions, called directly: the cursor stays in the transfer buffer between
 * calls (each move reads it from there and writes it back; the questions asked here only read it), and
 * is copied back into the TreeCursor object before it is deleted, so its memory is freed as usual.
 */
function directWalker(cursor: TreeCursor, tree: Tree, w: CursorWasm): Walker {
  const handle = cursor as unknown as Record<number, number>;
  const t = (tree as unknown as Record<number, number>)[0]!;
  const at = w.buffer >> 2;
  for (let k = 0; k < 4; k++) w.heap()[at + k] = handle[k]!;
  return {
    first: () => w.gotoFirstChild(t) === 1,
    next: () => w.gotoNextSibling(t) === 1,
    parent: () => w.gotoParent(t) === 1,
    typeId: () => w.typeId(t),
    fieldId: () => w.fieldId(t),
    start: () => w.startIndex(t),
    end: () => w.endIndex(t),
    done: () => {
      const heap = w.heap();
      for (let k = 0; k < 4; k++) handle[k] = heap[at + k]!;
      cursor.delete();
    },
  };
}

const languageTables = new WeakMap<Language, { types: (string | null)[]; named: boolean[]; fields: (string | null)[] }>();
function tablesOf(lang: Language) {
  let t = languageTables.get(lang);
  if (!t) {
    const types = [...lang.types];
    t = { types, named: types.map((_, id) => lang.nodeTypeIsNamed(id)), fields: [...lang.fields] };
    languageTables.set(lang, t);
  }
  return t;
}

/** Copy `tree` (parsed from `text`) into arrays; the tree can be deleted afterwards. */
export function flattenTree(tree: Tree, text: string): SyntaxNode {
  const wasm = cursorWasm();
  const cursor = tree.walk();
  const w = wasm ? directWalker(cursor, tree, wasm) : publicWalker(cursor);
  let cap = 1024;
  let type = new Uint16Array(cap);
  let field = new Uint16Array(cap);
  let start = new Uint32Array(cap);
  let end = new Uint32Array(cap);
  let first = new Int32Array(cap);
  let next = new Int32Array(cap);
  const grow = () => {
    cap *= 2;
    const g = <A extends Uint16Array | Uint32Array | Int32Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(cap);
      b.set(a);
      return b;
    };
    [type, field, start, end, first, next] = [g(type), g(field), g(start), g(end), g(first), g(next)];
  };
  // Preorder: each node is added when the cursor reaches it and linked to its previous sibling or its parent.
  const parents: number[] = [];
  let prev = -1;
  let n = 0;
  try {
    walk: for (;;) {
      if (n === cap) grow();
      type[n] = w.typeId();
      field[n] = w.fieldId();
      start[n] = w.start();
      end[n] = w.end();
      first[n] = -1;
      next[n] = -1;
      if (prev >= 0) next[prev] = n;
      else if (parents.length) first[parents[parents.length - 1]!] = n;
      const i = n++;
      if (w.first()) {
        parents.push(i);
        prev = -1;
        continue;
      }
      prev = i;
      while (!w.next()) {
        if (!parents.length || !w.parent()) break walk;
        prev = parents.pop()!;
      }
    }
  } finally {
    w.done();
  }
  // Asked after the walk: the public API writes into the transfer buffer the direct walk kept its cursor in.
  const root = tree.rootNode;
  if (wasm && (type[0] !== root.typeId || end[0] !== root.endIndex || start[0] !== root.startIndex)) {
    // The binding did not behave as this walk expects: never again, and this tree through the public API.
    disableCursorWasm();
    return flattenTree(tree, text);
  }
  const t = tablesOf(tree.language);
  const flat: Flat = { text, ...t, type, field, start, end, first, next, nodes: new Array<SyntaxNode | undefined>(n), hasError: root.hasError, lines: null };
  return nodeAt(flat, 0);
}

function nodeAt(t: Flat, i: number): SyntaxNode {
  return (t.nodes[i] ??= new SyntaxNode(t, i));
}

/** 0-based row and column (UTF-16 units) of an index into the text. */
function pointAt(t: Flat, index: number): Point {
  const lines = (t.lines ??= lineStarts(t.text));
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return { row: lo, column: index - lines[lo]! };
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** One node of a flattened tree: the part of web-tree-sitter's `Node` the fact builders read. */
export class SyntaxNode {
  private kids: SyntaxNode[] | undefined;
  private namedKids: SyntaxNode[] | undefined;

  constructor(
    private readonly t: Flat,
    private readonly i: number,
  ) {}

  /** Unique within its tree. */
  get id(): number {
    return this.i;
  }
  get type(): string {
    const id = this.t.type[this.i]!;
    return id === ERROR_SYMBOL ? 'ERROR' : (this.t.types[id] ?? 'ERROR');
  }
  get isNamed(): boolean {
    const id = this.t.type[this.i]!;
    return id === ERROR_SYMBOL || this.t.named[id] === true;
  }
  get text(): string {
    return this.t.text.slice(this.t.start[this.i], this.t.end[this.i]);
  }
  get startIndex(): number {
    return this.t.start[this.i]!;
  }
  get endIndex(): number {
    return this.t.end[this.i]!;
  }
  get startPosition(): Point {
    return pointAt(this.t, this.t.start[this.i]!);
  }
  get endPosition(): Point {
    return pointAt(this.t, this.t.end[this.i]!);
  }
  /** Whether the tree has syntax errors (asked of the root). */
  get hasError(): boolean {
    return this.t.hasError;
  }
  get children(): SyntaxNode[] {
    if (!this.kids) {
      this.kids = [];
      for (let c = this.t.first[this.i]!; c >= 0; c = this.t.next[c]!) this.kids.push(nodeAt(this.t, c));
    }
    return this.kids;
  }
  get namedChildren(): SyntaxNode[] {
    return (this.namedKids ??= this.children.filter((c) => c.isNamed));
  }
  childForFieldName(name: string): SyntaxNode | null {
    for (let c = this.t.first[this.i]!; c >= 0; c = this.t.next[c]!) if (this.t.fields[this.t.field[c]!] === name) return nodeAt(this.t, c);
    return null;
  }
  /** Descendants (not the node itself) of a type, in document order. */
  descendantsOfType(type: string): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    const visit = (i: number) => {
      for (let c = this.t.first[i]!; c >= 0; c = this.t.next[c]!) {
        if (nodeAt(this.t, c).type === type) out.push(nodeAt(this.t, c));
        visit(c);
      }
    };
    visit(this.i);
    return out;
  }
}
