/**
 * Golden fixture helpers: run the analyzer over a fixture workspace and project the result onto sorted
 * lines, one per fact (`expected.txt`), that a person can review. Re-bless with `npm run test:update`.
 */
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { analyzeWorkspace, loadConfig, nodeFileSystem, parseConfig, type AnalysisResult, type Call, type Endpoint, type EndpointKind, type MethodOrAny } from '../src/core';

export const FIXTURES = resolve(__dirname, 'fixtures');

export async function analyzeFixture(dir: string): Promise<AnalysisResult> {
  const fs = nodeFileSystem(dir);
  const { config, file } = await loadConfig(fs);
  return analyzeWorkspace({ root: dir, fs, config, configFile: file });
}

/**
 * The result as committed in `expected.txt`: one line per fact, prefixed by its kind, kinds in a fixed
 * order, lines sorted within each kind (runs of digits in numeric order). Fields are separated by single
 * spaces; free text (notes, reasons, messages) comes last on its line, with newlines escaped as `\n`.
 * Locations are `file:line`, relative to the root; an optional field is shown only when it is set.
 *
 *   service <name> root=<root> framework=<fw> ports=<p,…|-> [baseUrl=<url>] [pathPrefix=<prefix>]
 *   route <METHOD|ANY|WS|ON|EMIT> <path> <framework> <file:line> service=<s> handler=<name|-> callers=<n> [possibleCallers=<n>] [testCallers=<n>] [uncalledCallers=<n>] [event=<e>] [kind=<k>] [method=<m>] [source=<src>] [variants=<path,…>] [usedBy="<consumer>"] [name=<route name|?>] [tags="<tag>",…] [ignored: <reason>] [partial[: <notes>]] [notes: <notes>]
 *   call <METHOD|ANY|WS> <path|?> <status> <file:line> client=<c> [kind=<k>] [method=<m>] [role=test] [in=<client method>(uncalled|only-tests-call-it)] [url=<url|?>] [→ <endpoint id>] [external origin=<o>] [reason: <r>] [via: a → b]
 *   gap <kind> <severity> <file:line> [event=<e>] <message> [related=<file:line>,…] [also=<file:line> "<message there>"]
 *   skipped <file> [extractor=<id>] <reason>
 *   note <level> [<file>] <message>
 *   summary endpoints=… used=… unused=… unchecked=… ignored=… calls=… resolved=… external=… missing=… methodMismatch=… coverage=… filesScanned=… filesParsed=…
 *
 * `WS` stands for a WebSocket route or call (`method=` only when not GET); `ON`/`EMIT` for a Socket.IO event
 * the server handles/emits (its path is the namespace, `event=` its name); other non-HTTP kinds show
 * `kind=` (`kind=page`). Notes are joined with `; `. `source=` appears when it is not `code`.
 *
 * Left out on purpose: `root` (absolute), columns and end positions, and ids (call ids are positions,
 * endpoint ids are `service:METHOD path`). Relations the ids carry stay visible: a call shows the id of
 * the endpoint it matched, and anything that does not follow the usual shape is spelled out — an
 * endpoint id that is not `service:METHOD path` (`id=`), `callers` that are not exactly the calls
 * matched to the endpoint (`callerIds=`), a gap whose subject is not the route or call at its line with
 * its method and path (`subject= method= path=`), a related location whose message is not the label of
 * the one route at that line (`"message"` after it), a `url` that differs from the path, a `resolved`
 * flag that contradicts the status, an origin on a call that is not external.
 */
