/**
 * Client methods nobody calls: a named client helper, a service object's or class's method, or a
 * generated SDK function that makes a request, and whose name no application file mentions besides its
 * definition. Its requests are then not callers of the routes they reach (the unused-client-method rule
 * reports the method, and the route may become unused).
 *
 * Trust first: a method is "called" when its name appears anywhere else (a call, a reference passed as a
 * value, a string, a template attribute), so a finding means the name is written nowhere but at its
 * definition. Never candidates: nested and anonymous functions (callbacks, local handlers), members of
 * object literals that are not a module's named binding (`export default { mounted() {} }`,
 * `defineComponent({ setup() {} })`), PascalCase functions (components), default exports, framework entry
 * points called by name at run time (lifecycle hooks, loaders, route handlers), everything in a package
 * another codebase may import (a package.json with `main`/`module`/`exports` that is not `private`), and
 * the members of an object or class that a file indexes dynamically (`this[name]()`, `api[op](…)`).
 */
import type { Config } from '../../config';
import type { DraftCall } from '../../engine/requests';
import type { FileStore } from '../../engine/files';
import { FileMemo, memoKey, type MemoCodec, type MemoRow } from '../../engine/fileMemo';
import type { WrapperTemplate } from '../../frameworks/types';
import { projectOf, type Project } from '../../project/projects';
import { fileRole } from '../../project/roles';
import type { WorkspaceProgram } from '../../resolve/modules';
import { API_KINDS, type Span } from '../../types';

export interface ClientMethod extends Span {
  /** As the facts name it: `api.updateJob`, `IssueService.list`, `getAccount`. */
  readonly name: string;
  readonly file: string;
  /** `nowhere`: no file mentions it; `tests`: only tests, mocks and fixtures do (`testFiles`). */
  readonly calledFrom: 'nowhere' | 'tests';
  /** Test files that mention it. */
  readonly testFiles: readonly string[];
  /** The ids the http relation gives its requests' calls (filled there); none for a generated function. */
  readonly callIds: string[];
}

export interface ClientMethodIndex {
  readonly methods: readonly ClientMethod[];
  /** The uncalled method each draft's request sits in. */
  readonly byDraft: ReadonlyMap<DraftCall, ClientMethod>;
}

/** Names a framework calls at run time, never written at a call site. */
const ENTRY_POINTS = new Set([
  'constructor', 'render', 'componentDidMount', 'componentDidUpdate', 'componentWillMount', 'componentWillUnmount', 'UNSAFE_componentWillMount',
  'mounted', 'created', 'beforeMount', 'beforeCreate', 'beforeUpdate', 'updated', 'activated', 'deactivated', 'unmounted', 'beforeUnmount', 'destroyed', 'beforeDestroy',
  'setup', 'data', 'asyncData', 'fetch', 'fetchOnServer', 'head', 'middleware', 'validate', 'nuxtServerInit', 'serverPrefetch',
  'ngOnInit', 'ngOnChanges', 'ngAfterViewInit', 'ngAfterContentInit', 'ngOnDestroy', 'ngDoCheck', 'resolve', 'canActivate', 'intercept',
  'getServerSideProps', 'getStaticProps', 'getStaticPaths', 'getInitialProps', 'generateMetadata', 'generateStaticParams',
  'loader', 'action', 'clientLoader', 'clientAction', 'load', 'handle', 'handler', 'main', 'default', 'onMount', 'connectedCallback',
]);

