/**
 * The facts cache, engine side: what a file's parse leaves (module facts, declarations, notes; or why it
 * failed) is stored as JSON under a key made of everything the parse depends on: the file's path and
 * text, its language, the contributions that accept it, its project, the JS parser, and the analyser
 * build (added by the store). The store (`diskFactsStore` in core/fs.ts) keeps text with a checksum;
 * what it returns is still validated here, and anything unexpected is ignored, never trusted.
 */
import { createHash } from 'node:crypto';
import { CONTRIBUTION_KINDS } from '../frameworks/types';
import type { Project } from '../project/projects';
import type { ModuleFacts } from '../resolve/sym';
import type { Parsed } from './types';

/** Where cached parses live between runs; keys are hex digests, values JSON text. */
export interface FactsStore {
  /** The text stored under `key`, or null (absent, from another analyser build, or damaged). */
  get(key: string): string | null;
  /** Remember `text` under `key`; written by {@link FactsStore.flush} at the latest. */
  set(key: string, text: string): void;
  /** Write what was set (each entry atomically) and keep the store within its size cap; never throws. */
  flush(): Promise<void>;
}

/** Bump when the shape of a cached outcome (or of its key) changes. */
const FORMAT = 2;

export type ParseOutcome = { readonly parsed: Parsed } | { readonly failed: string };

export interface KeyParts {
  readonly parser: string;
  readonly path: string;
  readonly language: string;
  readonly accepting: readonly string[];
  readonly project: Project;
  /**
   * A digest of the file's content: of its bytes (`b…`, see `contentDigest`) when it was read with a facts
   * store, else of its decoded text (`t…`, {@link textDigest}); the prefix keeps the two apart.
   */
  readonly digest: string;
}

export const textDigest = (text: string): string => createHash('sha256').update(text).digest('base64');

/** Each project's part of the key, once per project (projects are not changed once listed). */
const projectParts = new WeakMap<Project, string>();

export function factsKey(k: KeyParts): string {
  const p = k.project;
  let project = projectParts.get(p);
  if (project === undefined) projectParts.set(p, (project = JSON.stringify([p.root, p.name, p.kinds, [...p.dependencies].sort(), Object.entries(p.versions).sort(), p.scriptPorts])));
  // JSON texts hold no NUL: the parts are told apart.
  return createHash('sha256')
    .update(`${JSON.stringify([FORMAT, k.parser, k.path, k.language, k.accepting])}\0${project}\0${k.digest}`)
    .digest('hex');
}

/** The module's name tables: stored one value at a time, each decoded when first read (a run reads a few). */
const TABLES = ['bindings', 'imports', 'functions', 'classes'] as const;

/**
 * A head line (JSON: the outcome without the module's name tables, and each table's keys with the length
 * of each value's JSON text) and then the values' JSON texts, one after the other.
 */
export function encodeOutcome(o: ParseOutcome): string {
  if ('failed' in o) return JSON.stringify({ failed: o.failed });
  const m = o.parsed.module;
  const values: string[] = [];
  const lazy: Record<string, Array<string | number>> = {};
  for (const t of TABLES) {
    const list: Array<string | number> = (lazy[t] = []);
    for (const [k, v] of Object.entries(m[t])) {
      if (v === undefined) continue; // as JSON.stringify does
      const json = JSON.stringify(v);
      list.push(k, json.length);
      values.push(json);
    }
  }
  const head = JSON.stringify({ parsed: { ...o.parsed, module: { ...m, bindings: 0, imports: 0, functions: 0, classes: 0 } }, lazy });
  return `${head}\n${values.join('')}`;
}

