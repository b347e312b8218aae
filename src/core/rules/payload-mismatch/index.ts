/**
 * payload-mismatch: a field the frontend reads off a route's answer that the route never sends (seed
 * 001: the backend answers `access_token`, the login page reads `data.accessToken`). Judged only where
 * both sides are seen: the call is matched to one route, every answer of that route is a literal or a
 * model (relations/payload/shape.ts), and the read is off the body as the client hands it back (`await
 * res.json()` for fetch and other Response-returning clients, `.data` for axios without a response
 * interceptor). When the only difference is the case style, the message says so.
 */
import type { Call, Endpoint } from '../../types';
import type { PayloadRead } from '../../relations/payload';
import { caseStyle, styleless } from '../../relations/payload/shape';
import { nearestKind } from '../../relations/events/nearest';
import type { Finding, GapRule } from '../types';
import { requestFindings } from './request';
import { eventArgFindings, wsReadFindings } from './events';

/**
 * The reads that are off the body, for this call's client; none when the client's answer is not known. A
 * call's own type argument (`typed`) declares the body only for clients whose generic is the body
 * (axios without a response interceptor, Angular's HttpClient), and never through a wrapper function.
 */
function bodyReads(call: Call, reads: readonly PayloadRead[], resultIsBody: boolean, okOnly: boolean, wrapped: boolean): PayloadRead[] {
  const axios = call.client === 'axios' || call.client.startsWith('axios:');
  const typed = (r: PayloadRead): boolean => r.via === 'typed' && !wrapped && !resultIsBody && ((axios && !r.unwrapped) || call.client === 'HttpClient');
  // Fields of the successful answers only: a read that may see an error answer (`res.json()`) is not judged.
  if (okOnly) return reads.filter((r) => (r.via === 'data' && axios && !r.unwrapped && !resultIsBody) || typed(r));
  if (resultIsBody) return reads.filter((r) => r.via === 'result');
  return reads.filter((r) => r.via === 'json' || (r.via === 'data' && axios && !r.unwrapped) || typed(r));
}

/** `file:line:column` of the whole call expression: the start of the call's id (its span is the anchor). */
function callSite(call: Call): string {
  const m = /^(\d+):(\d+)/.exec(call.id.startsWith(`${call.file}:`) ? call.id.slice(call.file.length + 1) : '');
  return m ? `${call.file}:${m[1]}:${m[2]}` : `${call.file}:${call.line}:${call.column}`;
}

const rule: GapRule = {
  meta: {
    kind: 'payload-mismatch',
    title: 'Payload mismatches',
    name: 'PayloadMismatch',
    short: 'The frontend reads a field the backend never sends, sends one it never reads, or a real-time message is read or sent in another shape.',
    full: "The frontend reads a field off an endpoint's answer that the endpoint's handler never sends, so the value is always undefined (often a case-style difference such as `access_token` against `accessToken`). Likewise a field the frontend sends in a JSON body that the handler never reads off the request body. Only reported when every answer of the handler is a literal object or a model the analyzer can read (and the read is off the decoded body), or when the body sent is one literal object and the handler reads only named fields of its request body. A Socket.IO event emitted with an object while every handler at the other end uses its argument as a string is reported too, and so is a field a WebSocket message handler reads (`msg.payload` under `case \"jobStatus\":`) that no message of that kind from the other end carries, when every such message is a literal object. Rename one side, or map the field.",
    defaultSeverity: 'warning',
    configurable: true,
    subject: 'call',
  },
  check({ endpoints, relations }) {
    const payload = relations.payload;
    if (!payload) return [];
    const byId = new Map<string, Endpoint>(endpoints.map((e) => [e.id, e]));
    const out: Finding[] = [...eventArgFindings(relations.events.facts), ...wsReadFindings(relations.events.facts)];
    for (const { call } of relations.http.matches) {
      if (call.status !== 'matched' || call.endpoint === null || call.role !== 'app') continue;
      const site = callSite(call);
      const reads = payload.reads.get(site);
      const ep = byId.get(call.endpoint);
      if (!ep || ep.source !== 'code') continue;
      out.push(...requestFindings(call, site, ep, payload));
      if (!reads) continue;
      const answer = payload.endpointAnswers?.get(ep.id) ?? payload.answers.get(`${ep.file}:${ep.line}:${ep.column}`);
      if (!answer || typeof answer.fields === 'string' || answer.fields.size === 0) continue;
      const sent = [...answer.fields];
      const seen = new Set<string>();
      for (const r of bodyReads(call, reads, payload.bodyResults.has(site), answer.okOnly === true, payload.wrapped?.has(site) === true)) {
        if (answer.fields.has(r.field) || seen.has(r.field)) continue;
        seen.add(r.field);
        const same = sent.find((f) => styleless(f) === styleless(r.field));
        const near = same ?? nearestKind(r.field, sent);
        const hint = same
          ? ` It sends \`${same}\`: the names differ only in case style (${caseStyle(same)} against ${caseStyle(r.field)}).`
          : near
            ? ` Did you mean \`${near}\`?`
            : ` It sends ${sent.slice(0, 6).map((f) => `\`${f}\``).join(', ')}${sent.length > 6 ? ', …' : ''}.`;
        out.push({
          method: ep.method,
          path: ep.path,
          file: r.at.file,
          line: r.at.line,
          column: r.at.column,
          endLine: r.at.endLine,
          endColumn: r.at.endColumn,
          message: r.declared
            ? `Declares the answer of ${ep.method} ${ep.path} as \`${r.declared.type}\`, whose required \`${r.field}\` the handler never sends.${hint}`
            : `Reads \`${r.field}\` from the answer of ${ep.method} ${ep.path}, but the handler never sends it.${hint}`,
          related: [
            ...(r.declared ? [{ file: r.declared.at.file, line: r.declared.at.line, column: r.declared.at.column, message: `\`${r.declared.type}\` declares \`${r.field}\`` }] : []),
            { file: answer.at.file, line: answer.at.line, column: answer.at.column, message: `${ep.method} ${ep.path} answers with ${sent.map((f) => `\`${f}\``).join(', ')}` },
            { file: call.file, line: call.line, column: call.column, message: 'the request' },
          ],
          subject: call.id,
          also: { file: answer.at.file, line: answer.at.line, column: answer.at.column, message: `${ep.method} ${ep.path} never sends \`${r.field}\`, which ${r.at.file}:${r.at.line} ${r.declared ? `declares in its answer's type \`${r.declared.type}\`` : 'reads from its answer'}.${hint}` },
        });
      }
    }
    return out;
  },
};
export default rule;