const SCANNED = /\.(?:[cm]?[jt]sx?|vue|svelte|astro|html?|hbs|ejs|pug)$/i;
/** A call through a computed member with a non-literal key, `this[name](…)`, `api[op](…)`: its receiver. */
const INDEXED_CALL = /\]\s*(?:\?\.)?\(/;
const DYNAMIC_CALL = /([A-Za-z_$][\w$]*)\s*\[\s*[A-Za-z_$][\w$.]*\s*\]\s*(?:\?\.)?\(/g;

interface Candidate {
  readonly file: string;
  readonly fn: string;
  readonly name: string;
  readonly short: string;
  /** The object or class the method belongs to (`api`, `IssueService`), or null for a plain function. */
  readonly owner: string | null;
  readonly line: number;
}

export async function uncalledClientMethods(drafts: readonly DraftCall[], wrappers: ReadonlyMap<string, WrapperTemplate>, store: FileStore, program: WorkspaceProgram, projects: readonly Project[], config: Config, pause: () => Promise<void> = async () => {}): Promise<ClientMethodIndex> {
  const candidates = new Map<string, { c: Candidate; drafts: DraftCall[] }>();
  const called = new Set<string>();
  for (const d of drafts) if (d.spec.wrapper) called.add(`${d.spec.wrapper.file}#${d.spec.wrapper.id}`);
  const consider = (file: string, fn: string, d: DraftCall | null) => {
    const key = `${file}#${fn}`;
    let entry = candidates.get(key);
    if (entry === undefined) {
      const c = candidate(file, fn, program, projects, config);
      if (!c) return;
      entry = { c, drafts: [] };
      candidates.set(key, entry);
    }
    if (d) entry.drafts.push(d);
  };
  // Navigations and assets (`location = …`, `<img src>`) are not requests a client method makes.
  for (const d of drafts) if (d.decl.fn !== null && API_KINDS.includes(d.spec.kind)) consider(d.decl.file, d.decl.fn, d);
  // A generated SDK function nobody calls has no draft (its definition is not a call).
  for (const [key, w] of wrappers) if (w.spec.generated && !called.has(key)) consider(w.fn.file, w.fn.id, null);
  if (candidates.size === 0) return { methods: [], byDraft: new Map() };
  const use = await mentions([...candidates.values()].map((x) => x.c), store, config, pause);
  // Texts of the files that define candidates (for the name's span), not of every file: this runs on every edit.
  const defining = new Set([...candidates.values()].map((x) => x.c.file));
  const texts = new Map(store.entries().flatMap((e) => (defining.has(e.path) ? [[e.path, e.text ?? ''] as const] : [])));
  const methods: ClientMethod[] = [];
  const byDraft = new Map<DraftCall, ClientMethod>();
  for (const { c, drafts: own } of candidates.values()) {
    const u = use.get(c.short)!;
    if (u.app > 0 || (c.owner !== null && use.dynamicOwners.has(c.owner))) continue;
    const m: ClientMethod = { name: c.name, file: c.file, ...nameSpan(texts.get(c.file) ?? '', c), calledFrom: u.tests.size > 0 ? 'tests' : 'nowhere', testFiles: [...u.tests].sort(), callIds: [] };
    methods.push(m);
    for (const d of own) byDraft.set(d, m);
  }
  return { methods: methods.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line), byDraft };
}

/** The function as a client method, or null when it is not one this rule may judge. */
function candidate(file: string, fn: string, program: WorkspaceProgram, projects: readonly Project[], config: Config): Candidate | null {

  if (fileRole(config, file) === 'test' || projectOf(projects, file).library) return null;
  const mod = program.module(file);
  const fact = mod?.functions[fn];
  if (!mod || !fact || !/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(fact.name)) return null;
  const segments = fact.name.split('.');
  const short = segments[segments.length - 1]!;
  if (ENTRY_POINTS.has(short) || /^[A-Z]/.test(short) || short.length < 3) return null;
  const owner = segments.length > 1 ? segments[0]! : null;
  if (owner !== null) {
    // A named object (`export const api = { … }`) or a class: not an anonymous object a framework consumes.
    if (!mod.bindings[owner] && !mod.classes[owner]) return null;
    if (mod.exports?.['default'] === owner) return null;
  } else {
    const b = mod.bindings[short];
    if (!b || b.k !== 'func' || b.id !== fn || mod.exports?.['default'] === short) return null;
  }
  return { file, fn, name: fact.name, short, owner, line: fact.line };
}

interface Use {
  app: number;
  readonly tests: Set<string>;
}

/**
 * How often each candidate's short name is written in application code (its definitions taken away),
 * which test files write it, and which owners are indexed dynamically somewhere they are mentioned.
 */
async function mentions(candidates: readonly Candidate[], store: FileStore, config: Config, pause: () => Promise<void>): Promise<Map<string, Use> & { dynamicOwners: Set<string> }> {
  const use = new Map<string, Use>() as Map<string, Use> & { dynamicOwners: Set<string> };
  use.dynamicOwners = new Set();
  const owners = new Set<string>();
  const definitions = new Map<string, Map<string, number>>();
  const ownersIn = new Map<string, Set<string>>();
  for (const c of candidates) {
    use.set(c.short, { app: 0, tests: new Set() });
    if (c.owner) {
      owners.add(c.owner);
      ownersIn.set(c.file, (ownersIn.get(c.file) ?? new Set()).add(c.owner));
    }
    const inFile = definitions.get(c.file) ?? new Map<string, number>();
    inFile.set(c.short, (inFile.get(c.short) ?? 0) + 1);
    definitions.set(c.file, inFile);
  }
  const names = [...use.keys()].sort().join('\0');
  const namesId = nameSetId(names);
  // Earlier runs' scans for the same names, by file digest (a run after an edit in a new process).
  const kept = new FileMemo<Scanned>(store.memoPlace.store, memoKey('scans', [SCAN_FORMAT, store.memoPlace.root, names]), SCAN_CODEC);
  const scanned = new Set<string>();
  let n = 0;
  for (const e of store.entries()) {
    if (e.text === null || !SCANNED.test(e.path)) continue;
    // Most scans are kept from the last run: a pause every few files, not an await per file.
    if ((n++ & 31) === 0) await pause();
    scanned.add(e.path);
    const scan = scanOf(e, use, namesId, kept);
    // Most files mention no candidate: their role is not needed.
    if (scan.counts.size === 0 && scan.dynamic.length === 0) continue;
    const test = fileRole(config, e.path) === 'test';
    for (const [w, n] of scan.counts) {
      const left = n - (definitions.get(e.path)?.get(w) ?? 0);
      if (left <= 0) continue;
      if (test) use.get(w)!.tests.add(e.path);
      else use.get(w)!.app += left;
    }
    for (const receiver of scan.dynamic) {
      // `this[name]()` indexes the classes defined in this file; `api[op]()` and `reportService[op]()` their owner.
      for (const o of owners) if (receiver === o.toLowerCase() || (receiver === 'this' && ownersIn.get(e.path)?.has(o))) use.dynamicOwners.add(o);
    }
  }
  kept.save(scanned);
  return use;
}

/**
 * A file's mentions of the candidate names and its dynamic-call receivers, kept with its text: an edit
 * run asks about the same names, so only the edited files are scanned again (plane: scanning every
 * file's identifiers took 0.4 s of each edit).
 */
function scanOf(e: { readonly path: string; readonly text: string | null; readonly digest?: string }, names: ReadonlyMap<string, unknown>, namesId: number, kept: FileMemo<Scanned>): FileScan {
  const text = e.text ?? '';
  const hit = scans.get(e);
  if (hit && hit.text === text && hit.namesId === namesId) return hit;
  const scan = { text, namesId, ...kept.get(e.path, e.digest, '', () => scanText(text, names)) };
  scans.set(e, scan);
  return scan;
}

function scanText(text: string, names: ReadonlyMap<string, unknown>): Scanned {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/[A-Za-z_$][\w$]*/g)) {
    const w = m[0];
    if (names.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  // The full pattern is slow on long texts (it starts at every identifier): only where a call on an index may be.
  const dynamic = INDEXED_CALL.test(text) ? [...text.matchAll(DYNAMIC_CALL)].map((m) => m[1]!.toLowerCase()) : [];
  return { counts, dynamic };
}

interface Scanned {
  readonly counts: ReadonlyMap<string, number>;
  readonly dynamic: readonly string[];
}
interface FileScan extends Scanned {
  readonly text: string;
  readonly namesId: number;
}

/** Bump when a stored scan's shape changes. */
const SCAN_FORMAT = 1;

/** Stored: per path [content digest, [[name, count], …], dynamic receivers]. */
const SCAN_CODEC: MemoCodec<Scanned> = {
  encode: (rows) => JSON.stringify(Object.fromEntries([...rows].map(([path, r]) => [path, [r.digest, [...r.value.counts], r.value.dynamic]]))),
  decode(text) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      return null;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
    const rows = new Map<string, MemoRow<Scanned>>();
    for (const [path, r] of Object.entries(v)) {
      if (!Array.isArray(r) || r.length !== 3 || typeof r[0] !== 'string' || !Array.isArray(r[1]) || !Array.isArray(r[2])) return null;
      const counts: unknown[] = r[1];
      const dynamic: unknown[] = r[2];
      if (!counts.every((c) => Array.isArray(c) && c.length === 2 && typeof c[0] === 'string' && typeof c[1] === 'number') || !dynamic.every((d) => typeof d === 'string')) return null;
      rows.set(path, { digest: r[0], scope: '', value: { counts: new Map(counts as Array<[string, number]>), dynamic: dynamic as string[] } });
    }
    return rows;
  },
};
const scans = new WeakMap<object, FileScan>();

/** One id per distinct set of candidate names (the last few), so that a file's scan can be kept. */
function nameSetId(key: string): number {
  let id = nameSets.get(key);
  if (id === undefined) {
    if (nameSets.size >= 8) nameSets.clear();
    nameSets.set(key, (id = ++nameSetCount));
  }
  return id;
}
const nameSets = new Map<string, number>();
let nameSetCount = 0;

/** Where the method's name is written on its definition's line (the whole line when it is not there). */
function nameSpan(text: string, c: Candidate): Span {
  const lineText = text.split(/\r?\n/)[c.line - 1] ?? '';
  const at = new RegExp(`\\b${c.short.replace(/\$/g, '\\$')}\\b`).exec(lineText);
  if (!at) return { line: c.line, column: 1, endLine: c.line, endColumn: lineText.length + 1 };
  return { line: c.line, column: at.index + 1, endLine: c.line, endColumn: at.index + 1 + c.short.length };
}
