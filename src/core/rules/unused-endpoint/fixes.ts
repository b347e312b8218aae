/**
 * Fixes for an unused endpoint: scaffold a proxy route to it in the workspace's web app (Next.js App
 * Router, Nuxt, SvelteKit, Remix, Astro), a Vite `server.proxy` entry, a Next.js server action, or a
 * client function in the frontend's own client style (`clientFunction.ts`), preferring the app that
 * already calls its service. Ignoring it with a reason is the server's generic ignore action.
 */
import { isInside } from '../../path';
import { clientFunction } from '../../fixes/clientFunction';
import { findNextApps, scaffoldProxyRoute } from '../../fixes/scaffoldProxy';
import type { FixContext, FixPlan } from '../../fixes/types';
import { findViteApps, viteProxyEntry } from '../../fixes/viteProxy';
import { findWebApps, serverAction, webProxy } from '../../fixes/webProxies';
import type { Endpoint } from '../../types';

export function unusedEndpointFixes(ctx: FixContext): FixPlan[] {
  const ep = ctx.result.endpoints.find((e) => e.id === ctx.gap.subject);
  if (!ep) return [];
  const plans: FixPlan[] = [];
  const proxy = nextProxy(ctx, ep);
  if (proxy) plans.push(proxy);
  if (ep.kind !== 'http') return plans;
  const client = clientFunction(ctx, ep);
  if (client) plans.push(client);
  if (ep.framework === 'nextjs') return plans;
  const service = ctx.result.services.find((s) => s.name === ep.service);
  const byCalls = <T extends { project: { root: string } }>(apps: T[]) => apps.filter((a) => !service || a.project.root !== service.root).sort((a, b) => callsToService(ctx, ep.service, b.project.root).length - callsToService(ctx, ep.service, a.project.root).length);
  const web = byCalls(findWebApps(ctx))[0];
  const webPlan = web ? webProxy(ctx, ep, web) : null;
  if (webPlan) plans.push(webPlan);
  const vite = byCalls(findViteApps(ctx))[0];
  // An app that already calls the service by its own address needs no proxy.
  const direct = vite ? callsToService(ctx, ep.service, vite.project.root) : [];
  const vitePlan = vite && !(direct.length && direct.every((c) => !c.url?.startsWith('/'))) ? viteProxyEntry(ctx, ep, vite) : null;
  if (vitePlan) plans.push(vitePlan);
  const next = byCalls(findNextApps(ctx.workspace))[0];
  const action = next ? serverAction(ctx, ep, next) : null;
  if (action) plans.push(action);
  return plans;
}

/** Calls from under `root` that reach `ep`'s service. */
export function callsToService(ctx: FixContext, service: string, root: string) {
  const ids = new Set(ctx.result.endpoints.filter((e) => e.service === service).map((e) => e.id));
  return ctx.result.calls.filter((c) => c.endpoint && ids.has(c.endpoint) && isInside(c.file, root));
}

function nextProxy(ctx: FixContext, ep: Endpoint): FixPlan | null {
  if (ep.framework === 'nextjs' || ep.kind !== 'http') return null;
  const service = ctx.result.services.find((s) => s.name === ep.service);
  // A Next.js app other than the endpoint's own service, preferring one that already calls it.
  const apps = findNextApps(ctx.workspace).filter((a) => !service || a.project.root !== service.root);
  if (apps.length === 0) return null;
  const app = [...apps].sort((a, b) => callsToService(ctx, ep.service, b.project.root).length - callsToService(ctx, ep.service, a.project.root).length)[0]!;
  const envNames = [...new Set(callsToService(ctx, ep.service, app.project.root).flatMap((c) => c.via.filter((v) => v.startsWith('env ')).map((v) => v.slice(4))))];
  const origin = service?.baseUrl ?? `http://localhost:${service?.ports[0] ?? 8000}`;
  const plan = scaffoldProxyRoute({ analyzer: ctx.workspace, endpoint: ep, app, envNames, defaultOrigin: origin, readFile: (p) => ctx.readFile(p) });
  if ('reason' in plan) {
    ctx.log(`no proxy scaffold for ${ep.method} ${ep.path}: ${plan.reason}`);
    return null;
  }
  if (!plan.exists) {
    const line = Math.max(0, plan.text.split('\n').findIndex((l) => l.startsWith('export async function'))) + 1;
    return { title: plan.title, kind: 'proxy-route', preferred: true, edits: [{ t: 'create', file: plan.file, text: plan.text }], reveal: { file: plan.file, line, column: 1 } };
  }
  const lines = (ctx.readFile(plan.file) ?? '').split('\n');
  const edits: FixPlan['edits'][number][] = [{ t: 'insert', file: plan.file, line: lines.length, column: lines[lines.length - 1]!.length + 1, text: plan.text }];
  if (plan.importInsert) edits.unshift({ t: 'insert', file: plan.file, line: plan.importInsert.line + 1, column: 1, text: plan.importInsert.text });
  return { title: plan.title, kind: 'proxy-route', preferred: true, edits, reveal: { file: plan.file, line: lines.length + 1 + (plan.importInsert ? 1 : 0), column: 1 } };
}
