/**
 * Next.js route handler stub: `app/<path>/route.ts` exporting the method and answering 501, in the App
 * Router of the sibling route (a new file, or the export appended to the route file of that path).
 * Folders Next.js reads specially (`(group)`, `_private`, `@slot`) are never written.
 */
import { lines, type StubContribution } from '../../../fixes/stubText';

const EXPORTS = (m: string) => new RegExp(`export\\s+(?:async\\s+)?(?:function\\s+|const\\s+|let\\s+)${m}\\b|export\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`);

export const nextjsStub: StubContribution = {
  fileBased: true,
  routeStub(input) {
    const m = /^((?:.*\/)?app)\/(?:.*\/)?route\.(ts|js|tsx|jsx|mjs)$/.exec(input.sibling.file);
    if (!m) return { reason: 'the route is not an App Router route handler' };
    if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].includes(input.method)) return { reason: `a route handler cannot export ${input.method}` };
    const folders: string[] = [];
    // Follow the sibling's folders while they serve the same path (route groups kept): `app/(ee)/api/faqs/…`.
    const own = input.sibling.file.slice(m[1]!.length + 1).split('/').slice(0, -1);
    let k = 0;
    for (const f of own) {
      const s = input.segments[k];
      if (/^\(.*\)$/.test(f)) folders.push(f);
      else if (s && ('lit' in s ? f === s.lit : /^\[[A-Za-z_]\w*\]$/.test(f) && f === `[${s.param}]`)) {
        folders.push(f);
        k++;
      } else break;
    }
    for (const s of input.segments.slice(k)) {
      if ('param' in s) folders.push(`[${s.param}]`);
      else if (/^[(_@[]/.test(s.lit)) return { reason: `the segment ${JSON.stringify(s.lit)} has a meaning of its own to Next.js` };
      else folders.push(s.lit);
    }
    while (folders.length && /^\(.*\)$/.test(folders[folders.length - 1]!)) folders.pop();
    const ext = m[2] === 'tsx' || m[2] === 'jsx' || m[2] === 'mjs' ? (m[2].startsWith('t') ? 'ts' : 'js') : m[2]!;
    const file = [m[1], ...folders, `route.${ext}`].join('/');
    const handler = `export async function ${input.method}() {\n  return Response.json({ error: 'Not implemented' }, { status: 501 });\n}\n`;
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    if (input.files.some((f) => f.startsWith(dir) && /^page\.(tsx|jsx|ts|js|mdx)$/.test(f.slice(dir.length)))) return { reason: `${dir} has a page, which a route handler cannot sit beside` };
    const existing = input.readFile(file);
    if (existing === null) return { edits: [{ file, create: true, line: 1, column: 1, text: handler }], reveal: { file, line: 1, column: 1 } };
    if (EXPORTS(input.method).test(existing)) return { reason: `${file} already exports ${input.method}` };
    const all = lines(existing);
    const last = all[all.length - 1]!;
    return { edits: [{ file, line: all.length, column: last.length + 1, text: `${last === '' ? '' : '\n'}\n${handler}` }], reveal: { file, line: all.length + 1, column: 1 } };
  },
};
