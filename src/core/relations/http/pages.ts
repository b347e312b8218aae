/**
 * Forms that submit to their own page (`RequestSpec.page`): a `<form>` without `action` in a template
 * posts to the URL of each route that renders the template. The facts come as drafts: `render` (a view
 * renders a template, `python/template-views`), `include` (a template includes another) and `form`
 * (`markup/self-forms`). A form becomes one call per page known to render its template (or a template
 * including it), to that route's path: a template no known route renders gives no call, and neither
 * does a view two modules could mean, a route with a catch-all path, or a route not taking the form's method.
 */
import type { DraftCall } from '../../engine/requests';
import type { ServiceIndex } from '../../engine/services';
import { methodMatches, type EndpointRec } from './matcher';
import { pushTo } from '../../multimap';

/** A route rendering the form's template; `through`: the template that includes it there, outermost first. */
type Page = { readonly ep: EndpointRec; readonly view: string; readonly file: string; readonly through: readonly string[] };

/** The drafts with the page facts taken out and each self-submitting form turned into its calls. */
export function expandPages(drafts: readonly DraftCall[], services: ServiceIndex): DraftCall[] {
  if (!drafts.some((d) => d.spec.page)) return [...drafts];
  const renders = new Map<string, Array<{ view: string; file: string }>>();
  const includers = new Map<string, Set<string>>();
  for (const d of drafts) {
    const p = d.spec.page;
    if (p?.role === 'render' && p.view) pushTo(renders, p.template, { view: p.view, file: d.decl.file });
  }
  const names = [...renders.keys()];
  for (const d of drafts) {
    const p = d.spec.page;
    if (p?.role === 'include' && p.view && !longerName(d.decl.file, p.view, names)) includers.set(p.template, (includers.get(p.template) ?? new Set()).add(p.view));
  }
  const endpoints = services.recs.flatMap((s) => s.endpoints).filter((e) => e.ep.handler !== null && e.ep.kind !== 'socketio' && e.ep.kind !== 'websocket');
  const out: DraftCall[] = [];
  for (const d of drafts) {
    const p = d.spec.page;
    if (!p) out.push(d);
    else if (p.role === 'form' && !longerName(d.decl.file, p.template, names)) out.push(...formCalls(d, pagesOf(p.template, renders, includers, endpoints, new Set()), endpoints));
  }
  return out;
}

/**
 * Is the template file addressed by a longer name some view renders (`admin/teams/teams.html` for
 * `themes/admin/templates/teams/teams.html`, a theme or blueprint loader's prefix)? Then its short name
 * (`teams/teams.html`) means another file, and it is not that name's page.
 */
function longerName(file: string, name: string, names: readonly string[]): boolean {
  const folders = file.slice(0, file.length - name.length).split('/');
  return names.some((n) => n.length > name.length && n.endsWith(`/${name}`) && n.slice(0, -name.length - 1).split('/').every((f) => folders.includes(f)));
}

/**
 * The routes that render `template`, directly or through the templates including it. A view no route
 * is known to have, a view two modules could mean, or a catch-all route adds no page; the pages that are
 * known still count (the form is rendered in each of them, whatever other pages show it).
 */
function pagesOf(template: string, renders: ReadonlyMap<string, ReadonlyArray<{ view: string; file: string }>>, includers: ReadonlyMap<string, ReadonlySet<string>>, endpoints: readonly EndpointRec[], seen: Set<string>): Page[] {
  if (seen.has(template)) return [];
  seen.add(template);
  const out: Page[] = [];
  for (const r of renders.get(template) ?? []) {
    const eps = endpoints.filter((e) => isHandler(e, r.view, r.file) && !e.ep.path.includes('{...') && !e.ep.path.includes('*'));
    if (eps.some((e) => claimants(e, r.view, renders) > 1)) continue;
    for (const ep of eps) out.push({ ep, view: r.view, file: r.file, through: [] });
  }
  for (const parent of includers.get(template) ?? []) {
    out.push(...pagesOf(parent, renders, includers, endpoints, seen).map((p) => ({ ...p, through: [...p.through, parent] })));
  }
  return out;
}

/**
 * Is the route's handler the view (`show_product`; a class view's `ChildAdd` or `ChildAdd.get`), declared
 * where the route is (Flask's decorator) or beside it (Django's `urls.py` next to `views.py`, when the
 * view's module declares no route itself)?
 */
function isHandler(e: EndpointRec, view: string, file: string): boolean {
  const h = e.ep.handler!;
  if (h !== view && !h.startsWith(`${view}.`)) return false;
  return e.ep.file === file || (dir(e.ep.file) === dir(file) && !e.service.endpoints.some((x) => x.ep.file === file));
}

/** How many modules' views of that name could be the route's handler. */
function claimants(e: EndpointRec, view: string, renders: ReadonlyMap<string, ReadonlyArray<{ view: string; file: string }>>): number {
  const files = new Set<string>();
  for (const list of renders.values()) for (const r of list) if (r.view === view && isHandler(e, view, r.file)) files.add(r.file);
  return files.size;
}

function dir(file: string): string {
  return file.slice(0, file.lastIndexOf('/') + 1);
}

/**
 * One call per distinct page path, to that path, with the view that renders it in `via`. A page whose
 * routes do not take the form's method gives none: a script most likely submits that form.
 */
function formCalls(d: DraftCall, pages: readonly Page[], endpoints: readonly EndpointRec[]): DraftCall[] {
  const byPath = new Map<string, Page>();
  const takes = (p: Page) => endpoints.some((e) => e.service === p.ep.service && e.ep.path === p.ep.ep.path && methodMatches(e.ep.method, d.method));
  for (const p of pages) if (!byPath.has(p.ep.ep.path) && takes(p)) byPath.set(p.ep.ep.path, p);
  const list = [...byPath.values()].sort((a, b) => a.ep.ep.path.localeCompare(b.ep.ep.path));
  return list.map((p, i) => {
    const path = p.ep.ep.path || '/';
    const parts = path.split(/(\{[^}]*\})/).filter((s) => s !== '').map((s) => (s.startsWith('{') ? { dyn: s.slice(1, -1) } : { lit: s }));
    const via = [...d.via, `rendered by ${p.view} (${p.file})${p.through.length ? ` through ${p.through.join(' → ')}` : ''}`];
    return { ...d, spec: { ...d.spec, onlyServed: false }, parts, target: { kind: 'relative' as const, path }, via, alternative: list.length > 1 ? i + 1 : null, urlChoice: i, methodChoices: 1 };
  });
}
