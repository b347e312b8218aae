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

export function factsKey(k: KeyParts): string {
  const p = k.project;
  const project = [p.root, p.name, p.kinds, [...p.dependencies].sort(), Object.entries(p.versions).sort(), p.scriptPorts];
  return createHash('sha256')
    .update(JSON.stringify([FORMAT, k.parser, k.path, k.language, k.accepting, project, k.digest]))
    .digest('hex');
}

export function encodeOutcome(o: ParseOutcome): string {
  return JSON.stringify('failed' in o ? { failed: o.failed } : { parsed: o.parsed });
}

/** A stored outcome for the file at `path`, or null when the text is not one (it is then ignored). */
export function decodeOutcome(text: string, path: string): ParseOutcome | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObj(v)) return null;
  if (typeof v['failed'] === 'string') return { failed: v['failed'] };
  const parsed = v['parsed'];
  if (!isObj(parsed) || !isModule(parsed['module'], path) || !isDecls(parsed['decls']) || !Array.isArray(parsed['notes']) || !Array.isArray(parsed['warnings'])) return null;
  return { parsed: { ...(parsed as unknown as Parsed), module: withNullPrototypes(parsed['module'] as unknown as ModuleFacts) } };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isModule(m: unknown, path: string): boolean {
  if (!isObj(m) || m['file'] !== path || typeof m['language'] !== 'string') return false;
  if (!['bindings', 'imports', 'functions', 'classes'].every((k) => isObj(m[k]))) return false;
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
function withNullPrototypes(m: ModuleFacts): ModuleFacts {
  const bare = <T extends object>(o: T): T => Object.assign(Object.create(null) as T, o);
  return { ...m, bindings: bare(m.bindings), imports: bare(m.imports), functions: bare(m.functions), classes: bare(m.classes), exports: m.exports === null ? null : bare(m.exports) };
}
