/**
 * Settings an axios app makes in one file for requests made in others: `client.defaults.baseURL = …`
 * (a base, see engine/sharedBases.ts), and a client given a name on every component — `Vue.prototype.$http
 * = axios`, `app.config.globalProperties.$api = api`, `app.use(VueAxios, axios)` (vue-axios gives it
 * `axios` and `$http`) — so that `this.$http.get(url)` in a component is a request of that client.
 */
import type { JsFileFacts } from '../../../lang/js/facts';
import { axiosTarget, type AxiosTarget } from '../../../lang/js/clients';
import { THIS_PARAM, type Sym } from '../../../resolve/sym';
import type { ClientDecl, ResolveContext } from '../../types';

/** The names vue-axios gives its client on every component. */
const VUE_AXIOS_NAMES = ['axios', '$http'];

/** The setting declarations of one file. */
export function settingDecls(file: string, js: JsFileFacts): ClientDecl[] {
  const out: ClientDecl[] = [];
  for (const d of js.defaultsSets ?? []) {
    const at = { file, fn: d.fn, span: d.span, anchor: d.span };
    if (d.holder === 'defaults' && d.prop === 'baseURL') out.push({ ...at, callee: d.target, args: d.conditional ? [d.value, { k: 'dyn', text: 'conditional' }] : [d.value], setting: true });
    else if (d.holder === 'globalProperties' || (d.holder === 'prototype' && isVuePrototype(d.target, d.prop))) out.push({ ...at, callee: d.target, args: [d.value], setting: true, global: d.prop });
  }
  for (const c of js.calls) {
    // `Vue.use(VueAxios, axios)`, `app.use(VueAxios, axios)`.
    const plugin = c.args[0];
    if (c.callee.k !== 'member' || c.callee.prop !== 'use' || plugin?.k !== 'ref' || js.module.imports[plugin.name]?.specifier !== 'vue-axios' || !c.args[1]) continue;
    for (const name of VUE_AXIOS_NAMES) out.push({ file, fn: c.fn, span: c.span, anchor: c.anchor, callee: c.callee.obj, args: [c.args[1]], setting: true, global: name });
  }
  return out;
}

/** `this.<name>`, in a class method or an object's (`this` of a Vue component's `methods`). */
export function isThisMember(sym: Sym): sym is Extract<Sym, { k: 'member' }> {
  if (sym.k !== 'member') return false;
  const o = sym.obj;
  return (o.k === 'param' && o.index === THIS_PARAM) || (o.k === 'dyn' && o.text === 'this');
}

/** `Vue.prototype.x = …` or `<anything>.prototype.$x = …` (an instance property by Vue's convention), not a class's methods. */
function isVuePrototype(target: Sym, prop: string): boolean {
  return prop.startsWith('$') || (target.k === 'ref' && target.name === 'Vue');
}

/**
 * The client `this.<name>` stands for in a component when the project gives every component that name
 * (one client, the same wherever it is set), with the file that sets it; null otherwise.
 */
export function globalTarget(ctx: ResolveContext, file: string, sym: Sym): { target: AxiosTarget; file: string } | { unresolved: string } | null {
  if (!isThisMember(sym) || !ctx.globalClients) return null;
  const found = ctx.globalClients(file, sym.prop);
  const targets = found.map((f) => ({ target: axiosTarget(f.value, ctx.evaluator), file: f.file }));
  const first = targets[0];
  if (!first?.target) return null;
  // Set more than once (two apps' main files in one project, say): the same named client, or not known.
  if (targets.length > 1 && targets.some((t) => !t.target || t.target.key === null || t.target.key !== first.target!.key)) {
    return { unresolved: `\`this.${sym.prop}\` is given different clients (${found.map((f) => f.file).join(', ')})` };
  }
  return { target: first.target, file: first.file };
}
