/**
 * `<base href>`: a URL without a leading slash (`api/users`, `./health`) is resolved by the browser
 * against the base of the page that runs the script. The pages of the workspace that declare one are
 * read (only when some call has such a URL), and each governs the scripts it loads: its inline scripts,
 * the files its `<script src>` names and, for the `index.html` of a bundled app (a package.json project,
 * at its root, `src/` or `public/`), every file of that project. A literal base is applied (`/app/` +
 * `api/users` = `/app/api/users`, named in the call's steps); a base that cannot be evaluated (a template
 * `{{ base }}`, one set by a script) or several pages with different bases leave the call unresolved,
 * naming them. A script no page with a base governs keeps its URL read from the app's root.
 */
import { dirname, join, normalize, scriptSrcSpecifiers } from '../path';
import { projectOf, type Project } from '../project/projects';
import { displayParts, interpretUrl } from '../match/url';
import type { Part } from '../resolve/evaluate';
import type { DraftCall } from './drafts';
import { readSmallText } from './smallText';
import type { RunContext } from './types';

/** A page that declares a base: its literal value, or null with why it cannot be evaluated. */
export interface PageBase {
  readonly page: string;
  readonly href: string | null;
  readonly why?: string;
  /** Workspace files the page loads with `<script src>`. */
  readonly scripts: readonly string[];
  /** The project it is the entry page of (a bundled app's `index.html`), or null. */
  readonly app: string | null;
}

const BASE_TAG = /<base\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/i;
const SCRIPT_SRC = /<script\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
/** A base written by a script: `document.write('<base href=…')`, `createElement('base')`, `querySelector('base').href = …`. */
const SCRIPTED_BASE = /createElement\(\s*['"]base['"]\s*\)|document\.write(?:ln)?\([^)]*<base\b|querySelector\(\s*['"]base['"]\s*\)\s*(?:\.href\s*=|\.setAttribute\()/i;
/** Template syntax a server or build fills in (`{{ base }}`, `<%= BASE_URL %>`, `${base}`, `%BASE_URL%`). */
const TEMPLATED = /\{\{|\{%|<%|\$\{|%[A-Z_]+%|\[\[/;

/** The base a page declares, from its text (null: it declares none). */
export function readPageBase(text: string): { href: string | null; why?: string } | null {
  const tag = BASE_TAG.exec(text);
  if (SCRIPTED_BASE.test(text)) return { href: null, why: 'is set by a script at run time' };
  if (!tag) return null;
  const href = (tag[1] ?? tag[2] ?? tag[3] ?? '').trim();
  if (href === '') return { href: null, why: 'is empty' };
  if (TEMPLATED.test(href)) return { href: null, why: `is filled in when the page is served (\`${href}\`)` };
  return { href };
}

/** Is `page` the entry page of its bundled app: `index.html` at the root, in `src/` or `public/` of a package.json project? */
function appOf(page: string, projects: readonly Project[]): string | null {
  const p = projectOf(projects, page);
  if (!p.manifests.some((m) => m.endsWith('package.json'))) return null;
  const rel = p.root === '.' ? page : page.slice(p.root.length + 1);
  return /^(?:(?:src|public)\/)?index\.html?$/i.test(rel) ? p.root : null;
}

/** The workspace files a page's `<script src>` tags name (relative to the page, or root-relative from a folder above it). */
function scriptsOf(page: string, text: string, fileSet: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const dir = page.includes('/') ? dirname(page) : '.';
  for (const m of text.matchAll(SCRIPT_SRC)) {
    const hit = scriptSrcSpecifiers(page, m[1] ?? m[2] ?? m[3] ?? '')
      .map((spec) => normalize(join(dir, spec)))
      .find((f) => fileSet.has(f));
    if (hit) out.push(hit);
  }
  return out;
}

/** The pages that declare a base. */
export async function loadPageBases(ctx: RunContext, files: readonly string[], projects: readonly Project[]): Promise<PageBase[]> {
  const fileSet = new Set(files);
  const out: PageBase[] = [];
  for (const page of files) {
    if (!/\.html?$/i.test(page)) continue;
    const text = await readSmallText(ctx, page, 512 * 1024);
    if (text === null || !/<base\b|['"]base['"]/i.test(text)) continue;
    const base = readPageBase(text);
    if (base) out.push({ page, ...base, scripts: scriptsOf(page, text, fileSet), app: appOf(page, projects) });
  }
  return out;
}

/** Does the call's URL start with a path relative to the document (`api/x`, `./x`, `../x`)? */
export function isDocRelative(d: DraftCall): boolean {
  const first = d.parts[0];
  if (d.target.kind !== 'relative' || !first || !('lit' in first)) return false;
  const t = first.lit.trimStart();
  return t !== '' && !/^[/?#]/.test(t);
}

/** The calls with the bases of the pages that run them applied; pages are read only when a call needs them. */
export async function withPageBases(ctx: RunContext, files: readonly string[], projects: readonly Project[], drafts: readonly DraftCall[]): Promise<DraftCall[]> {
  if (!drafts.some(isDocRelative)) return [...drafts];
  const pages = await loadPageBases(ctx, files, projects);
  if (pages.length === 0) return [...drafts];
  return drafts.map((d) => (isDocRelative(d) ? applyPageBase(d, pages, projectOf(projects, d.decl.file).root) : d));
}

/** One call under the pages that govern its file. */
export function applyPageBase(d: DraftCall, pages: readonly PageBase[], project: string): DraftCall {
  const file = d.decl.file;
  const governing = pages.filter((p) => p.page === file || p.scripts.includes(file) || p.app === project);
  if (governing.length === 0) return d;
  const named = (p: PageBase) => `\`<base href="${p.href ?? '?'}">\` (${p.page})`;
  const url = displayParts(d.parts).trimStart();
  const bad = governing.find((p) => p.href === null);
  if (bad) return unresolved(d, `the URL \`${url}\` is relative to the page's base, which ${bad.why ?? 'cannot be evaluated'} (${bad.page})`);
  const hrefs = [...new Set(governing.map((p) => p.href!))];
  if (hrefs.length > 1) return unresolved(d, `the URL \`${url}\` is relative to the page's base, and the pages that run it set different ones: ${governing.map(named).join(', ')}`);
  // Only the leading literal is relative to the base; the parts after it (run-time segments) stay as they are.
  const first = d.parts[0] as { lit: string };
  const parts: Part[] = [{ lit: resolveAgainst(hrefs[0]!, first.lit.trimStart()) }, ...d.parts.slice(1)];
  return { ...d, parts, target: interpretUrl(parts), via: [...d.via, `base ${named(governing[0]!)}`] };
}

function unresolved(d: DraftCall, why: string): DraftCall {
  return { ...d, target: { kind: 'dynamic', why } };
}

/** `rel` (no leading slash) against `base` as a browser does: from the base's folder, `./` and `../` applied. */
export function resolveAgainst(base: string, rel: string): string {
  const origin = /^(?:[a-z][\w+.-]*:)?\/\/[^/]*/i.exec(base)?.[0] ?? '';
  const path = base.slice(origin.length).split(/[?#]/)[0]!;
  const segs = (path.startsWith('/') ? path : `/${path}`).split('/').slice(1, -1);
  let rest = rel;
  for (;;) {
    if (rest.startsWith('./')) rest = rest.slice(2);
    else if (rest.startsWith('../')) {
      segs.pop();
      rest = rest.slice(3);
    } else break;
  }
  return `${origin}/${segs.map((s) => `${s}/`).join('')}${rest}`;
}
