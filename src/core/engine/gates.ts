/**
 * The per-file gate (does the language pack skip the file as generated; which contributions of the
 * project's detected frameworks accept it) and its memo in the facts store. The gate is a function of
 * the file's path, its text, its project and the frameworks detected there (and of the analyser build,
 * which the store adds to every key): a decision is kept under a digest of the text and a digest of the
 * project with its detected frameworks, and reused only when both are the same, so a run after an edit
 * runs no gate regex over the files that did not change. One table per workspace root, rewritten when a
 * decision was made again or a file is gone; a stale or damaged table only costs the gates.
 */
import { createHash } from 'node:crypto';
import { CONTRIBUTION_KINDS, type FileRef, type Framework } from '../frameworks/types';
import type { LanguageSupport } from '../lang/types';
import type { Project } from '../project/projects';
import type { FactsStore } from './factsCache';
import { FileMemo, memoKey, type MemoRow } from './fileMemo';

/** Bump when the gate table's shape changes. */
const FORMAT = 1;

export interface GateDecision {
  /** Why the language pack skips the file as generated (minified), or null. */
  readonly generated: string | null;
  /** Contributions whose `accepts` passed, as `<kind>:<framework id>`. */
  readonly accepting: readonly string[];
  /** True when a non-lazy contribution accepts it. */
  readonly eager: boolean;
}

/** Gate a file (cheap: extension, path and marker checks, no parsing); a gate that throws does not accept. */
export function gate(ref: FileRef, text: string, detected: readonly Framework[], lang: Pick<LanguageSupport, 'offers' | 'generated'>): GateDecision {
  const generated = lang.generated?.(ref.path, text) ?? null;
  if (generated) return { generated, accepting: [], eager: false };
  const accepting: string[] = [];
  let eager = false;
  for (const fw of detected) {
    for (const kind of CONTRIBUTION_KINDS) {
      const c = fw[kind];
      if (!c || !c.languages.some((l) => lang.offers.includes(l))) continue;
      try {
        if (!c.accepts(ref, text)) continue;
      } catch {
        continue;
      }
      accepting.push(`${kind}:${fw.id}`);
      if (!(kind === 'requests' && fw.requests?.lazy)) eager = true;
    }
  }
  return { generated: null, accepting, eager };
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('base64');

/** A digest of a file's text (its bytes before decoding: decoding is part of the analyser build). */
export const contentDigest = (bytes: Uint8Array): string => sha256(bytes);

/**
 * A digest of everything a gate reads besides the file's path and text: the whole project (every field, so
 * one added later is covered too) and the ids of the frameworks detected in it, in order.
 */
export function gateScope(project: Project, detected: readonly Framework[]): string {
  const plain = (_k: string, v: unknown) => (v instanceof Set ? [...(v as Set<string>)].sort() : v instanceof Map ? [...(v as Map<string, unknown>)].sort() : v);
  return sha256(JSON.stringify([project, detected.map((f) => f.id)], plain));
}

/** Stored: the scopes and accepting lists once each, then per path [text digest, scope, accepting list, eager, generated]. */
interface Table {
  readonly scopes: string[];
  readonly lists: string[][];
  readonly rows: Record<string, [string, number, number, 0 | 1, string | null]>;
}

type Row = MemoRow<GateDecision>;

/** The gate decisions of one workspace root, read from the store when a run first gates a file. */
export class GateMemo extends FileMemo<GateDecision> {
  private readonly scopes = new Map<Project, string>();

  constructor(store: FactsStore | undefined, root: string) {
    super(store, memoKey('gates', [FORMAT, root]), { encode: encodeTable, decode: decodeTable });
  }

  /** {@link gateScope}, once per project. */
  scopeOf(project: Project, detected: readonly Framework[]): string {
    let s = this.scopes.get(project);
    if (s === undefined) this.scopes.set(project, (s = gateScope(project, detected)));
    return s;
  }
}

function encodeTable(rows: ReadonlyMap<string, Row>): string {
  const scopes = new Map<string, number>();
  const lists = new Map<string, number>();
  const index = (m: Map<string, number>, k: string) => m.get(k) ?? (m.set(k, m.size), m.size - 1);
  const out: Table['rows'] = {};
  for (const [path, { digest, scope, value: d }] of rows) {
    out[path] = [digest, index(scopes, scope), index(lists, JSON.stringify(d.accepting)), d.eager ? 1 : 0, d.generated];
  }
  return JSON.stringify({ scopes: [...scopes.keys()], lists: [...lists.keys()].map((l) => JSON.parse(l) as string[]), rows: out } satisfies Table);
}

/** The stored rows, or null when the text is not a table (it is then ignored). */
function decodeTable(text: string): Map<string, Row> | null {
  let t: Table;
  try {
    t = JSON.parse(text) as Table;
  } catch {
    return null;
  }
  if (typeof t !== 'object' || t === null || !Array.isArray(t.scopes) || !Array.isArray(t.lists) || typeof t.rows !== 'object' || t.rows === null) return null;
  if (!t.lists.every((l) => Array.isArray(l) && l.every((x) => typeof x === 'string'))) return null;
  const decisions = new Map<string, GateDecision>();
  const rows = new Map<string, Row>();
  for (const [path, r] of Object.entries(t.rows)) {
    if (!Array.isArray(r) || r.length !== 5) return null;
    const [digest, scope, list, eager, generated] = r;
    const accepting = t.lists[list];
    if (typeof digest !== 'string' || typeof t.scopes[scope] !== 'string' || !accepting || (eager !== 0 && eager !== 1) || (generated !== null && typeof generated !== 'string')) return null;
    const dk = JSON.stringify(r.slice(2));
    let decision = decisions.get(dk);
    if (!decision) decisions.set(dk, (decision = { generated, accepting, eager: eager === 1 }));
    rows.set(path, { digest, scope: t.scopes[scope]!, value: decision });
  }
  return rows;
}
