/**
 * The request direction of payload-mismatch: a field a request's JSON body sends that the route's
 * handler never reads off `req.body` (seed 001: `{ refreshToken }` against `req.body.refresh_token`).
 * Judged only when the body is one literal object and every read of the handler's request body is a
 * named field (a body used whole, spread or passed on is never judged).
 */
import type { Call, Endpoint } from '../../types';
import type { PayloadRelation } from '../../relations/payload';
import { caseStyle, styleless } from '../../relations/payload/shape';
import { nearestKind } from '../../relations/events/nearest';
import type { Finding } from '../types';

export function requestFindings(call: Call, site: string, ep: Endpoint, payload: PayloadRelation): Finding[] {
  const sent = payload.sends.get(site);
  const body = payload.endpointBodies?.get(ep.id) ?? payload.bodies.get(`${ep.file}:${ep.line}:${ep.column}`);
  if (!sent || !body || typeof body.fields === 'string' || body.fields.size === 0) return [];
  const read = body.fields;
  const names = [...read];
  const out: Finding[] = [];
  for (const field of sent.fields) {
    if (read.has(field)) continue;
    const same = names.find((f) => styleless(f) === styleless(field));
    const near = same ?? nearestKind(field, names);
    const hint = same
      ? ` It reads \`${same}\`: the names differ only in case style (${caseStyle(field)} against ${caseStyle(same)}).`
      : near
        ? ` Did you mean \`${near}\`?`
        : ` It reads ${names.slice(0, 6).map((f) => `\`${f}\``).join(', ')}${names.length > 6 ? ', …' : ''}.`;
    out.push({
      method: ep.method,
      path: ep.path,
      ...sent.at,
      message: `Sends \`${field}\` in the body of ${ep.method} ${ep.path}, but the handler never reads it.${hint}`,
      related: [{ file: body.at.file, line: body.at.line, column: body.at.column, message: `${ep.method} ${ep.path} reads ${names.map((f) => `\`${f}\``).join(', ')} from its request body` }],
      subject: call.id,
      also: { file: body.at.file, line: body.at.line, column: body.at.column, message: `${ep.method} ${ep.path} never reads \`${field}\`, which ${sent.at.file}:${sent.at.line} sends in its request body.` },
    });
  }
  return out;
}