/** A stored outcome for the file at `path`, or null when the text is not one (it is then ignored). */
export function decodeOutcome(text: string, path: string): ParseOutcome | null {
  const nl = text.indexOf('\n');
  let v: unknown;
  try {
    v = JSON.parse(nl < 0 ? text : text.slice(0, nl));
  } catch {
    return null;
  }
  if (!isObj(v)) return null;
  if (typeof v['failed'] === 'string') return nl < 0 ? { failed: v['failed'] } : null;
  const parsed = v['parsed'];
  if (nl < 0 || !isObj(parsed) || !isModule(parsed['module'], path) || !isDecls(parsed['decls']) || !Array.isArray(parsed['notes']) || !Array.isArray(parsed['warnings'])) return null;
  const tables = lazyTables(text.slice(nl + 1), v['lazy']);
  if (!tables) return null;
  const m = parsed['module'] as unknown as ModuleFacts;
  return { parsed: { ...(parsed as unknown as Parsed), module: { ...m, ...tables, exports: m.exports === null ? null : bare(m.exports) } } };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isModule(m: unknown, path: string): boolean {
  if (!isObj(m) || m['file'] !== path || typeof m['language'] !== 'string') return false;
  if (m['exports'] !== null && !isObj(m['exports'])) return false;
  return Array.isArray(m['reexports']) && Array.isArray(m['deps']) && m['deps'].every((d) => typeof d === 'string');
}

function isDecls(d: unknown): boolean {
  return isObj(d) && CONTRIBUTION_KINDS.every((k) => isObj(d[k]) && Object.values(d[k]).every(Array.isArray));
}

/**
 * The language packs build a module's name tables without a prototype (a binding named `constructor` is
 * not Object's); JSON gives plain objects back, so the tables get their null prototype again.
 */
const bare = <T extends object>(o: T): T => Object.assign(Object.create(null) as T, o);

type Tables = Pick<ModuleFacts, (typeof TABLES)[number]>;

/**
 * The name tables over `values` (the entry's text after its head line): each key is in its place from the start (its value
 * decoded when first read, see {@link LazyValues}). Null unless the keys and lengths cover the texts exactly
 * (a value's text is the JSON.stringify output the entry was written with; the store checks the entry's
 * checksum).
 */
function lazyTables(values: string, lazy: unknown): Tables | null {
  if (!isObj(lazy)) return null;
  const text = detached(values);
  let at = 0;
  const out: Record<string, Record<string, unknown>> = {};
  for (const t of TABLES) {
    const list = lazy[t];
    if (!Array.isArray(list) || list.length % 2 !== 0) return null;
    const table = Object.create(null) as Record<string, unknown>;
    const pending = new Map<string, number>();
    const offsets = [at];
    for (let i = 0; i < list.length; i += 2) {
      const key: unknown = list[i];
      const len: unknown = list[i + 1];
      if (typeof key !== 'string' || typeof len !== 'number' || !Number.isInteger(len) || len <= 0 || pending.has(key)) return null;
      table[key] = undefined;
      pending.set(key, offsets.length - 1);
      offsets.push((at += len));
    }
    out[t] = pending.size ? new Proxy(table, new LazyValues(text, offsets, pending)) : table;
  }
  return at === values.length ? (out as unknown as Tables) : null;
}

/**
 * The text with a character added, flattened: a copy that keeps no reference to the text it was cut from
 * (V8 keeps a slice's whole parent alive, here the entry's head, already decoded). Offsets are unchanged.
 */
function detached(s: string): string {
  const copy = `${s} `;
  Number(copy); // flattens the concatenation (it then drops its parts)
  return copy;
}

/**
 * A name table whose values are decoded when first read: a plain table (no prototype, every key in its
 * place) behind a proxy that decodes a value the first time it is read (or its descriptor asked for)
 * and forgets the stored text of one that is written, defined or deleted first.
 */
class LazyValues implements ProxyHandler<Record<string, unknown>> {
  constructor(
    private readonly text: string,
    private readonly offsets: readonly number[],
    private readonly pending: Map<string, number>,
  ) {}

  private settle(table: Record<string, unknown>, key: string | symbol): void {
    const i = typeof key === 'string' ? this.pending.get(key) : undefined;
    if (i === undefined) return;
    this.pending.delete(key as string);
    table[key as string] = JSON.parse(this.text.slice(this.offsets[i], this.offsets[i + 1]));
  }
  get(table: Record<string, unknown>, key: string | symbol): unknown {
    this.settle(table, key);
    return table[key as string];
  }
  getOwnPropertyDescriptor(table: Record<string, unknown>, key: string | symbol): PropertyDescriptor | undefined {
    this.settle(table, key);
    return Reflect.getOwnPropertyDescriptor(table, key);
  }
  set(table: Record<string, unknown>, key: string | symbol, value: unknown): boolean {
    if (typeof key === 'string') this.pending.delete(key);
    return Reflect.set(table, key, value);
  }
  defineProperty(table: Record<string, unknown>, key: string | symbol, desc: PropertyDescriptor): boolean {
    if (typeof key === 'string') this.pending.delete(key);
    return Reflect.defineProperty(table, key, desc);
  }
  deleteProperty(table: Record<string, unknown>, key: string | symbol): boolean {
    if (typeof key === 'string') this.pending.delete(key);
    return Reflect.deleteProperty(table, key);
  }
}