export function goldenFacts(result: AnalysisResult): string {
  const at = (file: string, line: number): string => `${file}:${line}`;
  const method = (m: MethodOrAny | null): string => (m === null ? '?' : m === '*' ? 'ANY' : m);
  /** `WS` for a WebSocket (its method shown only when not GET), `kind=` for other non-HTTP kinds. */
  const verb = (x: { kind: EndpointKind; method: MethodOrAny; event?: string; side?: string }): { head: string; extra: string } =>
    x.event !== undefined
      ? { head: x.side === 'send' ? 'EMIT' : 'ON', extra: ` event=${x.event}${x.kind === 'socketio' ? '' : ` kind=${x.kind}`}` }
      : x.kind === 'websocket'
        ? { head: 'WS', extra: x.method === 'GET' ? '' : ` method=${method(x.method)}` }
        : { head: method(x.method), extra: x.kind === 'http' ? '' : ` kind=${x.kind}` };
  /** An endpoint's usual id: `service:METHOD path`, with ` on|emit event` for a real-time event. */
  const usualId = (e: AnalysisResult['endpoints'][number]): string =>
    `${e.service}:${e.method} ${e.path}${e.event !== undefined ? ` ${e.side === 'send' ? 'emit' : 'on'} ${e.event}` : ''}`;
  const text = (s: string): string => (s === '' ? '""' : s);

  const services = result.services.map(
    (s) =>
      `service ${s.name} root=${s.root} framework=${s.framework} ports=${s.ports.length ? s.ports.join(',') : '-'}` +
      (s.baseUrl !== undefined ? ` baseUrl=${text(s.baseUrl)}` : '') +
      (s.pathPrefix !== undefined ? ` pathPrefix=${text(s.pathPrefix)}` : ''),
  );

  const matchedTo = new Map<string, string[]>();
  for (const c of result.calls) if (c.endpoint !== null && c.role !== 'test' && !c.clientMethod) matchedTo.set(c.endpoint, [...(matchedTo.get(c.endpoint) ?? []), c.id]);
  const sameList = (a: readonly string[], b: readonly string[]): boolean => [...a].sort().join('\n') === [...b].sort().join('\n');

  const routes = result.endpoints.map((e) => {
    const v = verb(e);
    const notes = e.notes.map(text).join('; ');
    return (
      `route ${v.head} ${e.path} ${e.framework} ${at(e.file, e.line)} service=${e.service} handler=${e.handler ?? '-'} callers=${e.callers.length}${v.extra}` +
      (e.possibleCallers.length ? ` possibleCallers=${e.possibleCallers.length}` : '') +
      (e.testCallers.length ? ` testCallers=${e.testCallers.length}` : '') +
      (e.uncalledCallers?.length ? ` uncalledCallers=${e.uncalledCallers.length}` : '') +
      (e.source !== 'code' ? ` source=${e.source}` : '') +
      (e.variants ? ` variants=${e.variants.join(',')}` : '') +
      (e.usedBy ? ` usedBy=${JSON.stringify(e.usedBy)}` : '') +
      (e.name !== undefined ? ` name=${e.name ?? '?'}` : '') +
      (e.tags?.length ? ` tags=${e.tags.map((t) => JSON.stringify(t)).join(',')}` : '') +
      (e.id !== usualId(e) ? ` id=${e.id}` : '') +
      (sameList(e.callers, matchedTo.get(e.id) ?? []) ? '' : ` callerIds=${e.callers.join(',') || '-'}`) +
      (e.ignored !== null ? ` ignored: ${text(e.ignored)}` : '') +
      (e.confidence === 'exact' ? '' : e.confidence === 'partial' ? ' partial' : ` confidence=${e.confidence}`) +
      (notes ? (e.confidence === 'partial' ? `: ${notes}` : ` notes: ${notes}`) : '')
    );
  });

  const calls = result.calls.map((c) => {
    const v = verb(c);
    return (
      `call ${v.head} ${c.path ?? '?'} ${c.status} ${at(c.file, c.line)} client=${c.client}${v.extra}` +
      (c.role === 'test' ? ' role=test' : '') +
      (c.clientMethod ? ` in=${c.clientMethod.name}(${c.clientMethod.calledFrom === 'tests' ? 'only-tests-call-it' : 'uncalled'})` : '') +
      (c.url !== c.path ? ` url=${c.url ?? '?'}` : '') +
      (c.endpoint !== null ? ` → ${c.endpoint}` : '') +
      (c.external ? ` external origin=${c.origin ?? '-'}` : c.origin !== null ? ` origin=${c.origin}` : '') +
      (c.resolved !== (c.status !== 'unresolved') ? ` resolved=${c.resolved}` : '') +
      (c.reason !== null ? ` reason: ${text(c.reason)}` : '') +
      (c.via.length ? ` via: ${c.via.join(' → ')}` : '')
    );
  });

  const byId = new Map<string, Endpoint | Call>([...result.endpoints, ...result.calls].map((x) => [x.id, x]));
  const routeLabel = (e: Endpoint): string => `${method(e.method)} ${e.path}${e.handler ? ` (${e.handler})` : ''}`;
  const gaps = result.gaps.map((g) => {
    const s = byId.get(g.subject);
    const usual = s !== undefined && s.file === g.file && s.line === g.line && s.method === g.method && s.path === g.path;
    const related = g.related.map((r) => {
      const here = result.endpoints.filter((e) => e.file === r.file && e.line === r.line);
      return at(r.file, r.line) + (here.length === 1 && routeLabel(here[0]!) === r.message ? '' : ` ${JSON.stringify(r.message)}`);
    });
    return (
      `gap ${g.kind} ${g.severity} ${at(g.file, g.line)}` +
      (g.event !== undefined ? ` event=${text(g.event)}` : '') +
      (usual ? '' : ` subject=${g.subject} method=${method(g.method)} path=${g.path ?? '?'}`) +
      ` ${text(g.message)}` +
      (related.length ? ` related=${related.join(',')}` : '') +
      (g.also ? ` also=${at(g.also.file, g.also.line)} ${JSON.stringify(g.also.message)}` : '')
    );
  });

  const skipped = result.skipped.map((s) => `skipped ${s.file}${s.extractor !== undefined ? ` extractor=${s.extractor}` : ''} ${text(s.reason)}`);
  const notes = result.notes.map((n) => `note ${n.level}${n.file !== undefined ? ` ${n.file}` : ''} ${text(n.message)}`);
  const m = result.summary;
  const summary = `summary endpoints=${m.endpoints} used=${m.used} unused=${m.unused} unchecked=${m.unchecked} ignored=${m.ignored} calls=${m.calls} resolved=${m.resolvedCalls} external=${m.external} missing=${m.missing} methodMismatch=${m.methodMismatch} coverage=${m.coverage} filesScanned=${m.filesScanned} filesParsed=${m.filesParsed}`;

  // Never an absolute path: an analyser message that quotes the workspace root shows `<root>` instead.
  const root = isAbsolute(result.root) && result.root !== '/' ? result.root : null;
  const clean = (l: string): string => (root ? l.split(root).join('<root>') : l).replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  const sorted = (lines: string[]): string[] => lines.map(clean).sort(naturalOrder);
  return [services, routes, calls, gaps, skipped, notes, [summary]].flatMap(sorted).join('\n') + '\n';
}

/** Code-unit order, except that runs of digits compare as numbers (`a.py:7` before `a.py:12`). */
function naturalOrder(a: string, b: string): number {
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const numeric = /^\d/.test(p) && /^\d/.test(q);
    if (numeric && Number(p) !== Number(q)) return Number(p) - Number(q);
    return p < q ? -1 : 1;
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Every `test/fixtures/<extractor>/<scenario>/` and `test/fixtures/_workspaces/<name>/`. */
export function fixtureDirs(): Array<{ name: string; dir: string }> {
  const out: Array<{ name: string; dir: string }> = [];
  for (const group of readdirSync(FIXTURES).sort()) {
    if (group === '_template' || group === '_pending') continue;
    const g = join(FIXTURES, group);
    if (!statSync(g).isDirectory()) continue;
    for (const scenario of readdirSync(g).sort()) {
      const dir = join(g, scenario);
      if (statSync(dir).isDirectory()) out.push({ name: `${group}/${scenario}`, dir });
    }
  }
  return out;
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export { existsSync, parseConfig };
