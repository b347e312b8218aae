/**
 * Text helpers the route-stub writers share: reading a registration's path literal and receiver at a
 * route's span, finding the end of a call statement, the decorator block above a handler, and picking a
 * handler name the file does not use yet. Text-level and conservative: when the shape is not the plain
 * one expected, they answer null and the fix is not offered.
 */
import type { Span } from '../types';

/** A new route's path, relative to its router: whole segments, each a literal or a named parameter. */
export type StubSegment = { readonly lit: string } | { readonly param: string };

export interface StubInput {
  readonly method: string;
  /** Relative to the router that holds `sibling` (its prefix removed); `[]` for the router's root. */
  readonly segments: readonly StubSegment[];
  /** An existing route of the same framework in the router module (the stub goes next to it). */
  readonly sibling: { readonly file: string; readonly handler: string | null; readonly span: Span };
  /** The sibling's file text. */
  readonly text: string;
  /** Versions of the service's dependencies (`axum` → `0.8`). */
  readonly versions: Readonly<Record<string, string>>;
  /** The service's files (root-relative), for a registration that lives in another module. */
  readonly files: readonly string[];
  /** Text of a root-relative file, or null when it does not exist. */
  readFile(path: string): string | null;
  /** Whether the service already has a route at the new route's path (another method of it). */
  readonly samePath?: boolean;
}

export interface StubEdit {
  readonly line: number;
  readonly column: number;
  /** Replaces up to here when set (1-based, exclusive); an insertion otherwise. */
  readonly end?: { readonly line: number; readonly column: number };
  readonly text: string;
  /** Another file of the workspace (a registration elsewhere); the sibling's file when absent. */
  readonly file?: string;
  /** A new file (`text` is all of it; line and column are 1). */
  readonly create?: boolean;
}

export type StubResult = { readonly edits: readonly StubEdit[]; readonly reveal: { readonly line: number; readonly column: number; readonly file?: string } } | { readonly reason: string };

export const lines = (text: string): string[] => text.split(/\r?\n/);
export const indentOf = (line: string): string => /^[ \t]*/.exec(line)![0];

/** 0-based offset of a 1-based line/column. */
export function offsetOf(text: string, line: number, column: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return off + column - 1;
}

/** 1-based line/column of a 0-based offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** The text of a span. */
export function spanText(text: string, s: Span): string {
  return text.slice(offsetOf(text, s.line, s.column), offsetOf(text, s.endLine, s.endColumn));
}

/** The offset just past the `)` closing the `(` at `open`, skipping strings and comments; null when unbalanced. */
export function closingParen(text: string, open: number, limit = 20_000): number | null {
  const end = closingBracket(text, open, limit);
  return end !== null && text[end - 1] === ')' ? end : null;
}

/** The offset just past the bracket closing the `(`, `[` or `{` at `open`, skipping strings and comments; null when unbalanced. */
export function closingBracket(text: string, open: number, limit = 20_000): number | null {
  let depth = 0;
  const end = Math.min(text.length, open + limit);
  for (let i = open; i < end; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      const q = c;
      for (i++; i < end && text[i] !== q; i++) if (text[i] === '\\' && q !== '`') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < end && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return null;
      i = close + 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return null;
}

/** The route path literal of a registration `name("…"` / `@x.name("…", …)` / `#[name("…")]`: its text, or '' when it has no argument. */
export function registrationPath(spanSrc: string): string | null {
  const m = /^(?:@|#\[)?[\w$.:]*\s*\(\s*(?:(["'`])([^"'`\\$]*)\1\s*(?:[,)]|$)|\)|$)/.exec(spanSrc.trim());
  if (!m) return null;
  return m[2] ?? '';
}

/** Lines of the decorator (or attribute) block ending at `line` (1-based): its first line. */
export function decoratorBlockStart(all: readonly string[], line: number, marker: RegExp = /^\s*@/): number {
  let l = line;
  while (l > 1 && marker.test(all[l - 2]!)) l--;
  return l;
}

/** `post_users_id` / `postUsersId`, made unique in `text`. */
export function handlerName(method: string, segments: readonly StubSegment[], style: 'snake' | 'camel', text: string): string {
  const words = [method.toLowerCase(), ...segments.flatMap((s) => ('lit' in s ? s.lit : `by ${s.param}`).split(/[^A-Za-z0-9]+/)).filter(Boolean)];
  let base = style === 'snake' ? words.map((w) => w.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()).join('_') : words.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w.toLowerCase())).join('');
  if (!/^[A-Za-z_]/.test(base)) base = `h_${base}`;
  let name = base;
  for (let i = 2; new RegExp(`\\b${name}\\b`).test(text); i++) name = `${base}${style === 'snake' ? '_' : ''}${i}`;
  return name;
}

/** The path in a framework's syntax: `:id`, `{id}` or `<id>`. */
export function renderPath(segments: readonly StubSegment[], param: (name: string) => string, leadingSlash = true): string {
  const body = segments.map((s) => ('lit' in s ? s.lit : param(s.param))).join('/');
  return leadingSlash ? `/${body}` : body;
}

/** The 1-based line after the last top-level import of a module (`from x import (…)` spans included), or 1. */
export function afterImports(all: readonly string[], re: RegExp): number {
  let after = 1;
  for (let i = 0; i < all.length; i++) {
    if (!re.test(all[i]!)) continue;
    let j = i;
    if (all[i]!.includes('(') && !all[i]!.includes(')')) while (j < all.length - 1 && !all[j]!.includes(')')) j++;
    after = j + 2;
    i = j;
  }
  return after;
}

/** Writes a route stub next to an existing route of the framework (text edits; no I/O). */
export interface StubContribution {
  routeStub(input: StubInput): StubResult;
  /**
   * File-based routing (Next.js): the stub takes the whole path, whatever route it is placed after
   * (default: the prefix is what the route's path adds to the literal at its registration).
   */
  readonly fileBased?: boolean;
  /** The path literal at a route's registration when it is not the span's first argument (axum's `.route("/x", get(h))`). */
  pathLiteral?(text: string, span: Span): string | null;
}
